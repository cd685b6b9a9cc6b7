import type { ApiTokensResponse } from '../../types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../useApi';
import { ApiTokenRow } from './ApiTokenRow';

export function ApiTokensSection() {
  const tokens = useApi<ApiTokensResponse>('/api/auth/tokens');
  const list = tokens.data?.tokens;

  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">
        The command line (<code>oxygis login</code>) and your scripts sign in with these tokens. Revoke one
        you no longer use, or that may have leaked.
      </p>
      <ErrorAlert error={tokens.error} />
      {list === undefined && tokens.loading && <p role="status">Loading tokens…</p>}
      {list?.length === 0 && <p>You have no API tokens.</p>}
      {list !== undefined && list.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((token) => (
                <ApiTokenRow key={token.id} token={token} onRevoked={tokens.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
