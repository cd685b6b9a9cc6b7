import { formatLocalDate } from '../helpdesk/deadlineWords';
import { CoverageNote } from './CoverageNote';
import { DutyPeople } from './DutyPeople';
import type { DutyDay } from './types';

interface RosterTableProps {
  days: readonly DutyDay[];
  today: string;
  /** Operators: prefills the "Put on duty" form with a day. Null for those who only read. */
  onReplace: ((day: DutyDay) => void) | null;
}

/** Every day of the month: who is on duty, and the working days that are not covered. */
export function RosterTable({ days, today, onReplace }: RosterTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Who is on duty, day by day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">On duty</th>
            <th scope="col">Coverage</th>
            {onReplace !== null && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr
              key={day.date}
              className={day.date === today ? 'roster-today' : undefined}
              aria-current={day.date === today ? 'date' : undefined}
            >
              <th scope="row">
                <time dateTime={day.date}>{formatLocalDate(day.date)}</time>
                {day.date === today && ' (today)'}
              </th>
              <td>{day.working ? <DutyPeople people={day.people} /> : ''}</td>
              <td>
                <CoverageNote day={day} />
              </td>
              {onReplace !== null && (
                <td className="cell-actions">
                  {day.working && day.date >= today && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => onReplace(day)}
                      aria-label={`Replace who is on duty on ${formatLocalDate(day.date)}`}
                    >
                      Replace
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
