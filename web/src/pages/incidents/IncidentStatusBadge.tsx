import { StatusBadge } from '../../components/StatusBadge';
import { incidentStatusLabels } from './incidentLabels';
import type { IncidentStatus } from './types';

/** Red while an incident is open, green once resolved. */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <StatusBadge ok={status === 'resolved'}>{incidentStatusLabels[status]}</StatusBadge>;
}
