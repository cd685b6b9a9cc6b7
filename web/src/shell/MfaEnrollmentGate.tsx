import { useEffect } from 'react';
import { TwoFactorSection } from '../pages/profile/TwoFactorSection';
import { navigate, useLocation } from '../router';
import { useAccount } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';

/**
 * Shown instead of any page while the account must set up a second factor: the server refuses
 * everything else until then. The address becomes the profile's two-factor section.
 */
export function MfaEnrollmentGate() {
  useDocumentTitle('Set up two-factor authentication');
  const account = useAccount();
  const { pathname } = useLocation();

  useEffect(() => {
    if (pathname !== '/profile') navigate('/profile#two-factor', { replace: true });
  }, [pathname]);

  const who =
    account.kind === 'staff'
      ? 'The hosting team requires it for staff accounts.'
      : 'Your organisation requires it for all of its accounts.';
  return (
    <>
      <div className="page-header">
        <h1>Profile</h1>
      </div>
      <div className="stack">
        <div className="note note-warning">
          <p>
            <strong>Set up two-factor authentication to continue.</strong> {who} Until it is set up, the rest
            of the console is locked; you can only set it up here or sign out.
          </p>
        </div>
        <TwoFactorSection />
      </div>
    </>
  );
}
