import { useState } from 'react';
import { canTakeBackups } from '../../access';
import { ApiError, asApiError, postJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAccount } from '../../session';
import type { ArchiveStatus, BaseBackupResponse, BaseBackupsResponse, Client } from '../../types';
import { useApi } from '../../useApi';
import { ArchiveSummary } from './ArchiveSummary';
import { BaseBackupsTable } from './BaseBackupsTable';

/** Continuous archiving and base backups of the client's database; admins take one on demand. */
export function BackupsSection({ client }: { client: Client }) {
  const account = useAccount();
  const base = `/api/clients/${encodeURIComponent(client.slug)}/backups`;
  const backups = useApi<BaseBackupsResponse>(base);
  const archive = useApi<ArchiveStatus>(`${base}/archive`);
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const list = backups.data?.backups;

  async function takeBackup() {
    setTaking(true);
    setError(undefined);
    setDone(undefined);
    try {
      const { backup } = await postJson<BaseBackupResponse>(base);
      setDone(
        backup.status === 'done'
          ? 'The base backup is done.'
          : `The base backup ended with the status ${backup.status}.`,
      );
    } catch (caught) {
      setError(asApiError(caught));
    }
    setTaking(false);
    backups.reload();
    archive.reload();
  }

  return (
    <section className="card" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Backups</h2>
      <ArchiveSummary archive={archive} />
      <div className="subsection">
        <h3>Base backups</h3>
        <ErrorAlert error={backups.error} />
        {list === undefined && backups.loading && <p role="status">Loading backups…</p>}
        {list?.length === 0 && <p>No base backup has been taken yet.</p>}
        {list !== undefined && list.length > 0 && <BaseBackupsTable backups={list} />}
        {canTakeBackups(account) && (
          <div className="client-actions">
            <div className="button-row">
              <button type="button" className="button" onClick={() => void takeBackup()} disabled={taking}>
                {taking ? 'Taking a backup…' : 'Take a backup now'}
              </button>
            </div>
            <StatusNote message={taking ? 'Taking a backup…' : done} />
            <ErrorAlert error={error} />
          </div>
        )}
      </div>
    </section>
  );
}
