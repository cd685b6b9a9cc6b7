/** The per-day breakdown of a deadline in words. */
import type { ClosedReason } from './types';

/** "Friday 27 November": a local date (YYYY-MM-DD) of the calendar, as is, whatever the browser's zone. */
export function formatLocalDate(date: string): string {
  const midnight = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight.getTime())) return date;
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(midnight);
}

/** Working time as hours and minutes, seconds only when there are some: "0:30", "7:30", "1:00:15". */
export function formatWorkingTime(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hoursMinutes = `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 === 0 ? hoursMinutes : `${hoursMinutes}:${pad(seconds % 60)}`;
}

/** Why a day counted nothing: "Weekend", "Holiday: Easter Monday", "Closed: inventory". */
export function closedReasonText(closed: ClosedReason): string {
  switch (closed.kind) {
    case 'weekend':
      return 'Weekend';
    case 'holiday':
      return `Holiday: ${closed.name}`;
    case 'closure':
      return `Closed: ${closed.reason}`;
  }
}
