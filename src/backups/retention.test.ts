import { describe, expect, it } from 'vitest';
import { decideRetention, walNeeded, type CatalogueBackup } from './retention.js';
import { parseLsn, segmentInfo, segmentName as nameOf } from './wal-names.js';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-29T12:00:00Z'); // a Sunday

/** The start of WAL segment n as an LSN, and its file name on timeline 1. */
const hex = (n: bigint, width = 0) => n.toString(16).toUpperCase().padStart(width, '0');
const lsn = (n: number) => {
  const at = BigInt(n) * 1048576n;
  return `${hex(at >> 32n)}/${hex(at & 0xffffffffn)}`;
};
const segmentName = (n: number) => nameOf(BigInt(n));

/** One backup per day for `days` days back, LSNs growing by one segment per day. */
function daily(days: number): CatalogueBackup[] {
  return Array.from({ length: days }, (_, i) => {
    const age = days - 1 - i;
    const segment = i * 4;
    return {
      id: `b${i}`,
      finishedAt: new Date(now.getTime() - age * DAY - 3600_000),
      startLsn: lsn(segment),
      stopLsn: lsn(segment + 1),
    };
  });
}

describe('WAL positions', () => {
  it('reads LSNs and segment names the way PostgreSQL writes them', () => {
    expect(parseLsn('0/1000000')).toBe(16n * 1024n * 1024n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(segmentInfo('000000010000000000000001')).toEqual({
      timeline: 1,
      segno: 1n,
      from: 1048576n,
      to: 2097152n,
    });
    // 4096 segments of 1 MB per "log": 0x01/0x00 follows 0x00/0xFFF.
    expect(segmentInfo('000000010000000100000000')?.from).toBe(1n << 32n);
    expect(segmentInfo('000000020000000000000003.00000028.backup')).toMatchObject({ timeline: 2, segno: 3n });
    expect(segmentInfo('00000002.history')).toBeUndefined();
    expect(() => parseLsn('nonsense')).toThrow(/not a WAL location/);
  });
});

describe('retention', () => {
  it('keeps every backup of the point-in-time window and the one it starts from', () => {
    const backups = daily(20);
    const decision = decideRetention(backups, { weeklyBackupsKept: 0, pitrDays: 14 }, now);
    // 14 inside the window (ages 0..13 h-adjusted) plus the base just before it.
    expect(decision.keep).toHaveLength(15);
    expect(decision.windowBase?.id).toBe('b5');
    expect(decision.expire.sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    expect(decision.walRanges).toEqual([{ from: parseLsn(backups[5]?.startLsn ?? ''), to: undefined }]);
  });

  it('keeps one backup per week for the weekly count, with only the WAL making each consistent', () => {
    const backups = daily(70); // ten weeks of daily backups
    const decision = decideRetention(backups, { weeklyBackupsKept: 52, pitrDays: 7 }, now);
    const kept = new Set(decision.keep);
    // Older than the window: exactly one per calendar week (the newest of the week: a Sunday).
    const older = backups.filter(
      (b) => kept.has(b.id) && b.finishedAt < (decision.windowBase?.finishedAt ?? now),
    );
    const weekdays = older.map((b) => b.finishedAt.getUTCDay());
    expect(weekdays.every((d) => d === 0)).toBe(true);
    expect(new Set(older.map((b) => Math.floor(b.finishedAt.getTime() / (7 * DAY)))).size).toBe(older.length);
    // Their WAL is bounded; a segment between two weekly backups is not needed.
    const ranges = decision.walRanges.filter((r) => r.to !== undefined);
    expect(ranges).toHaveLength(older.length);
    expect(walNeeded(segmentName(2), decision)).toBe(false); // day 0: expired, gap
    expect(segmentName(4096)).toBe('000000010000000100000000');
    expect(walNeeded('00000001.history', decision)).toBe(true);
    expect(walNeeded(segmentName(4 * 69 + 1), decision)).toBe(true);
  });

  it('drops weekly backups older than the weekly count', () => {
    const backups = daily(70);
    const decision = decideRetention(backups, { weeklyBackupsKept: 2, pitrDays: 1 }, now);
    const oldest = Math.min(
      ...decision.keep.map((id) => backups.find((b) => b.id === id)?.finishedAt.getTime() ?? 0),
    );
    expect(now.getTime() - oldest).toBeLessThan(14 * DAY);
  });

  it('never expires the newest backup, even when it is older than every window', () => {
    const old: CatalogueBackup[] = [
      { id: 'a', finishedAt: new Date('2024-01-01T00:00:00Z'), startLsn: lsn(1), stopLsn: lsn(2) },
      { id: 'b', finishedAt: new Date('2024-02-01T00:00:00Z'), startLsn: lsn(5), stopLsn: lsn(6) },
    ];
    const decision = decideRetention(old, { weeklyBackupsKept: 52, pitrDays: 14 }, now);
    expect(decision.keep).toEqual(['b']);
    expect(decision.expire).toEqual(['a']);
    expect(walNeeded(segmentName(4), decision)).toBe(false);
    expect(walNeeded(segmentName(5), decision)).toBe(true);
  });

  it('keeps everything a client with no backup has: nothing to decide', () => {
    const decision = decideRetention([], { weeklyBackupsKept: 52, pitrDays: 14 }, now);
    expect(decision).toEqual({ keep: [], expire: [], windowBase: null, walRanges: [] });
    expect(walNeeded('000000010000000000000001', decision)).toBe(false);
  });
});
