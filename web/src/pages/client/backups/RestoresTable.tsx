import { DateTime } from '../../../components/DateTime';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDuration, formatDateTime } from '../../../format';
import { restoreModeLabels, restoreStatusLabels } from '../../../labels';
import type { RestoreRun, RestoreStatus } from '../../../types';
import { canKeep, KeepRestoreButton } from './KeepRestoreButton';
import { RecoveredUpTo } from './RecoveredUpTo';
import { ReplacedData } from './ReplacedData';
import { RestoreTarget } from './RestoreTarget';

function statusOk(status: RestoreStatus): boolean | undefined {
  switch (status) {
    case 'done':
      return true;
    case 'failed':
      return false;
    case 'running':
      return undefined;
  }
}

interface RestoresTableProps {
  restores: readonly RestoreRun[];
  restoresPath: string;
  /** Null for those who may only look: no keep action. */
  onKept: ((run: RestoreRun) => void) | null;
}

/** The client's restores, newest first. */
export function RestoresTable({ restores, restoresPath, onKept }: RestoresTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Restores, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Restored to</th>
            <th scope="col">Mode</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Recovered up to</th>
            <th scope="col">Replaced data</th>
            {onKept !== null && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {restores.map((run) => (
            <tr key={run.id}>
              <th scope="row">
                <DateTime iso={run.startedAt} />
              </th>
              <td>
                <RestoreTarget run={run} />
              </td>
              <td>{restoreModeLabels[run.mode]}</td>
              <td>
                <StatusBadge ok={statusOk(run.status)}>{restoreStatusLabels[run.status]}</StatusBadge>
                {run.error !== null && <p className="field-hint">{run.error}</p>}
              </td>
              <td>{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</td>
              <td>{run.status === 'done' ? <RecoveredUpTo at={run.recoveredUpTo} /> : '—'}</td>
              <td className="cell-wrap">
                <ReplacedData run={run} />
              </td>
              {onKept !== null && (
                <td className="cell-actions">
                  {canKeep(run) && (
                    <KeepRestoreButton
                      run={run}
                      restoresPath={restoresPath}
                      onKept={onKept}
                      small
                      ariaLabel={`Keep the restore started ${formatDateTime(run.startedAt)}`}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
