import { DateTime } from '../../components/DateTime';
import { triggerLabels } from '../roster/escalationWords';
import { escalationOutcomeLabels } from './helpdeskLabels';
import type { TicketEscalation } from './types';

/** The steps taken along the escalation chain for a ticket, oldest first. */
export function EscalationsTable({ escalations }: { escalations: readonly TicketEscalation[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Who was told, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Step</th>
            <th scope="col">Outcome</th>
            <th scope="col">Recipients</th>
          </tr>
        </thead>
        <tbody>
          {escalations.map((escalation, index) => (
            <tr key={`${escalation.at}-${escalation.position}-${index}`}>
              <td>
                <DateTime iso={escalation.at} />
              </td>
              <td>{triggerLabels[escalation.trigger]}</td>
              <th scope="row">{escalation.step}</th>
              <td>{escalationOutcomeLabels[escalation.outcome]}</td>
              <td className="cell-wrap">
                {escalation.recipients.length === 0 ? 'Nobody' : escalation.recipients.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
