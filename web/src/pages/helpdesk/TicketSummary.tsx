import { DateTime } from '../../components/DateTime';
import { DescriptionItem } from '../../components/DescriptionItem';
import { Link } from '../../components/Link';
import { CriticalityBadge } from './CriticalityBadge';
import { channelLabels, ticketStatusLabels } from './helpdeskLabels';
import type { TicketDetails } from './types';

/** Whose ticket it is, how it came in, how critical it is and who is on it. */
export function TicketSummary({ ticket, staff }: { ticket: TicketDetails; staff: boolean }) {
  return (
    <dl className="description-list">
      <DescriptionItem term="Client">
        {staff ? (
          <Link to={`/clients/${encodeURIComponent(ticket.clientSlug)}`}>{ticket.clientSlug}</Link>
        ) : (
          ticket.clientSlug
        )}
      </DescriptionItem>
      <DescriptionItem term="Criticality">
        <CriticalityBadge criticality={ticket.criticality} />
      </DescriptionItem>
      <DescriptionItem term="Status">{ticketStatusLabels[ticket.status]}</DescriptionItem>
      <DescriptionItem term="Channel">{channelLabels[ticket.channel]}</DescriptionItem>
      <DescriptionItem term="Requester">{ticket.requesterEmail}</DescriptionItem>
      <DescriptionItem term="Assignee">{ticket.assignee ?? 'Nobody yet'}</DescriptionItem>
      <DescriptionItem term="Received">
        <DateTime iso={ticket.receivedAt} />
      </DescriptionItem>
    </dl>
  );
}
