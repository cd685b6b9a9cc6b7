import { isStaff } from '../../access';
import { useLocation } from '../../router';
import { useAccount } from '../../session';
import { useDocumentTitle } from '../../useDocumentTitle';
import { AccountsPanel } from './AccountsPanel';
import { ClientPicker } from './ClientPicker';
import { RequireMfaSetting } from './RequireMfaSetting';

/** Staff pick a client (or the staff itself); a client administrator sees its own client. */
export function UsersPage() {
  useDocumentTitle('Users & rights');
  const account = useAccount();
  const { searchParams } = useLocation();
  const staff = isStaff(account);
  /** null: the staff accounts. */
  const clientSlug = staff ? searchParams.get('client') : account.clientSlug;

  return (
    <>
      <div className="page-header">
        <h1>Users &amp; rights</h1>
      </div>
      <div className="stack">
        {staff && <ClientPicker value={clientSlug} />}
        {account.kind === 'client_admin' && clientSlug !== null && (
          <RequireMfaSetting clientSlug={clientSlug} />
        )}
        <AccountsPanel key={clientSlug ?? ''} clientSlug={clientSlug} />
      </div>
    </>
  );
}
