import { parseLsn, segmentInfo } from './wal-names.js';

/**
 * What a client's backups must keep, as a pure decision (the expiry job carries it out).
 *
 * - Point-in-time window: every instant of the last `pitrDays` days stays restorable, so every
 *   base backup finished inside the window is kept, plus the newest one finished before it (the
 *   base from which the window's first instant is replayed), plus every WAL segment from that
 *   base's start onwards.
 * - Weekly backups: for each calendar week (Monday 00:00 UTC) of the last `weeklyBackupsKept`
 *   weeks, the newest base backup of that week is kept with only the WAL that makes it
 *   consistent (its start to its stop); it restores to the instant its backup ended.
 * - Everything else expires. The newest backup is never expired.
 */

export interface RetentionPolicy {
  weeklyBackupsKept: number;
  pitrDays: number;
}

export interface CatalogueBackup {
  id: string;
  finishedAt: Date;
  startLsn: string;
  stopLsn: string;
}

export interface RetentionDecision {
  keep: string[];
  expire: string[];
  /** The backup the point-in-time window starts from (null when there is no backup). */
  windowBase: CatalogueBackup | null;
  /** WAL needed: every segment overlapping one of these LSN ranges (end undefined = open). */
  walRanges: { from: bigint; to: bigint | undefined }[];
}

const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the instant's week. */
function weekOf(instant: Date): number {
  const day = Math.floor(instant.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: day 4 of a Monday-based week counted from 0.
  return (day - ((day + 3) % 7)) * DAY_MS;
}

export function decideRetention(
  backups: readonly CatalogueBackup[],
  policy: RetentionPolicy,
  now: Date,
): RetentionDecision {
  const newestFirst = [...backups].sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime());
  const windowStart = now.getTime() - policy.pitrDays * DAY_MS;
  const keep = new Set<string>();
  for (const backup of newestFirst) if (backup.finishedAt.getTime() > windowStart) keep.add(backup.id);
  const windowBase =
    newestFirst.find((b) => b.finishedAt.getTime() <= windowStart) ?? newestFirst.at(-1) ?? null;
  if (windowBase) keep.add(windowBase.id);

  const walRanges: RetentionDecision['walRanges'] = windowBase
    ? [{ from: parseLsn(windowBase.startLsn), to: undefined }]
    : [];
  const oldestWeek = weekOf(now) - (policy.weeklyBackupsKept - 1) * WEEK_MS;
  const seenWeeks = new Set<number>();
  for (const backup of newestFirst) {
    const week = weekOf(backup.finishedAt);
    if (week < oldestWeek || seenWeeks.has(week)) continue;
    seenWeeks.add(week);
    if (keep.has(backup.id)) continue;
    keep.add(backup.id);
    walRanges.push({ from: parseLsn(backup.startLsn), to: parseLsn(backup.stopLsn) });
  }
  return {
    keep: newestFirst.filter((b) => keep.has(b.id)).map((b) => b.id),
    expire: newestFirst.filter((b) => !keep.has(b.id)).map((b) => b.id),
    windowBase,
    walRanges,
  };
}

/** Whether a WAL file is still needed under a decision. */
export function walNeeded(name: string, decision: RetentionDecision): boolean {
  const range = segmentInfo(name);
  if (!range) return true;
  return decision.walRanges.some((r) => range.to > r.from && (r.to === undefined || range.from <= r.to));
}
