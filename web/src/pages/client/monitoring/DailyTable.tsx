import { dayLabel, formatMinutes, formatPercent, monthLabel } from './figures';
import type { DailyAvailability } from './types';

/** The daily chart's data in words, for those who cannot see the canvas. */
export function DailyTable({ days, month }: { days: readonly DailyAvailability[]; month: string }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>Availability per day, {monthLabel(month)}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Availability</th>
            <th scope="col">Downtime</th>
            <th scope="col">Planned maintenance</th>
            <th scope="col">Force majeure</th>
            <th scope="col">No data</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">
                <time dateTime={day.date}>{dayLabel(day.date)}</time>
              </th>
              <td>{day.availability === null ? 'No data' : formatPercent(day.availability)}</td>
              <td>{formatMinutes(day.downtimeSeconds)}</td>
              <td>{formatMinutes(day.maintenanceSeconds)}</td>
              <td>{formatMinutes(day.forceMajeureSeconds)}</td>
              <td>{formatMinutes(day.noDataSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
