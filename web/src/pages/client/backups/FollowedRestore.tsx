import { useId } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusNote } from '../../../components/StatusNote';
import type { ApiError } from '../../../api';
import type { RestoreRun } from '../../../types';
import { canKeep, KeepRestoreButton } from './KeepRestoreButton';
import { RestoreProgress } from './RestoreProgress';
import { RestoreResult } from './RestoreResult';

const headings = { running: 'Restore in progress', done: 'Restore done', failed: 'Restore failed' } as const;

interface FollowedRestoreProps {
  run: RestoreRun;
  /** The last progress request failed (it is asked again). */
  pollError: ApiError | undefined;
  restoresPath: string;
  onKept: (run: RestoreRun) => void;
}

/** The restore started here (or found running): its progress, then its result and the keep decision. */
export function FollowedRestore({ run, pollError, restoresPath, onKept }: FollowedRestoreProps) {
  const headingId = useId();
  return (
    <section className="followed-restore" aria-labelledby={headingId}>
      <h4 id={headingId}>{headings[run.status]}</h4>
      {run.status === 'running' ? <RestoreProgress run={run} /> : <RestoreResult run={run} />}
      <ErrorAlert error={pollError} />
      <StatusNote
        message={run.previousRemovedAt === null ? undefined : 'Restore kept: the replaced data is removed.'}
      />
      {canKeep(run) && (
        <div className="client-actions">
          <p className="field-hint">
            Check the restored data first. Keeping the restore removes the replaced data now; otherwise it is
            removed at the end of its keeping time.
          </p>
          <div className="button-row">
            <KeepRestoreButton run={run} restoresPath={restoresPath} onKept={onKept} />
          </div>
        </div>
      )}
    </section>
  );
}
