import { DateTime } from '../../components/DateTime';
import type { Maintenance } from './types';

/** The next occurrences of a maintenance (up to three). */
export function NextOccurrences({ maintenance }: { maintenance: Maintenance }) {
  if (maintenance.next.length === 0) return <>None ahead</>;
  return (
    <ul className="plain-list" aria-label={`Next occurrences of ${maintenance.reason}`}>
      {maintenance.next.map((occurrence) => (
        <li key={occurrence.from}>
          <DateTime iso={occurrence.from} /> to <DateTime iso={occurrence.to} />
        </li>
      ))}
    </ul>
  );
}
