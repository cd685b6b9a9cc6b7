import { closedReasonText } from '../helpdesk/deadlineWords';
import type { DutyDay } from './types';

/** Whether a day is covered: closed days need nobody; a working day needs two people there. */
export function CoverageNote({ day }: { day: DutyDay }) {
  if (!day.working) return <>{day.closed === null ? 'Closed' : closedReasonText(day.closed)}</>;
  if (day.onDuty.length === 0) return <span className="badge badge-bad">Gap: nobody on duty</span>;
  if (day.onDuty.length === 1) return <span className="badge badge-warning">Only one person</span>;
  return <span className="badge badge-ok">Two on duty</span>;
}
