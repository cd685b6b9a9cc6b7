import { useState } from 'react';
import { useAccount, useRefreshSession } from '../../session';
import { MfaDisableForm } from './MfaDisableForm';
import { MfaEnrollment } from './MfaEnrollment';
import { RecoveryCodes } from './RecoveryCodes';

export function TwoFactorSection() {
  const account = useAccount();
  const refreshSession = useRefreshSession();
  /** What this section just changed, until the reloaded session says the same. */
  const [enabledHere, setEnabledHere] = useState<boolean>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const enabled = enabledHere ?? account.mfa.enabled;

  function finishEnrollment() {
    setRecoveryCodes(undefined);
    setEnabledHere(true);
    refreshSession();
  }

  function disabled() {
    setEnabledHere(false);
    refreshSession();
  }

  let content;
  if (recoveryCodes !== undefined) {
    // Shown once: the session is reloaded only when the user says the codes are stored.
    content = <RecoveryCodes codes={recoveryCodes} onDone={finishEnrollment} />;
  } else if (!enabled) {
    content = (
      <>
        <p>
          Two-factor authentication is <strong>off</strong>. With it on, signing in also asks for a code from
          an authenticator app on your phone (such as Aegis, Google Authenticator or 1Password).
        </p>
        <MfaEnrollment onEnabled={setRecoveryCodes} />
      </>
    );
  } else {
    content = (
      <>
        <p>
          Two-factor authentication is <strong>on</strong>. Signing in asks for a code from your authenticator
          app, or one of your recovery codes.
        </p>
        {account.mfa.required ? (
          <p className="muted">It is required for your account, so it cannot be turned off.</p>
        ) : (
          <MfaDisableForm onDisabled={disabled} />
        )}
      </>
    );
  }

  return (
    <section id="two-factor" className="card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor authentication</h2>
      {content}
    </section>
  );
}
