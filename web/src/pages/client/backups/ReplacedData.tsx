import { DateTime } from '../../../components/DateTime';
import type { RestoreRun } from '../../../types';

/** What became of the data a restore replaced: kept (where, until when), removed, or not kept. */
export function ReplacedData({ run }: { run: RestoreRun }) {
  if (run.mode === 'in_place') return <>Not kept (restored in place)</>;
  if (run.previousRemovedAt !== null)
    return (
      <>
        Removed <DateTime iso={run.previousRemovedAt} />
      </>
    );
  if (run.previousDataDir === null) return <>{run.status === 'done' ? 'None to keep' : '—'}</>;
  return (
    <>
      Kept in <code>{run.previousDataDir}</code>
      {run.previousKeptUntil !== null && (
        <>
          {' '}
          until <DateTime iso={run.previousKeptUntil} />
        </>
      )}
    </>
  );
}
