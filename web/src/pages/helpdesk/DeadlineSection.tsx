import { useId } from 'react';
import { DateTime } from '../../components/DateTime';
import { DescriptionItem } from '../../components/DescriptionItem';
import { DeadlineDays } from './DeadlineDays';
import { ResponseClock } from './ResponseClock';
import type { TicketDetails } from './types';

/** When the first response is due, the time left, and how the due instant was counted. */
export function DeadlineSection({ ticket }: { ticket: TicketDetails }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Response deadline</h2>
      <dl className="description-list">
        <DescriptionItem term="Due">
          <DateTime iso={ticket.responseDueAt} />
        </DescriptionItem>
        <DescriptionItem term="Time left">
          <ResponseClock ticket={ticket} />
        </DescriptionItem>
        {ticket.respondedAt !== null && (
          <DescriptionItem term="Responded">
            <DateTime iso={ticket.respondedAt} />
          </DescriptionItem>
        )}
        <DescriptionItem term="How it is counted">{ticket.explanation.sentence}</DescriptionItem>
      </dl>
      <DeadlineDays days={ticket.explanation.days} zone={ticket.explanation.zone} />
    </section>
  );
}
