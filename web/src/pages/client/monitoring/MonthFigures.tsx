import { useId } from 'react';
import { DateTime } from '../../../components/DateTime';
import { DescriptionItem } from '../../../components/DescriptionItem';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { ApiResource } from '../../../useApi';
import { formatMinutes, formatPercent, monthLabel } from './figures';
import { FiguresResult } from './FiguresResult';
import type { SlaFigures } from './types';

function FrozenNote({ frozen }: { frozen: NonNullable<SlaFigures['frozen']> }) {
  return (
    <p className="muted">
      Frozen on <DateTime iso={frozen.frozenAt} />
      {frozen.version > 1 && (
        <>
          , corrected (version {frozen.version}) by {frozen.author ?? 'an operator'}: {frozen.reason}
        </>
      )}
      .
    </p>
  );
}

/** A month's figures as the agreement counts them: percentages and minutes. */
export function MonthFigures({ figures, month }: { figures: ApiResource<SlaFigures>; month: string }) {
  const headingId = useId();
  const data = figures.data;
  const budget = data?.errorBudgetSeconds ?? 0;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Figures of {monthLabel(month)}</h3>
      <ErrorAlert error={figures.error} />
      {data === undefined && figures.loading && <p role="status">Loading the figures…</p>}
      {data !== undefined && (
        <>
          {data.partial === true && <p className="muted">The month is not over: figures so far.</p>}
          {data.frozen !== null && <FrozenNote frozen={data.frozen} />}
          <dl className="description-list">
            <DescriptionItem term="Availability">
              {data.availability === null ? 'Nothing measured yet' : formatPercent(data.availability)}
            </DescriptionItem>
            <DescriptionItem term="Target">{formatPercent(data.target)}</DescriptionItem>
            <DescriptionItem term="Result">
              <FiguresResult met={data.met} partial={data.partial === true} />
            </DescriptionItem>
            <DescriptionItem term="Eligible time">{formatMinutes(data.eligibleSeconds)}</DescriptionItem>
            <DescriptionItem term="Downtime">{formatMinutes(data.downtimeSeconds)}</DescriptionItem>
            <DescriptionItem term="Error budget left">
              {formatMinutes(budget)}
              {budget < 0 && ' (over budget)'}
            </DescriptionItem>
            <DescriptionItem term="Planned maintenance">
              {formatMinutes(data.excludedSeconds.maintenance)}
            </DescriptionItem>
            <DescriptionItem term="Force majeure">
              {formatMinutes(data.excludedSeconds.forceMajeure)}
            </DescriptionItem>
            <DescriptionItem term="No data">{formatMinutes(data.noDataSeconds)}</DescriptionItem>
          </dl>
          <p className="field-hint">
            Eligible time is the month less planned maintenance, force majeure and time without data;
            availability is the part of it without downtime. The error budget is the downtime the target still
            allows.
          </p>
        </>
      )}
    </section>
  );
}
