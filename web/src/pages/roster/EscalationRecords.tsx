import { DateTime } from '../../components/DateTime';
import { Link } from '../../components/Link';
import { formatLocalDate } from '../helpdesk/deadlineWords';
import { outcomeLabels, triggerLabels } from './escalationWords';
import type { EscalationRecord } from './types';

function About({ record }: { record: EscalationRecord }) {
  if (record.ticket !== null) return <Link to={`/tickets/${record.ticket}`}>#{record.ticket}</Link>;
  if (record.dutyDate !== null)
    return <time dateTime={record.dutyDate}>{formatLocalDate(record.dutyDate)}</time>;
  return <>{record.subject}</>;
}

/** The latest steps taken along the chain, newest first: who was told of what, or who passed it on. */
export function EscalationRecords({ records }: { records: readonly EscalationRecord[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Latest escalations, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Trigger</th>
            <th scope="col">Step</th>
            <th scope="col">Outcome</th>
            <th scope="col">Recipients</th>
            <th scope="col">About</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record, index) => (
            <tr key={`${record.at}-${record.position}-${index}`}>
              <td>
                <DateTime iso={record.at} />
              </td>
              <td>{triggerLabels[record.trigger]}</td>
              <th scope="row">{record.step}</th>
              <td>{outcomeLabels[record.outcome]}</td>
              <td className="cell-wrap">
                {record.recipients.length === 0 ? 'Nobody' : record.recipients.join(', ')}
              </td>
              <td className="cell-wrap">
                <About record={record} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
