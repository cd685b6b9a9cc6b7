import { useId } from 'react';
import { DateTime } from '../../../components/DateTime';
import { DescriptionItem } from '../../../components/DescriptionItem';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatUptime } from '../../../format';
import type { ArchiveStatus } from '../../../types';
import type { ApiResource } from '../../../useApi';
import { LagBadge } from './LagBadge';
import { TargetStates } from './TargetStates';

/** Continuous WAL archiving: the targets, the newest segment stored on every one, and how old it is. */
export function ArchiveSummary({ archive }: { archive: ApiResource<ArchiveStatus> }) {
  const headingId = useId();
  const status = archive.data;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Continuous archiving</h3>
      <ErrorAlert error={archive.error} />
      {status === undefined && archive.loading && <p role="status">Loading the archive status…</p>}
      {status !== undefined && (
        <dl className="description-list">
          <DescriptionItem term="Status">
            <LagBadge lagSeconds={status.lagSeconds} />
          </DescriptionItem>
          <DescriptionItem term="Archive lag">
            {status.lagSeconds === null ? 'Unknown' : formatUptime(status.lagSeconds)}
            <p className="field-hint">
              At most 5 minutes of changes may be lost: a lag above 2 minutes breaks that promise&apos;s
              margin; a warning shows from 1 minute.
            </p>
          </DescriptionItem>
          <DescriptionItem term="Targets">{status.targets.join(', ')}</DescriptionItem>
          <DescriptionItem term="Target state">
            <TargetStates archive={status} />
          </DescriptionItem>
          <DescriptionItem term="Newest WAL segment">
            {status.latestSegment === null || status.latestArchivedAt === null ? (
              'Nothing archived yet'
            ) : (
              <>
                <code>{status.latestSegment}</code>, archived <DateTime iso={status.latestArchivedAt} />
              </>
            )}
          </DescriptionItem>
          <DescriptionItem term="On every target up to">
            {status.latestCompleteAt === null ? (
              'Nothing archived on every target yet'
            ) : (
              <DateTime iso={status.latestCompleteAt} />
            )}
          </DescriptionItem>
        </dl>
      )}
    </section>
  );
}
