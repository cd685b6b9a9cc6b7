import { useMemo } from 'react';
import { isStaff } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { navigate, useLocation } from '../../router';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { monthLabel, monthsSince } from '../client/monitoring/figures';
import { monthOrCurrent } from '../roster/rosterDates';
import { complianceAddress, complianceApiPath } from './complianceAddress';
import { ComplianceClientFilter } from './ComplianceClientFilter';
import { ComplianceTable } from './ComplianceTable';
import { MonthSelect } from './MonthSelect';
import type { ComplianceResponse } from './types';

/** How many months the picker offers, this one included. */
const MONTHS_OFFERED = 13;

/**
 * `/helpdesk/compliance`: a month's tickets against the first-response targets, per client and
 * criticality, in working time. Staff see every client (or one); a client's people their own.
 */
export function CompliancePage() {
  useDocumentTitle('Response targets');
  const staff = isStaff(useAccount());
  const { searchParams } = useLocation();
  const month = monthOrCurrent(searchParams.get('month'));
  const client = staff ? searchParams.get('client') : null;
  const figures = useApi<ComplianceResponse>(complianceApiPath(month, client));
  const months = useMemo(() => {
    const recent = monthsSince(new Date(0), new Date(), MONTHS_OFFERED);
    return recent.includes(month) ? recent : [...recent, month];
  }, [month]);
  const rows = figures.data?.rows;

  return (
    <>
      <div className="page-header">
        <h1>Response targets</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={figures.reload}
          disabled={figures.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="compliance-heading">
          <h2 id="compliance-heading">{monthLabel(month)}</h2>
          <p className="muted">
            Tickets count in the month they were received, in {figures.data?.zone ?? 'Brussels'} time.
            Response times are working time of the helpdesk, from the reception to the first response; a
            target is met when no ticket missed it.
          </p>
          <div className="toolbar">
            <MonthSelect
              months={months}
              value={month}
              onChange={(chosen) => navigate(complianceAddress(chosen, client), { replace: true })}
            />
            {staff && (
              <ComplianceClientFilter
                value={client}
                onChange={(slug) => navigate(complianceAddress(month, slug), { replace: true })}
              />
            )}
          </div>
          <ErrorAlert error={figures.error} />
          {rows === undefined && figures.loading && <p role="status">Loading the figures…</p>}
          {rows?.length === 0 && <p>No ticket was received this month.</p>}
          {rows !== undefined && rows.length > 0 && <ComplianceTable rows={rows} showClient={staff} />}
        </section>
      </div>
    </>
  );
}
