import { DateTime } from '../../components/DateTime';
import { Link } from '../../components/Link';
import { CriticalityBadge } from './CriticalityBadge';
import { ticketStatusLabels } from './helpdeskLabels';
import { ResponseClock } from './ResponseClock';
import type { Ticket } from './types';

interface TicketsTableProps {
  tickets: readonly Ticket[];
  /** Staff see whose ticket each one is; a client's people only ever see theirs. */
  showClient: boolean;
}

/** Tickets, those still to be answered first, due soonest first; each number leads to the ticket. */
export function TicketsTable({ tickets, showClient }: TicketsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Tickets, the one due soonest first</caption>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            {showClient && <th scope="col">Client</th>}
            <th scope="col">Subject</th>
            <th scope="col">Criticality</th>
            <th scope="col">Status</th>
            <th scope="col">Assignee</th>
            <th scope="col">Received</th>
            <th scope="col">Response</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id}>
              <th scope="row">
                <Link to={`/tickets/${ticket.number}`}>#{ticket.number}</Link>
              </th>
              {showClient && (
                <td>
                  <Link to={`/clients/${encodeURIComponent(ticket.clientSlug)}`}>{ticket.clientSlug}</Link>
                </td>
              )}
              <td className="cell-wrap">{ticket.subject}</td>
              <td>
                <CriticalityBadge criticality={ticket.criticality} />
              </td>
              <td>{ticketStatusLabels[ticket.status]}</td>
              <td>{ticket.assignee ?? 'Nobody yet'}</td>
              <td>
                <DateTime iso={ticket.receivedAt} />
              </td>
              <td>
                <ResponseClock ticket={ticket} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
