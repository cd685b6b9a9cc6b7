import type { DayBar } from './types';
import { barLabel, barTone } from './words';

/**
 * One bar per day, oldest first. Each bar is an image with its own label ("2026-11-03: 99.95 %
 * up"), also shown as a tooltip; the colour only repeats what the label says.
 */
export function UptimeBars({ name, days }: { name: string; days: readonly DayBar[] }) {
  return (
    <ol className="uptime-bars" aria-label={`${name}: uptime per day, last ${days.length} days`}>
      {days.map((day) => {
        const label = barLabel(day);
        return (
          <li key={day.date}>
            <span
              role="img"
              aria-label={label}
              title={label}
              className={`uptime-bar ${barTone(day.uptime)}`}
            />
          </li>
        );
      })}
    </ol>
  );
}
