import type { Db } from '../db/database.js';
import { baseKey } from './base-backup.service.js';
import { readAll, sha256 } from './streams.js';
import type { StorageTarget } from './targets/storage-target.js';
import { walKey } from './wal.service.js';

export interface VerifyProblem {
  target: string;
  object: string;
  problem: 'missing' | 'corrupt' | 'unreadable';
}

export interface VerifyReport {
  checkedObjects: number;
  problems: VerifyProblem[];
  /** WAL files absent from the catalogue between the oldest base backup and the newest segment. */
  walGaps: string[];
  ok: boolean;
}

const SEGMENTS_PER_XLOGID = 0x1_0000_0000 / (1024 * 1024); // 1 MB segments

/** "0/3000028" → the name of the 1 MB WAL segment holding it, on timeline 1. */
export function segmentOf(lsn: string, timeline = 1): string {
  const [high, low] = lsn.split('/').map((part) => BigInt(`0x${part}`));
  const position = ((high ?? 0n) << 32n) + (low ?? 0n);
  const segno = position / BigInt(1024 * 1024);
  const hex = (value: bigint) => value.toString(16).toUpperCase().padStart(8, '0');
  return (
    hex(BigInt(timeline)) +
    hex(segno / BigInt(SEGMENTS_PER_XLOGID)) +
    hex(segno % BigInt(SEGMENTS_PER_XLOGID))
  );
}

function nextSegment(name: string): string {
  const timeline = name.slice(0, 8);
  const segno =
    BigInt(`0x${name.slice(8, 16)}`) * BigInt(SEGMENTS_PER_XLOGID) + BigInt(`0x${name.slice(16)}`) + 1n;
  const hex = (value: bigint) => value.toString(16).toUpperCase().padStart(8, '0');
  return timeline + hex(segno / BigInt(SEGMENTS_PER_XLOGID)) + hex(segno % BigInt(SEGMENTS_PER_XLOGID));
}

/**
 * Re-reads every backup object of a client on every target that should hold it, compares its
 * SHA-256 with the catalogue, and checks that the WAL chain has no hole. Needs no key.
 */
export class VerifyService {
  constructor(
    private readonly db: Db,
    private readonly targets: StorageTarget[],
  ) {}

  async verify(clientId: string): Promise<VerifyReport> {
    const expected: { object: string; sha256: string | null; targets: string[] }[] = [];
    const segments = await this.db
      .selectFrom('wal_segment')
      .select(['name', 'stored_sha256', 'targets'])
      .where('client_id', '=', clientId)
      .orderBy('name')
      .execute();
    for (const s of segments)
      expected.push({ object: walKey(clientId, s.name), sha256: s.stored_sha256, targets: s.targets });
    const backups = await this.db
      .selectFrom('base_backup')
      .select(['id', 'stored_sha256', 'targets', 'start_lsn'])
      .where('client_id', '=', clientId)
      .where('status', '=', 'done')
      .orderBy('started_at')
      .execute();
    for (const b of backups) {
      expected.push({
        object: baseKey(clientId, b.id, 'data.tar.oxyb'),
        sha256: b.stored_sha256,
        targets: b.targets,
      });
      for (const file of ['manifest.json.oxyb', 'backup_label.oxyb']) {
        expected.push({ object: baseKey(clientId, b.id, file), sha256: null, targets: b.targets });
      }
    }

    const problems: VerifyProblem[] = [];
    let checked = 0;
    for (const item of expected) {
      for (const target of this.targets.filter((t) => item.targets.includes(t.name))) {
        checked++;
        try {
          const head = await target.head(item.object);
          if (!head) {
            problems.push({ target: target.name, object: item.object, problem: 'missing' });
            continue;
          }
          const wanted = item.sha256 ?? head.metadata.sha256 ?? null;
          const actual = sha256(await readAll(await target.get(item.object)));
          if (wanted !== null && actual !== wanted)
            problems.push({ target: target.name, object: item.object, problem: 'corrupt' });
        } catch {
          problems.push({ target: target.name, object: item.object, problem: 'unreadable' });
        }
      }
    }

    const walGaps: string[] = [];
    const first = backups[0]?.start_lsn;
    const last = segments.at(-1)?.name;
    const known = new Set(segments.map((s) => s.name));
    if (first && last) {
      let name = segmentOf(first);
      for (let guard = 0; name <= last && guard < 1_000_000; guard++, name = nextSegment(name)) {
        if (!known.has(name)) walGaps.push(name);
      }
    }
    return { checkedObjects: checked, problems, walGaps, ok: problems.length === 0 && walGaps.length === 0 };
  }
}
