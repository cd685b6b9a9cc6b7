import { useEffect, useMemo, type ReactNode } from 'react';
import { mustEnrollMfa } from '../access';
import { onMfaEnrollmentRequired } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { SessionContext } from '../session';
import type { SessionResponse } from '../types';
import { useApi } from '../useApi';
import { Header } from './Header';
import { MfaEnrollmentGate } from './MfaEnrollmentGate';
import { SideNav } from './SideNav';

/**
 * Layout of every signed-in page. Without a session the user is sent to /sign-in; an account
 * that must set up a second factor first gets only that (and signing out).
 */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useApi<SessionResponse>('/api/auth/session');
  const { reload } = session;
  const account = session.data?.account;

  // A call refused with mfa_enrollment_required means the policy changed under us: look again.
  useEffect(() => onMfaEnrollmentRequired(reload), [reload]);

  const value = useMemo(
    () => (account === undefined ? null : { account, refresh: reload }),
    [account, reload],
  );

  if (value === null) {
    return (
      <main className="shell-pending">
        {session.error === undefined ? (
          <p role="status">Loading…</p>
        ) : (
          <>
            <ErrorAlert error={session.error} />
            <button type="button" className="button" onClick={session.reload} disabled={session.loading}>
              Try again
            </button>
          </>
        )}
      </main>
    );
  }

  const gated = mustEnrollMfa(value.account);
  return (
    <SessionContext value={value}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className={gated ? 'shell shell-gated' : 'shell'}>
        <Header />
        {!gated && <SideNav />}
        <main id="main" className="shell-main" tabIndex={-1}>
          {gated ? <MfaEnrollmentGate /> : children}
        </main>
      </div>
    </SessionContext>
  );
}
