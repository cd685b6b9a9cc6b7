import { StatusBadge } from '../../components/StatusBadge';
import { clientStatusLabels } from '../../labels';
import type { ClientStatus } from '../../types';

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  return <StatusBadge ok={status === 'active'}>{clientStatusLabels[status]}</StatusBadge>;
}
