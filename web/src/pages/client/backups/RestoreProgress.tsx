import { formatMegabytes } from '../../../format';
import { restorePhaseLabels } from '../../../labels';
import type { RestorePhase, RestoreRun } from '../../../types';

/** The steps of a restore, in order. */
const STEPS: readonly RestorePhase[] = ['downloading', 'replaying', 'switching'];

function DownloadBar({ run }: { run: RestoreRun }) {
  const total = run.bytesTotal ?? 0;
  // Without a size the bar has no value: the browser shows it as busy (indeterminate).
  const known = total > 0;
  return (
    <div className="download-bar">
      <progress
        aria-label="Base backup downloaded"
        max={known ? total : undefined}
        value={known ? Math.min(run.bytesDone, total) : undefined}
      />
      <span className="muted">
        {formatMegabytes(run.bytesDone)}
        {known && ` of ${formatMegabytes(total)}`}
      </span>
    </div>
  );
}

/** A running restore: its steps with the current one marked, and the download's progress. */
export function RestoreProgress({ run }: { run: RestoreRun }) {
  const current = STEPS.indexOf(run.phase);
  return (
    <>
      <p role="status">{restorePhaseLabels[run.phase]}…</p>
      <ol className="restore-steps" aria-label="Steps of the restore">
        {STEPS.map((phase, index) => (
          <li
            key={phase}
            className={index < current ? 'step-done' : index === current ? 'step-current' : undefined}
            aria-current={index === current ? 'step' : undefined}
          >
            {restorePhaseLabels[phase]}
            {index < current && <span className="visually-hidden"> (done)</span>}
          </li>
        ))}
      </ol>
      {run.phase === 'downloading' && <DownloadBar run={run} />}
    </>
  );
}
