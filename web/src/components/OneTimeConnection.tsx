import { useEffect, useId, useRef } from 'react';
import type { ConnectionDetails } from '../types';
import { CopyButton } from './CopyButton';
import { DescriptionItem } from './DescriptionItem';

interface OneTimeConnectionProps {
  /** Whose login this is, such as "The owner of alpha_foods". */
  intro: string;
  connection: ConnectionDetails;
  /** What to do when the password is lost, such as "rotate it for a new one". */
  ifLost: string;
  onDone: () => void;
}

/**
 * A new database password with the rest of its connection details. The server gives the
 * password once and keeps no copy: it lives only in this component's props, never in storage.
 */
export function OneTimeConnection({ intro, connection, ifLost, onDone }: OneTimeConnectionProps) {
  const headingId = useId();
  const panel = useRef<HTMLElement>(null);

  // Move focus here, so that keyboard and screen reader users notice it before it is gone.
  useEffect(() => {
    panel.current?.focus();
  }, [connection]);

  const password = connection.password ?? '';
  return (
    <section ref={panel} className="one-time" aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId}>Password shown once — copy it now</h3>
      <p>
        {intro}. Oxygis Cloud keeps no copy of this password and will not show it again; if it is lost,{' '}
        {ifLost}.
      </p>
      <dl className="description-list">
        <DescriptionItem term="Host">
          <code>{connection.host}</code>
        </DescriptionItem>
        <DescriptionItem term="Port">
          <code>{connection.port}</code>
        </DescriptionItem>
        <DescriptionItem term="Database">
          <code>{connection.database}</code>
        </DescriptionItem>
        <DescriptionItem term="User">
          <code>{connection.user}</code>
        </DescriptionItem>
        <DescriptionItem term="Password">
          <code className="secret">{password}</code>
        </DescriptionItem>
        <DescriptionItem term="Connection URI">
          <code className="uri">{connection.uri}</code>
        </DescriptionItem>
        <DescriptionItem term="CA certificate">
          <code>{connection.caFile}</code>
        </DescriptionItem>
      </dl>
      <p className="field-hint">
        Connections must use TLS; the URI makes the client check the server against the CA certificate above.
      </p>
      <div className="button-row">
        <CopyButton text={connection.uri} label="Copy URI" />
        {password !== '' && <CopyButton text={password} label="Copy password" />}
        <button type="button" className="button button-small" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
