import { monthLabel } from '../client/monitoring/figures';
import { shiftMonth } from './rosterDates';

interface MonthNavigationProps {
  month: string;
  onChange: (month: string) => void;
  /** The heading of the shown month, labelling its section. */
  headingId: string;
}

/** The month shown, with the months before and after one step away. */
export function MonthNavigation({ month, onChange, headingId }: MonthNavigationProps) {
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  return (
    <div className="card-header">
      <h2 id={headingId}>{monthLabel(month)}</h2>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onChange(previous)}
          aria-label={`Previous month (${monthLabel(previous)})`}
        >
          Previous month
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onChange(next)}
          aria-label={`Next month (${monthLabel(next)})`}
        >
          Next month
        </button>
      </div>
    </div>
  );
}
