import type { BackupPolicy } from '../../../types';

const HOURS_PER_DAY = 24;
const HOURS_PER_WEEK = 7 * HOURS_PER_DAY;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "every week", "every 2 days", "every 6 hours". */
export function cadenceInWords(hours: number): string {
  if (hours === HOURS_PER_WEEK) return 'every week';
  if (hours === HOURS_PER_DAY) return 'every day';
  if (hours === 1) return 'every hour';
  if (hours % HOURS_PER_DAY === 0) return `every ${plural(hours / HOURS_PER_DAY, 'day', 'days')}`;
  return `every ${plural(hours, 'hour', 'hours')}`;
}

/** The retention policy as sentences a client can check against its agreement. */
export function policyInWords(policy: BackupPolicy): string[] {
  return [
    `A full (base) backup is taken ${cadenceInWords(policy.baseBackupEveryHours)}; every change in between is archived continuously.`,
    `Any instant of the last ${plural(policy.pitrDays, 'day', 'days')} can be restored.`,
    `Before that, the newest backup of each of the last ${plural(policy.weeklyBackupsKept, 'week', 'weeks')} is kept; it restores the database as it was when that backup ended.`,
  ];
}
