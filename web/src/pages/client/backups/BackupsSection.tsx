import { useCallback } from 'react';
import { canRestoreBackups } from '../../../access';
import { useAccount } from '../../../session';
import type {
  ArchiveStatus,
  BaseBackupsResponse,
  Client,
  RestoreDrillsResponse,
  RestoreRun,
  RestoresResponse,
} from '../../../types';
import { useApi } from '../../../useApi';
import { ArchiveSummary } from './ArchiveSummary';
import { BaseBackupsPanel } from './BaseBackupsPanel';
import { PastRestores } from './PastRestores';
import { RecoverableWindow } from './RecoverableWindow';
import { RestoreDrills } from './RestoreDrills';
import { RestorePanel } from './RestorePanel';
import { RetentionPolicy } from './RetentionPolicy';
import { useFollowedRestore } from './useFollowedRestore';

/**
 * A client's backups: what can be restored, the retention policy, continuous archiving, base
 * backups and restore drills for everyone who may see them; the restore form and the keep
 * decision for operators and the client's administrators.
 */
export function BackupsSection({ client }: { client: Client }) {
  const account = useAccount();
  const mayRestore = canRestoreBackups(account);
  const backupsPath = `/api/clients/${encodeURIComponent(client.slug)}/backups`;
  const restoresPath = `/api/clients/${encodeURIComponent(client.slug)}/restores`;
  const catalogue = useApi<BaseBackupsResponse>(backupsPath);
  const archive = useApi<ArchiveStatus>(`${backupsPath}/archive`);
  const drills = useApi<RestoreDrillsResponse>(`${backupsPath}/drills`);
  const restores = useApi<RestoresResponse>(restoresPath);
  const runningNow = restores.data?.restores.find((run) => run.status === 'running');
  const followed = useFollowedRestore(restoresPath, mayRestore ? runningNow : undefined);

  const { reload: reloadCatalogue } = catalogue;
  const { reload: reloadArchive } = archive;
  const { reload: reloadRestores } = restores;
  const backupsChanged = useCallback(() => {
    reloadCatalogue();
    reloadArchive();
  }, [reloadCatalogue, reloadArchive]);
  const restoresChanged = useCallback(() => {
    reloadCatalogue();
    reloadArchive();
    reloadRestores();
  }, [reloadCatalogue, reloadArchive, reloadRestores]);

  const { run: followedRun, follow } = followed;
  function keptFromList(run: RestoreRun) {
    if (followedRun?.id === run.id) follow(run);
    reloadRestores();
  }

  const data = catalogue.data;
  return (
    <section className="card" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Backups</h2>
      {data !== undefined && <RecoverableWindow recoverable={data.window} clientSlug={client.slug} />}
      {data !== undefined && (
        <RetentionPolicy
          policy={data.policy}
          policyPath={`${backupsPath}/policy`}
          onChanged={reloadCatalogue}
        />
      )}
      <ArchiveSummary archive={archive} />
      <BaseBackupsPanel catalogue={catalogue} backupsPath={backupsPath} onChanged={backupsChanged} />
      <RestoreDrills drills={drills} backupsPath={backupsPath} />
      {mayRestore && data !== undefined && (
        <RestorePanel
          clientSlug={client.slug}
          recoverable={data.window}
          restoresPath={restoresPath}
          followed={followed}
          onChanged={restoresChanged}
        />
      )}
      <PastRestores
        restores={restores}
        restoresPath={restoresPath}
        onKept={mayRestore ? keptFromList : null}
      />
    </section>
  );
}
