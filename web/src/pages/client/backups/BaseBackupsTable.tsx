import { DateTime } from '../../../components/DateTime';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatMegabytes } from '../../../format';
import { baseBackupStatusLabels } from '../../../labels';
import type { BaseBackup, BaseBackupStatus } from '../../../types';

function statusOk(status: BaseBackupStatus): boolean | undefined {
  switch (status) {
    case 'done':
      return true;
    case 'failed':
      return false;
    case 'running':
    case 'expired':
      return undefined;
  }
}

function size(backup: BaseBackup): string {
  if (backup.plainBytes === null || backup.storedBytes === null) return '—';
  return `${formatMegabytes(backup.plainBytes)} → ${formatMegabytes(backup.storedBytes)}`;
}

function Verification({ backup }: { backup: BaseBackup }) {
  if (backup.verifiedAt === null) return <>Not verified yet</>;
  return (
    <>
      <StatusBadge ok={backup.verifiedOk === true}>{backup.verifiedOk ? 'Intact' : 'Problems'}</StatusBadge>{' '}
      <DateTime iso={backup.verifiedAt} />
    </>
  );
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
            <th scope="col">Finished</th>
            <th scope="col">Size → compressed</th>
            <th scope="col">Targets</th>
            <th scope="col">Missing on</th>
            <th scope="col">Last verification</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <tr key={backup.id}>
              <th scope="row">
                <DateTime iso={backup.startedAt} />
              </th>
              <td>
                <StatusBadge ok={statusOk(backup.status)}>
                  {baseBackupStatusLabels[backup.status]}
                </StatusBadge>
                {backup.expiredAt !== null && (
                  <>
                    {' '}
                    <DateTime iso={backup.expiredAt} />
                  </>
                )}
              </td>
              <td>{backup.finishedAt === null ? '—' : <DateTime iso={backup.finishedAt} />}</td>
              <td>{size(backup)}</td>
              <td>{backup.targets.join(', ') || 'None'}</td>
              <td>{backup.missing.join(', ') || 'None'}</td>
              <td>
                <Verification backup={backup} />
              </td>
              <td className="cell-wrap">{backup.error ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
