import { useEffect, useId } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApi } from '../../../useApi';
import { monthLabel, monthOf } from '../monitoring/figures';
import { csvFileName, purchaseOrderPath } from './optionPaths';
import { PurchaseOrderTable } from './PurchaseOrderTable';
import type { PurchaseOrderResponse } from './types';

interface PurchaseOrderPanelProps {
  clientSlug: string;
  /** Loads again each time this changes (an option changed, or the section's Refresh). */
  refreshed: number;
}

/**
 * This month's purchase order for the client's options: a line per option and active period,
 * billed for its share of the month; as CSV and HTML too (the browser sends the session cookie).
 */
export function PurchaseOrderPanel({ clientSlug, refreshed }: PurchaseOrderPanelProps) {
  const headingId = useId();
  const order = useApi<PurchaseOrderResponse>(purchaseOrderPath(clientSlug, 'json'));
  const { reload } = order;
  useEffect(() => {
    if (refreshed > 0) reload();
  }, [refreshed, reload]);
  const data = order.data?.order;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId}>Purchase order</h3>
      {data !== undefined && (
        <p className="muted">
          {monthLabel(monthOf(new Date(data.from)))}: an option is billed for the share of each calendar month
          (Brussels time) it is active; one still active is counted to the end of the month.
        </p>
      )}
      <ErrorAlert error={order.error} />
      {data === undefined && order.loading && <p role="status">Loading the purchase order…</p>}
      {data?.lines.length === 0 && <p>No option is active this month.</p>}
      {data !== undefined && data.lines.length > 0 && <PurchaseOrderTable order={data} />}
      <div className="row-actions">
        <a
          className="button button-secondary"
          href={purchaseOrderPath(clientSlug, 'csv')}
          download={csvFileName(clientSlug)}
        >
          Download CSV
        </a>
        <a
          className="button button-secondary"
          href={purchaseOrderPath(clientSlug, 'html')}
          target="_blank"
          rel="noopener noreferrer"
        >
          Open as HTML
        </a>
      </div>
    </section>
  );
}
