import { DateTime } from '../../components/DateTime';
import type { ForceMajeurePeriod } from './types';

/** Declared force-majeure periods, newest first. */
export function ForceMajeureTable({ periods }: { periods: readonly ForceMajeurePeriod[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Force majeure, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Declared by</th>
            <th scope="col">Declared</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => (
            <tr key={period.id}>
              <th scope="row" className="cell-wrap">
                {period.reason}
              </th>
              <td>
                <DateTime iso={period.startsAt} />
              </td>
              <td>
                <DateTime iso={period.endsAt} />
              </td>
              <td>{period.declaredBy}</td>
              <td>
                <DateTime iso={period.declaredAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
