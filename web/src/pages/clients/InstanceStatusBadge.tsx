import { StatusBadge } from '../../components/StatusBadge';
import { instanceStatusLabels } from '../../labels';
import type { ClientInstance } from '../../types';

/** Whether the client's database runs now; when it does not, why (suspended, failed to start…). */
export function InstanceStatusBadge({ instance }: { instance: ClientInstance | null }) {
  if (instance === null) return <StatusBadge>No database</StatusBadge>;
  if (instance.running) return <StatusBadge ok>Running</StatusBadge>;
  if (instance.status === 'provisioning')
    return <StatusBadge>{instanceStatusLabels.provisioning}</StatusBadge>;
  // Marked running but not up: it crashed and is being restarted.
  const label = instance.status === 'running' ? 'Not running' : instanceStatusLabels[instance.status];
  return <StatusBadge ok={false}>{label}</StatusBadge>;
}
