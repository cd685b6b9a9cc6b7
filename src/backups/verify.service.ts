import type { Db } from '../db/database.js';
import { baseKey } from './base-backup.service.js';
import type { BackupCatalogue } from './catalogue.service.js';
import { sha256Of } from './envelope.js';
import type { StorageTarget } from './targets/storage-target.js';
import { segmentInfo, segmentName, WAL_SEGMENT_BYTES } from './wal-names.js';
import { walKey } from './wal.service.js';

export interface VerifyProblem {
  target: string;
  object: string;
  problem: 'missing' | 'corrupt' | 'unreadable';
}

export interface VerifyReport {
  checkedObjects: number;
  problems: VerifyProblem[];
  /** WAL files a kept backup or the point-in-time window needs and the catalogue lacks. */
  walGaps: string[];
  ok: boolean;
}

interface Expected {
  object: string;
  sha256: string | null;
  targets: string[];
  backupId?: string;
}

/**
 * Re-reads every backup object of a client on every target that should hold it (streamed),
 * compares its SHA-256 with the catalogue, and checks that the WAL the retention rules keep has
 * no hole. Needs no key. Each base backup's verification time and result go into the catalogue.
 */
export class VerifyService {
  constructor(
    private readonly db: Db,
    private readonly targets: StorageTarget[],
    private readonly catalogue: BackupCatalogue,
  ) {}

  async verify(clientId: string): Promise<VerifyReport> {
    const expected: Expected[] = [];
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
      .select(['id', 'stored_sha256', 'targets'])
      .where('client_id', '=', clientId)
      .where('status', '=', 'done')
      .orderBy('started_at')
      .execute();
    for (const b of backups) {
      const item = { targets: b.targets, backupId: b.id };
      expected.push({ ...item, object: baseKey(clientId, b.id, 'data.tar.oxyb'), sha256: b.stored_sha256 });
      for (const file of ['manifest.json.oxyb', 'backup_label.oxyb'])
        expected.push({ ...item, object: baseKey(clientId, b.id, file), sha256: null });
    }

    const problems: (VerifyProblem & { backupId?: string })[] = [];
    let checked = 0;
    for (const item of expected) {
      for (const target of this.targets.filter((t) => item.targets.includes(t.name))) {
        checked++;
        const problem = await this.check(target, item);
        if (problem)
          problems.push({
            target: target.name,
            object: item.object,
            problem,
            ...(item.backupId ? { backupId: item.backupId } : {}),
          });
      }
    }

    const now = new Date();
    for (const b of backups) {
      await this.db
        .updateTable('base_backup')
        .set({ verified_at: now, verified_ok: !problems.some((p) => p.backupId === b.id) })
        .where('id', '=', b.id)
        .execute();
    }
    const walGaps = await this.walGaps(
      clientId,
      segments.map((s) => s.name),
    );
    return {
      checkedObjects: checked,
      problems: problems.map(({ target, object, problem }) => ({ target, object, problem })),
      walGaps,
      ok: problems.length === 0 && walGaps.length === 0,
    };
  }

  private async check(target: StorageTarget, item: Expected): Promise<VerifyProblem['problem'] | null> {
    try {
      const head = await target.head(item.object);
      if (!head) return 'missing';
      const wanted = item.sha256 ?? head.metadata.sha256 ?? null;
      const actual = await sha256Of(await target.get(item.object));
      return wanted !== null && actual !== wanted ? 'corrupt' : null;
    } catch {
      return 'unreadable';
    }
  }

  /** Segment numbers (any timeline) the kept backups and the window need, absent from the catalogue. */
  private async walGaps(clientId: string, names: string[]): Promise<string[]> {
    const decision = await this.catalogue.decision(clientId);
    const known = new Set<bigint>();
    let newest = -1n;
    for (const name of names) {
      const info = segmentInfo(name);
      if (!info || name.includes('.')) continue;
      known.add(info.segno);
      if (info.segno > newest) newest = info.segno;
    }
    const gaps: string[] = [];
    for (const range of decision.walRanges) {
      const first = range.from / WAL_SEGMENT_BYTES;
      const last = range.to === undefined ? newest : range.to / WAL_SEGMENT_BYTES;
      for (let segno = first; segno <= last && gaps.length < 1000; segno++)
        if (!known.has(segno)) gaps.push(segmentName(segno));
    }
    return gaps;
  }
}
