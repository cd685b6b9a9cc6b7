import { useId, useState } from 'react';
import { canEditDutyRoster } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { navigate, useLocation } from '../../router';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { AbsencesSection } from './AbsencesSection';
import { dutyValues } from './dutyRequest';
import { MonthNavigation } from './MonthNavigation';
import { PutOnDutyForm } from './PutOnDutyForm';
import { RosterTable } from './RosterTable';
import { monthOrCurrent, monthRange, todayInAgreementZone } from './rosterDates';
import type { DutyDay, RosterResponse } from './types';
import { useActiveStaff } from './useActiveStaff';
import './roster.css';

/**
 * `/helpdesk/roster` (staff): who is on duty for the helpdesk each day of a month, the working days
 * not covered, and absences. Operators put people on duty; support agents read.
 */
export function DutyRosterPage() {
  useDocumentTitle('Duty roster');
  const monthHeadingId = useId();
  const formHeadingId = useId();
  const operator = canEditDutyRoster(useAccount());
  const month = monthOrCurrent(useLocation().searchParams.get('month'));
  const { from, to } = monthRange(month);
  const roster = useApi<RosterResponse>(`/api/helpdesk/roster?from=${from}&to=${to}`);
  const staff = useActiveStaff();
  const today = todayInAgreementZone();
  // "Replace" on a day starts the form again from that day (the key remounts it).
  const [replacing, setReplacing] = useState<{ day: DutyDay; count: number }>();
  const days = roster.data?.days;

  function showMonth(next: string) {
    navigate(`/helpdesk/roster?month=${next}`, { replace: true });
  }

  return (
    <>
      <div className="page-header">
        <h1>Duty roster</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={roster.reload}
          disabled={roster.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <p className="muted">
          Two people of the hosting team are on duty for the helpdesk every working day (Brussels time): they
          are told of new tickets and alerts first. See the{' '}
          <Link to="/helpdesk/escalation">escalation chain</Link> for who is told next.
        </p>
        <section className="card" aria-labelledby={monthHeadingId}>
          <MonthNavigation month={month} onChange={showMonth} headingId={monthHeadingId} />
          <ErrorAlert error={roster.error} />
          {days === undefined && roster.loading && <p role="status">Loading the roster…</p>}
          {days !== undefined && (
            <RosterTable
              days={days}
              today={today}
              onReplace={
                operator
                  ? (day) => setReplacing((previous) => ({ day, count: (previous?.count ?? 0) + 1 }))
                  : null
              }
            />
          )}
        </section>
        {operator && (
          <section className="card" aria-labelledby={formHeadingId}>
            <h2 id={formHeadingId}>Put on duty</h2>
            <ErrorAlert error={staff.error} />
            <PutOnDutyForm
              key={replacing?.count ?? 0}
              initial={dutyValues(replacing?.day, today)}
              today={today}
              staff={staff.options}
              autoFocus={replacing !== undefined}
              onSaved={roster.reload}
            />
          </section>
        )}
        <AbsencesSection absences={roster.data?.absences} staff={staff.options} onChanged={roster.reload} />
      </div>
    </>
  );
}
