import { canAdministerUsers, isOperator } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccount } from '../../session';
import type { AccountDetails, AccountsResponse, Role } from '../../types';
import { useApi } from '../../useApi';
import { AccountsTable } from './AccountsTable';
import { InviteUserForm } from './InviteUserForm';

/** The accounts of one client (or, with `clientSlug` null, the staff), and the invitation form. */
export function AccountsPanel({ clientSlug }: { clientSlug: string | null }) {
  const account = useAccount();
  const path =
    clientSlug === null ? '/api/accounts' : `/api/accounts?client=${encodeURIComponent(clientSlug)}`;
  const accounts = useApi<AccountsResponse>(path);
  const list = accounts.data?.accounts.filter((item) => clientSlug !== null || item.kind === 'staff');
  const { update } = accounts;

  function replace(updated: AccountDetails) {
    update((data) => ({ accounts: data.accounts.map((item) => (item.id === updated.id ? updated : item)) }));
  }

  let invitable: Role[] = [];
  if (isOperator(account))
    invitable = clientSlug === null ? ['support_agent', 'operator'] : ['client_admin', 'client_user'];
  else if (account.kind === 'client_admin') invitable = ['client_user'];

  return (
    <>
      <section className="card" aria-labelledby="accounts-heading">
        <div className="card-header">
          <h2 id="accounts-heading">{clientSlug === null ? 'Staff accounts' : 'Accounts'}</h2>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={accounts.reload}
            disabled={accounts.loading}
          >
            Refresh
          </button>
        </div>
        <ErrorAlert error={accounts.error} />
        {list === undefined && accounts.loading && <p role="status">Loading accounts…</p>}
        {list?.length === 0 && <p>No accounts yet.</p>}
        {list !== undefined && list.length > 0 && (
          <AccountsTable accounts={list} canAdminister={canAdministerUsers(account)} onUpdated={replace} />
        )}
      </section>
      {invitable.length > 0 && (
        <InviteUserForm clientSlug={clientSlug} roles={invitable} onInvited={accounts.reload} />
      )}
    </>
  );
}
