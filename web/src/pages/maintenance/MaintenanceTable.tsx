import { CancelMaintenanceButton } from './CancelMaintenanceButton';
import { MaintenanceSchedule } from './MaintenanceSchedule';
import { NextOccurrences } from './NextOccurrences';
import type { Maintenance } from './types';

interface MaintenanceTableProps {
  maintenance: readonly Maintenance[];
  /** Names of the clients by id, for the scope. */
  clientNames: ReadonlyMap<string, string>;
  /** Set for operators. */
  onCancelled: (() => void) | null;
}

function scopeOf(item: Maintenance, clientNames: ReadonlyMap<string, string>): string {
  const client = item.clientId === null ? '?' : (clientNames.get(item.clientId) ?? item.clientId);
  switch (item.scope) {
    case 'platform':
      return 'The whole platform';
    case 'client':
      return client;
    case 'monitor':
      return `One monitor of ${client}`;
  }
}

/** The maintenance in force, with what it concerns, when, and its next occurrences. */
export function MaintenanceTable({ maintenance, clientNames, onCancelled }: MaintenanceTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Scheduled maintenance</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Concerns</th>
            <th scope="col">When</th>
            <th scope="col">Next occurrences</th>
            <th scope="col">Scheduled by</th>
            {onCancelled !== null && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {maintenance.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="cell-wrap">
                {item.reason}
              </th>
              <td>{scopeOf(item, clientNames)}</td>
              <td className="cell-wrap">
                <MaintenanceSchedule maintenance={item} />
              </td>
              <td>
                <NextOccurrences maintenance={item} />
              </td>
              <td>{item.createdBy}</td>
              {onCancelled !== null && (
                <td className="cell-actions">
                  <CancelMaintenanceButton maintenance={item} onCancelled={onCancelled} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
