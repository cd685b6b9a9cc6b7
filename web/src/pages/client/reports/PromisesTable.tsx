import { monthLabel } from '../monitoring/figures';
import { promiseLines } from './reportWords';
import type { SlaReport } from './types';
import { VerdictBadge } from './VerdictBadge';

/** Each promise of the agreement in the month: the figure, the target and the verdict. */
export function PromisesTable({ report }: { report: SlaReport }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Promises of {monthLabel(report.month)}</caption>
        <thead>
          <tr>
            <th scope="col">Promise</th>
            <th scope="col">This month</th>
            <th scope="col">Target</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {promiseLines(report).map((line) => (
            <tr key={line.promise}>
              <th scope="row">{line.promise}</th>
              <td>{line.figure}</td>
              <td className="cell-wrap">{line.target}</td>
              <td>
                <VerdictBadge met={line.met} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
