import { useMemo, useState } from 'react';
import type { Client } from '../../../types';
import { useApi } from '../../../useApi';
import { DailyChart } from './DailyChart';
import { monthsSince } from './figures';
import { MonitorsPanel } from './MonitorsPanel';
import { MonthFigures } from './MonthFigures';
import { MonthPicker } from './MonthPicker';
import type { DailyAvailabilityResponse, MonitorsResponse, SlaFigures } from './types';

/**
 * A client's availability as the agreement counts it: a month's figures, its days as a chart,
 * and the monitors they come from with their state and latency.
 */
export function AvailabilitySection({ client }: { client: Client }) {
  const base = `/api/clients/${encodeURIComponent(client.slug)}`;
  const months = useMemo(() => monthsSince(new Date(client.createdAt), new Date()), [client.createdAt]);
  const [month, setMonth] = useState(months[0] ?? '');
  const [refreshed, setRefreshed] = useState(0);
  const figures = useApi<SlaFigures>(`${base}/sla?month=${month}`);
  const daily = useApi<DailyAvailabilityResponse>(`${base}/availability/daily?month=${month}`);
  const monitors = useApi<MonitorsResponse>(`${base}/monitors`);

  function refresh() {
    figures.reload();
    daily.reload();
    monitors.reload();
    setRefreshed((n) => n + 1);
  }

  return (
    <section className="card" aria-labelledby="availability-heading">
      <div className="card-header">
        <h2 id="availability-heading">Availability</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={refresh}
          disabled={figures.loading || daily.loading}
        >
          Refresh
        </button>
      </div>
      <MonthPicker months={months} value={month} onChange={setMonth} />
      <MonthFigures figures={figures} month={month} />
      <DailyChart daily={daily} />
      <MonitorsPanel monitors={monitors} monitorsPath={`${base}/monitors`} refreshed={refreshed} />
    </section>
  );
}
