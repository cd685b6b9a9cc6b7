import { useId } from 'react';
import { isStaff } from '../../access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { useAccount } from '../../session';
import { useApi } from '../../useApi';
import { useDocumentTitle } from '../../useDocumentTitle';
import { AttachmentsSection } from './AttachmentsSection';
import { ClockTimeline } from './ClockTimeline';
import { DeadlineSection } from './DeadlineSection';
import { EscalationsSection } from './EscalationsSection';
import { ReplyForm } from './ReplyForm';
import { StaffActions } from './StaffActions';
import { TicketSummary } from './TicketSummary';
import { TicketThread } from './TicketThread';
import type { TicketDetails, TicketResponse } from './types';
import './helpdesk.css';

/** One ticket: where it stands, its deadline, the thread and the clock; staff handle it. */
export function TicketView({ number }: { number: string }) {
  const replyHeadingId = useId();
  const staff = isStaff(useAccount());
  const ticket = useApi<TicketResponse>(`/api/tickets/${encodeURIComponent(number)}`);
  const current = ticket.data?.ticket;
  const title = current === undefined ? `Ticket #${number}` : `#${current.number} ${current.subject}`;
  useDocumentTitle(title);
  const { update } = ticket;
  const changed = (next: TicketDetails) => update(() => ({ ticket: next }));

  return (
    <>
      <p className="back-link">
        <Link to="/tickets">{staff ? 'The queue' : 'All your tickets'}</Link>
      </p>
      <div className="page-header">
        <h1>{title}</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={ticket.reload}
          disabled={ticket.loading}
        >
          Refresh
        </button>
      </div>
      <div className="stack">
        <ErrorAlert error={ticket.error} />
        {current === undefined && ticket.loading && <p role="status">Loading the ticket…</p>}
        {current !== undefined && (
          <>
            <section className="card" aria-label="Ticket">
              <TicketSummary ticket={current} staff={staff} />
            </section>
            <DeadlineSection ticket={current} />
            <TicketThread messages={current.messages} />
            <section className="card" aria-labelledby={replyHeadingId}>
              <h2 id={replyHeadingId}>Reply</h2>
              <ReplyForm ticket={current} staff={staff} onReplied={changed} />
            </section>
            {staff && <StaffActions ticket={current} onChanged={changed} />}
            <AttachmentsSection number={current.number} />
            <ClockTimeline events={current.clock} />
            {staff && <EscalationsSection escalations={current.escalations ?? []} />}
          </>
        )}
      </div>
    </>
  );
}
