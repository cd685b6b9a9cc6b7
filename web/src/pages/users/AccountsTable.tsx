import type { AccountDetails } from '../../types';
import { AccountRow } from './AccountRow';

interface AccountsTableProps {
  accounts: readonly AccountDetails[];
  /** Whether the signed-in account may change accounts at all (the server checks each change). */
  canAdminister: boolean;
  onUpdated: (account: AccountDetails) => void;
}

export function AccountsTable({ accounts, canAdminister, onUpdated }: AccountsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">2FA</th>
            <th scope="col">Rights</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              canAdminister={canAdminister}
              onUpdated={onUpdated}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
