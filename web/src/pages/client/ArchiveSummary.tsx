import { DateTime } from '../../components/DateTime';
import { DescriptionItem } from '../../components/DescriptionItem';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatUptime } from '../../format';
import type { ArchiveStatus } from '../../types';
import type { ApiResource } from '../../useApi';

/** The agreement allows losing at most 5 minutes of changes; alert well before that. */
const WARNING_SECONDS = 120;
const BREACH_SECONDS = 300;

function lagBadge(lagSeconds: number | null) {
  if (lagSeconds === null || lagSeconds >= BREACH_SECONDS)
    return <span className="badge badge-bad">Breach</span>;
  if (lagSeconds >= WARNING_SECONDS) return <span className="badge badge-warning">Warning</span>;
  return <span className="badge badge-ok">OK</span>;
}

/** Continuous WAL archiving: the newest segment stored on every target, and how old it is. */
export function ArchiveSummary({ archive }: { archive: ApiResource<ArchiveStatus> }) {
  const status = archive.data;
  return (
    <div className="subsection">
      <h3>Continuous archiving</h3>
      <ErrorAlert error={archive.error} />
      {status === undefined && archive.loading && <p role="status">Loading the archive status…</p>}
      {status !== undefined && (
        <dl className="description-list">
          <DescriptionItem term="Status">{lagBadge(status.lagSeconds)}</DescriptionItem>
          <DescriptionItem term="Targets">{status.targets.join(', ')}</DescriptionItem>
          <DescriptionItem term="Newest WAL on every target">
            {status.latestCompleteAt === null ? (
              'Nothing archived on every target yet'
            ) : (
              <>
                {status.latestSegment !== null && <code>{status.latestSegment}</code>}{' '}
                <DateTime iso={status.latestCompleteAt} />
                {status.lagSeconds !== null && ` (${formatUptime(status.lagSeconds)} ago)`}
              </>
            )}
            <p className="field-hint">
              At most 5 minutes of changes may be lost; a warning shows from 2 minutes.
            </p>
          </DescriptionItem>
          {status.segmentsMissingCopies > 0 && (
            <DescriptionItem term="Missing copies">
              {status.segmentsMissingCopies} segment(s) missing a copy on a target
            </DescriptionItem>
          )}
        </dl>
      )}
    </div>
  );
}
