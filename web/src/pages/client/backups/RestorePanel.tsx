import { useEffect, useId } from 'react';
import type { RecoverableWindow, RestoreRun } from '../../../types';
import { FollowedRestore } from './FollowedRestore';
import { RestoreForm } from './RestoreForm';
import type { FollowedRestore as Followed } from './useFollowedRestore';

interface RestorePanelProps {
  clientSlug: string;
  recoverable: RecoverableWindow;
  restoresPath: string;
  followed: Followed;
  /** A restore started, ended or was kept: what it changed is loaded again. */
  onChanged: () => void;
}

/** The restore form of operators and the client's administrators, then the restore's progress. */
export function RestorePanel({
  clientSlug,
  recoverable,
  restoresPath,
  followed,
  onChanged,
}: RestorePanelProps) {
  const headingId = useId();
  const { run, error, follow } = followed;
  const running = run?.status === 'running';
  const endedId = run !== undefined && !running ? run.id : undefined;

  // The followed restore just ended: the catalogue, the archive and the list have changed.
  useEffect(() => {
    if (endedId !== undefined) onChanged();
  }, [endedId, onChanged]);

  /** A restore started here, or was kept: follow it as the API answered, and reload the rest. */
  function followAnswer(next: RestoreRun) {
    follow(next);
    onChanged();
  }

  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Restore the database</h3>
      <p className="muted">
        The base backup and the archived changes are restored beside the database and checked; then the
        database is switched over, keeping its address, port and logins. Connections are cut for a moment
        during the switch.
      </p>
      {run !== undefined && (
        <FollowedRestore run={run} pollError={error} restoresPath={restoresPath} onKept={followAnswer} />
      )}
      {!running && (
        <RestoreForm
          clientSlug={clientSlug}
          recoverable={recoverable}
          restoresPath={restoresPath}
          onStarted={followAnswer}
        />
      )}
    </section>
  );
}
