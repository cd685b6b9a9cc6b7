/** "45 s", "3 min", "2 h 5 min", "3 d 4 h". */
export function formatUptime(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return 'unknown';
  const seconds = Math.floor(totalSeconds);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return joinUnits(hours, 'h', minutes % 60, 'min');
  return joinUnits(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

const megabytes = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** Bytes in (decimal) megabytes: "12.3 MB". */
export function formatMegabytes(bytes: number): string {
  return `${megabytes.format(bytes / 1_000_000)} MB`;
}

const seconds = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** A measured duration: "0.8 s", "12.4 s", then as `formatUptime` ("3 min", "1 h 5 min"). */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return 'unknown';
  if (milliseconds < 60_000) return `${seconds.format(milliseconds / 1000)} s`;
  return formatUptime(milliseconds / 1000);
}
