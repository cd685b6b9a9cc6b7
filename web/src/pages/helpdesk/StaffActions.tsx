import { useId } from 'react';
import { AssignForm } from './AssignForm';
import { CallbackForm } from './CallbackForm';
import { CriticalityForm } from './CriticalityForm';
import { StatusForm } from './StatusForm';
import type { TicketDetails } from './types';

interface StaffActionsProps {
  ticket: TicketDetails;
  onChanged: (ticket: TicketDetails) => void;
}

/** What agents do besides replying: assign, change the status or the criticality, log a call-back. */
export function StaffActions({ ticket, onChanged }: StaffActionsProps) {
  const headingId = useId();
  const assignId = useId();
  const statusId = useId();
  const criticalityId = useId();
  const callbackId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Handle the ticket</h2>
      <section className="subsection" aria-labelledby={assignId}>
        <h3 id={assignId}>Assign</h3>
        <AssignForm ticket={ticket} onAssigned={onChanged} />
      </section>
      <section className="subsection" aria-labelledby={statusId}>
        <h3 id={statusId}>Change the status</h3>
        <StatusForm ticket={ticket} onChanged={onChanged} />
      </section>
      <section className="subsection" aria-labelledby={criticalityId}>
        <h3 id={criticalityId}>Change the criticality</h3>
        <CriticalityForm ticket={ticket} onChanged={onChanged} />
      </section>
      <section className="subsection" aria-labelledby={callbackId}>
        <h3 id={callbackId}>Log a call-back</h3>
        <CallbackForm ticket={ticket} onLogged={onChanged} />
      </section>
    </section>
  );
}
