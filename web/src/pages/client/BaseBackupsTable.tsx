import { DateTime } from '../../components/DateTime';
import { formatMegabytes } from '../../format';
import { baseBackupStatusLabels } from '../../labels';
import type { BaseBackup } from '../../types';

function statusBadge(backup: BaseBackup) {
  const tone = { done: 'badge-ok', failed: 'badge-bad', running: 'badge-neutral' }[backup.status];
  return <span className={`badge ${tone}`}>{baseBackupStatusLabels[backup.status]}</span>;
}

function size(backup: BaseBackup): string {
  if (backup.plainBytes === null || backup.storedBytes === null) return '—';
  return `${formatMegabytes(backup.plainBytes)} → ${formatMegabytes(backup.storedBytes)}`;
}

/** The client's base backups, newest first. */
export function BaseBackupsTable({ backups }: { backups: readonly BaseBackup[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Base backups, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Files</th>
            <th scope="col">Size → stored</th>
            <th scope="col">Targets</th>
            <th scope="col">Missing on</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <tr key={backup.id}>
              <th scope="row">
                <DateTime iso={backup.startedAt} />
              </th>
              <td>{statusBadge(backup)}</td>
              <td>{backup.files ?? '—'}</td>
              <td>{size(backup)}</td>
              <td>{backup.targets.join(', ') || 'None'}</td>
              <td>{backup.missing.join(', ') || 'None'}</td>
              <td className="cell-wrap">{backup.error ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
