import { isOperator, roleOf } from '../../access';
import { StatusBadge } from '../../components/StatusBadge';
import { useAccount } from '../../session';
import type { AccountDetails, AccountStatus } from '../../types';
import { AccountActions } from './AccountActions';
import { RightsCheckboxes } from './RightsCheckboxes';

const statusLabels: Record<AccountStatus, string> = {
  invited: 'Invited',
  active: 'Active',
  disabled: 'Disabled',
};

interface AccountRowProps {
  account: AccountDetails;
  canAdminister: boolean;
  onUpdated: (account: AccountDetails) => void;
}

export function AccountRow({ account, canAdminister, onUpdated }: AccountRowProps) {
  const me = useAccount();
  // Operators administer everyone; a client administrator only its client's users.
  const manageable =
    canAdminister && account.id !== me.id && (isOperator(me) || account.kind === 'client_user');
  return (
    <tr>
      <th scope="row">{account.displayName}</th>
      <td>{account.email}</td>
      <td>{roleOf(account)}</td>
      <td>
        <StatusBadge ok={account.status === 'invited' ? undefined : account.status === 'active'}>
          {statusLabels[account.status]}
        </StatusBadge>
      </td>
      <td>{account.mfaEnabled ? 'On' : 'Off'}</td>
      <td>
        {account.kind === 'client_user' ? (
          <RightsCheckboxes account={account} disabled={!manageable} onUpdated={onUpdated} />
        ) : (
          <span className="muted">
            {account.kind === 'client_admin' ? 'All (administrator)' : 'By staff role'}
          </span>
        )}
      </td>
      <td className="cell-actions">
        {manageable && <AccountActions account={account} onUpdated={onUpdated} />}
      </td>
    </tr>
  );
}
