/** Working time and response targets in words. */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** A "working day" of the agreement's targets: 8 working hours (the API's response policy). */
const HOURS_PER_WORKING_DAY = 8;

/** Working time in hours and minutes: "3 h 20 min", "45 min", "2 h"; under a minute as such. */
export function formatWorkingDuration(milliseconds: number): string {
  if (milliseconds <= 0) return '0 min';
  if (milliseconds < MINUTE_MS) return 'under 1 min';
  const minutes = Math.floor(milliseconds / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A target, and in working days when it is whole ones: ["16 working hours", "(2 working days)"]. */
export function targetWords(milliseconds: number): [string] | [string, string] {
  const hours = milliseconds / HOUR_MS;
  const text = `${hoursFormat.format(hours)} working hours`;
  const days = hours / HOURS_PER_WORKING_DAY;
  return Number.isInteger(days) && days > 1 ? [text, `(${days} working days)`] : [text];
}
