import { closedReasonText, formatLocalDate, formatWorkingTime } from './deadlineWords';
import type { CountedDay } from './types';

interface DeadlineDaysProps {
  days: readonly CountedDay[];
  /** The calendar's zone, which the days are local to. */
  zone: string;
}

/** Every local day from the reception to the due date, with the working time it counted. */
export function DeadlineDays({ days, zone }: DeadlineDaysProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="field-hint caption-left">Working time counted per day ({zone})</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Counted</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">
                <time dateTime={day.date}>{formatLocalDate(day.date)}</time>
              </th>
              <td>{formatWorkingTime(day.countedMs)}</td>
              <td>{day.closed === null ? '' : closedReasonText(day.closed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
