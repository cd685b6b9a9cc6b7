import { useState } from 'react';
import { ApiError, asApiError, postJson } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusNote } from '../../../components/StatusNote';
import type { BaseBackupResponse } from '../../../types';

/** Takes a base backup now (the request lasts until it is on every target). */
export function TakeBackupButton({ backupsPath, onTaken }: { backupsPath: string; onTaken: () => void }) {
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  async function takeBackup() {
    setTaking(true);
    setError(undefined);
    setDone(undefined);
    try {
      const { backup } = await postJson<BaseBackupResponse>(backupsPath);
      setDone(
        backup.status === 'done'
          ? 'The base backup is done.'
          : `The base backup ended with the status ${backup.status}.`,
      );
    } catch (caught) {
      setError(asApiError(caught));
    }
    setTaking(false);
    onTaken();
  }

  return (
    <div className="client-actions">
      <div className="button-row">
        <button type="button" className="button" onClick={() => void takeBackup()} disabled={taking}>
          {taking ? 'Taking a backup…' : 'Take a backup now'}
        </button>
      </div>
      <StatusNote message={taking ? 'Taking a backup…' : done} />
      <ErrorAlert error={error} />
    </div>
  );
}
