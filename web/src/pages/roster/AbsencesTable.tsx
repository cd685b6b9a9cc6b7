import { formatLocalDate } from '../helpdesk/deadlineWords';
import { RemoveAbsenceButton } from './RemoveAbsenceButton';
import type { Absence } from './types';

interface AbsencesTableProps {
  absences: readonly Absence[];
  /** Whether the signed-in person may remove this absence (operators any, others their own). */
  canRemove: (absence: Absence) => boolean;
  onRemoved: () => void;
}

/** Absences that touch the month shown, the earliest first. */
export function AbsencesTable({ absences, canRemove, onRemoved }: AbsencesTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Absences</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Reason</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {absences.map((absence) => (
            <tr key={absence.id}>
              <th scope="row">{absence.email}</th>
              <td>
                <time dateTime={absence.from}>{formatLocalDate(absence.from)}</time>
              </td>
              <td>
                <time dateTime={absence.to}>{formatLocalDate(absence.to)}</time>
              </td>
              <td className="cell-wrap">{absence.reason}</td>
              <td className="cell-actions">
                {canRemove(absence) && <RemoveAbsenceButton absence={absence} onRemoved={onRemoved} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
