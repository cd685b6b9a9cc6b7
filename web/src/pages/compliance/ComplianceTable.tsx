import { Link } from '../../components/Link';
import { StatusBadge } from '../../components/StatusBadge';
import { CriticalityBadge } from '../helpdesk/CriticalityBadge';
import { formatWorkingDuration, targetWords } from './complianceWords';
import type { ComplianceRow } from './types';
import './compliance.css';

interface ComplianceTableProps {
  rows: readonly ComplianceRow[];
  /** Staff see whose figures each row is; a client's people only ever see theirs. */
  showClient: boolean;
}

/** "16 working hours (2 working days)", wrapping only between the two. */
function Target({ milliseconds }: { milliseconds: number }) {
  const [hours, days] = targetWords(milliseconds);
  return (
    <>
      <span className="nowrap">{hours}</span>
      {days !== undefined && (
        <>
          {' '}
          <span className="nowrap">{days}</span>
        </>
      )}
    </>
  );
}

function WorstResponse({ row }: { row: ComplianceRow }) {
  if (row.worstResponseWorkingMs === null) return <>None</>;
  const text = formatWorkingDuration(row.worstResponseWorkingMs);
  return <>{row.worstStillOpen ? `${text}, still unanswered` : text}</>;
}

/** Per client and criticality: how many tickets, how many answered in time, response times. */
export function ComplianceTable({ rows, showClient }: ComplianceTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Response targets per client and criticality</caption>
        <thead>
          <tr>
            {showClient && <th scope="col">Client</th>}
            <th scope="col">Criticality</th>
            <th scope="col">Target</th>
            <th scope="col">Tickets</th>
            <th scope="col">Met</th>
            <th scope="col">Breached</th>
            <th scope="col">Pending</th>
            <th scope="col">
              Median<span className="visually-hidden"> response</span>
            </th>
            <th scope="col">
              Worst<span className="visually-hidden"> response</span>
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.client}-${row.criticality}`}>
              {showClient && (
                <th scope="row" className="nowrap">
                  <Link to={`/clients/${encodeURIComponent(row.client)}`}>{row.client}</Link>
                </th>
              )}
              {showClient ? (
                <td>
                  <CriticalityBadge criticality={row.criticality} />
                </td>
              ) : (
                <th scope="row">
                  <CriticalityBadge criticality={row.criticality} />
                </th>
              )}
              <td>
                <Target milliseconds={row.targetWorkingMs} />
              </td>
              <td>{row.count}</td>
              <td>{row.met}</td>
              <td>{row.breached}</td>
              <td>{row.pending}</td>
              <td>
                {row.medianResponseWorkingMs === null
                  ? 'None'
                  : formatWorkingDuration(row.medianResponseWorkingMs)}
              </td>
              <td>
                <WorstResponse row={row} />
              </td>
              <td>
                <StatusBadge ok={row.breached === 0}>{row.breached === 0 ? 'Met' : 'Not met'}</StatusBadge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
