import { useId } from 'react';
import { canTakeBackups } from '../../../access';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAccount } from '../../../session';
import type { BaseBackupsResponse } from '../../../types';
import type { ApiResource } from '../../../useApi';
import { BaseBackupsTable } from './BaseBackupsTable';
import { TakeBackupButton } from './TakeBackupButton';
import { VerifyButton } from './VerifyButton';

interface BaseBackupsPanelProps {
  catalogue: ApiResource<BaseBackupsResponse>;
  backupsPath: string;
  onChanged: () => void;
}

/** The client's base backups; its administrators take one now or verify every copy. */
export function BaseBackupsPanel({ catalogue, backupsPath, onChanged }: BaseBackupsPanelProps) {
  const account = useAccount();
  const headingId = useId();
  const list = catalogue.data?.backups;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Base backups</h3>
      <ErrorAlert error={catalogue.error} />
      {list === undefined && catalogue.loading && <p role="status">Loading backups…</p>}
      {list?.length === 0 && <p>No base backup has been taken yet.</p>}
      {list !== undefined && list.length > 0 && <BaseBackupsTable backups={list} />}
      {canTakeBackups(account) && (
        <>
          <TakeBackupButton backupsPath={backupsPath} onTaken={onChanged} />
          <VerifyButton backupsPath={backupsPath} onVerified={onChanged} />
        </>
      )}
    </section>
  );
}
