import { DateTime } from '../../../components/DateTime';
import { DescriptionItem } from '../../../components/DescriptionItem';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDuration } from '../../../format';
import type { RestoreDrill } from '../../../types';
import { RecoveredUpTo } from './RecoveredUpTo';

/** The agreement: a client's database is restored within one hour. */
const RESTORE_LIMIT_MS = 3_600_000;

function DrillDuration({ durationMs }: { durationMs: number | null }) {
  if (durationMs === null) return <>Unknown</>;
  const within = durationMs <= RESTORE_LIMIT_MS;
  return (
    <>
      {formatDuration(durationMs)}{' '}
      <StatusBadge ok={within}>{within ? 'Within the 1-hour limit' : 'Over the 1-hour limit'}</StatusBadge>
    </>
  );
}

/** The newest restore drill: when, whether it worked, and how long it took against the limit. */
export function LastDrill({ drill }: { drill: RestoreDrill }) {
  return (
    <dl className="description-list">
      {drill.at !== undefined && (
        <DescriptionItem term="Last drill">
          <DateTime iso={drill.at} />
        </DescriptionItem>
      )}
      <DescriptionItem term="Result">
        <StatusBadge ok={drill.ok}>{drill.ok ? 'OK' : 'Failed'}</StatusBadge>
      </DescriptionItem>
      <DescriptionItem term="Duration">
        <DrillDuration durationMs={drill.durationMs} />
      </DescriptionItem>
      {drill.ok && (
        <DescriptionItem term="Recovered up to">
          <RecoveredUpTo at={drill.recoveredUpTo} />
        </DescriptionItem>
      )}
      {drill.tables !== null && <DescriptionItem term="Tables found">{String(drill.tables)}</DescriptionItem>}
      {drill.error !== null && <DescriptionItem term="Error">{drill.error}</DescriptionItem>}
    </dl>
  );
}
