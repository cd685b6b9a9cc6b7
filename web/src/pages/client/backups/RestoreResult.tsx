import { DescriptionItem } from '../../../components/DescriptionItem';
import { formatDuration } from '../../../format';
import type { RestoreRun } from '../../../types';
import { RecoveredUpTo } from './RecoveredUpTo';
import { ReplacedData } from './ReplacedData';
import { RestoreTarget } from './RestoreTarget';

/** A finished restore: how long it took, what it recovered, and where the replaced data is. */
export function RestoreResult({ run }: { run: RestoreRun }) {
  return (
    <>
      {run.status === 'failed' ? (
        <div role="alert" className="alert">
          The restore failed: {run.error ?? 'no reason was given'}. The live database was not changed.
        </div>
      ) : (
        <p role="status" className="success">
          The database is restored; it runs again with the same address and logins.
        </p>
      )}
      <dl className="description-list">
        <DescriptionItem term="Restored to">
          <RestoreTarget run={run} />
        </DescriptionItem>
        <DescriptionItem term="Duration">
          {run.durationMs === null ? 'Unknown' : formatDuration(run.durationMs)}
        </DescriptionItem>
        {run.status === 'done' && (
          <>
            <DescriptionItem term="Recovered up to">
              <RecoveredUpTo at={run.recoveredUpTo} />
            </DescriptionItem>
            <DescriptionItem term="Replaced data">
              <ReplacedData run={run} />
            </DescriptionItem>
          </>
        )}
      </dl>
    </>
  );
}
