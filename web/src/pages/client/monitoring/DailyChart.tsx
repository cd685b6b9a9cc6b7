import { useId, useMemo } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TimeChart } from '../../../components/TimeChart';
import type { ApiResource } from '../../../useApi';
import { DailyTable } from './DailyTable';
import { dailySeries } from './dailySeries';
import { dayLabel, formatPercent, monthLabel } from './figures';
import type { DailyAvailabilityResponse } from './types';

const percentAxis = (value: number) => `${value} %`;

function Lowest({ daily }: { daily: DailyAvailabilityResponse }) {
  let measured = 0;
  let lowest: { date: string; availability: number } | undefined;
  for (const { date, availability } of daily.days) {
    if (availability === null) continue;
    measured += 1;
    if (lowest === undefined || availability < lowest.availability) lowest = { date, availability };
  }
  if (lowest === undefined) return <p className="field-hint">No day has been measured yet.</p>;
  return (
    <p className="field-hint">
      {measured} day(s) measured; the lowest, {dayLabel(lowest.date)}: {formatPercent(lowest.availability)}.
    </p>
  );
}

/** Each day's availability over the month, as bars against the target, with the same in a table. */
export function DailyChart({ daily }: { daily: ApiResource<DailyAvailabilityResponse> }) {
  const headingId = useId();
  const data = daily.data;
  const drawn = useMemo(() => (data === undefined ? undefined : dailySeries(data)), [data]);
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Day by day</h3>
      <ErrorAlert error={daily.error} />
      {data === undefined && daily.loading && <p role="status">Loading the daily figures…</p>}
      {data !== undefined && drawn !== undefined && (
        <TimeChart
          caption={`Daily availability, ${monthLabel(data.month)}`}
          times={drawn.times}
          series={drawn.series}
          format={percentAxis}
          range={drawn.range}
          span={drawn.span}
          timeZone="UTC"
        >
          <Lowest daily={data} />
          <DailyTable days={data.days} month={data.month} />
        </TimeChart>
      )}
    </section>
  );
}
