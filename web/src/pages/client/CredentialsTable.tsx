import type { ConnectionDetails, DatabaseCredential } from '../../types';
import { CredentialRow } from './CredentialRow';

interface CredentialsTableProps {
  credentials: readonly DatabaseCredential[];
  clientSlug: string;
  /** Administrators revoke; a client user only rotates its own. */
  canRevoke: boolean;
  onRotated: (credential: DatabaseCredential, connection: ConnectionDetails) => void;
  onRevoked: () => void;
}

export function CredentialsTable({
  credentials,
  clientSlug,
  canRevoke,
  onRotated,
  onRevoked,
}: CredentialsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Login role</th>
            <th scope="col">Mode</th>
            <th scope="col">Created</th>
            <th scope="col">Rotated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((credential) => (
            <CredentialRow
              key={credential.id}
              credential={credential}
              clientSlug={clientSlug}
              canRevoke={canRevoke}
              onRotated={(connection) => onRotated(credential, connection)}
              onRevoked={onRevoked}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
