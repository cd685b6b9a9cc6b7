import { DateTime } from '../../components/DateTime';
import type { PublicMaintenance } from './types';

export function MaintenanceList({ windows }: { windows: readonly PublicMaintenance[] }) {
  if (windows.length === 0) return <p className="muted">No maintenance planned in the next 30 days.</p>;
  return (
    <ul className="status-maintenance">
      {windows.map((window) => (
        <li key={window.id}>
          <div className="status-component-header">
            <h3>{window.reason}</h3>
            {window.inProgress && <span className="badge badge-warning">In progress</span>}
          </div>
          <p className="muted">
            From <DateTime iso={window.startsAt} /> to <DateTime iso={window.endsAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
