import { useState } from 'react';
import { canManageCredentials } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OneTimeConnection } from '../../components/OneTimeConnection';
import { useAccount } from '../../session';
import type { Client, ConnectionDetails, CredentialsResponse } from '../../types';
import { useApi } from '../../useApi';
import { CredentialsTable } from './CredentialsTable';
import { GrantCredentialForm } from './GrantCredentialForm';

/** A password just issued (granted or rotated): kept in memory until dismissed, never stored. */
interface Issued {
  intro: string;
  connection: ConnectionDetails;
}

/**
 * Personal logins on the client's database. Its administrators (and operators) grant, rotate and
 * revoke everyone's; a client user sees and rotates its own.
 */
export function CredentialsSection({ client }: { client: Client }) {
  const account = useAccount();
  const manage = canManageCredentials(account);
  const credentials = useApi<CredentialsResponse>(
    `/api/clients/${encodeURIComponent(client.slug)}/credentials`,
  );
  const [issued, setIssued] = useState<Issued>();
  const list = credentials.data?.credentials;
  const { reload } = credentials;
  const running = client.instance?.running === true;

  function show(intro: string, connection: ConnectionDetails) {
    setIssued({ intro, connection });
    reload();
  }

  function revoked() {
    setIssued(undefined);
    reload();
  }

  return (
    <section className="card" aria-labelledby="logins-heading">
      <div className="card-header">
        <h2 id="logins-heading">Personal database logins</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={reload}
          disabled={credentials.loading}
        >
          Refresh
        </button>
      </div>
      <p className="muted">
        {manage
          ? 'Each person gets a login role of their own, read only or read and write. Its password is shown once: rotate it for a new one (the old one stops working at once), or revoke the login to drop the role and end its sessions.'
          : 'Your own login role on the database. Its password is shown once: rotate it for a new one; the old one stops working at once.'}
      </p>
      {!running && (
        <p className="note note-warning">
          The database is not running, so logins cannot be granted, rotated or revoked until it runs again.
        </p>
      )}
      {issued !== undefined && (
        <OneTimeConnection
          intro={issued.intro}
          connection={issued.connection}
          ifLost="rotate the login for a new one"
          onDone={() => setIssued(undefined)}
        />
      )}
      <ErrorAlert error={credentials.error} />
      {list === undefined && credentials.loading && <p role="status">Loading logins…</p>}
      {list?.length === 0 && (
        <p>
          {manage
            ? 'Nobody has a personal login yet.'
            : 'You have no personal login yet; ask your administrator to grant you one.'}
        </p>
      )}
      {list !== undefined && list.length > 0 && (
        <CredentialsTable
          credentials={list}
          clientSlug={client.slug}
          canRevoke={manage}
          onRotated={(credential, connection) =>
            show(
              `New password for ${credential.accountEmail} (login role ${connection.user}); the old password no longer works`,
              connection,
            )
          }
          onRevoked={revoked}
        />
      )}
      {manage && (
        <GrantCredentialForm
          client={client}
          taken={list?.map((credential) => credential.accountEmail) ?? []}
          onGranted={(email, connection) =>
            show(`Login for ${email} (login role ${connection.user})`, connection)
          }
        />
      )}
    </section>
  );
}
