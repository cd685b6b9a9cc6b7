import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface BaseBackup {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  files: number | null;
  plainBytes: number | null;
  storedBytes: number | null;
  targets: string[];
  missing: string[];
  error: string | null;
}

interface Archive {
  targets: string[];
  latestSegment: string | null;
  latestCompleteAt: string | null;
  lagSeconds: number | null;
  segmentsMissingCopies: number;
}

interface Report {
  checkedObjects: number;
  problems: { target: string; object: string; problem: string }[];
  walGaps: string[];
  ok: boolean;
}

interface Drill {
  ok: boolean;
  durationMs: number | null;
  recoveredUpTo: string | null;
  tables: number | null;
  error: string | null;
}

const mb = (bytes: number | null) => (bytes === null ? '-' : `${(bytes / 1048576).toFixed(1)} MB`);

export function backupCommand(): Command {
  const backup = new Command('backup').description("a client's backups");

  backup.addCommand(
    apiCommand('run', 'take a base backup now (written to every backup target)')
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { backup: taken } = await callApi<{ backup: BaseBackup }>(
          target,
          'POST',
          `/api/clients/${encodeURIComponent(client)}/backups`,
        );
        print(taken, o.json, (b) =>
          b.status === 'done'
            ? `Base backup ${b.id}: ${b.files ?? 0} files, ${mb(b.plainBytes)} → ${mb(b.storedBytes)} stored on ${b.targets.join(', ')}` +
              (b.missing.length > 0 ? ` (missing on ${b.missing.join(', ')})` : '')
            : `Base backup ${b.id} failed: ${b.error ?? 'unknown error'}`,
        );
        if (taken.status !== 'done') process.exitCode = 1;
      }),
  );

  backup.addCommand(
    apiCommand('verify', 'check every copy on every target (checksums) and the WAL chain')
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const report = await callApi<Report>(
          target,
          'POST',
          `/api/clients/${encodeURIComponent(client)}/backups/verify`,
        );
        print(report, o.json, (r) =>
          [
            `${r.checkedObjects} stored objects checked: ${r.ok ? 'all intact, WAL chain complete' : 'PROBLEMS FOUND'}`,
            ...r.problems.map((p) => `  ${p.problem} on ${p.target}: ${p.object}`),
            ...r.walGaps.map((name) => `  WAL gap: ${name} was never archived`),
          ].join('\n'),
        );
        if (!report.ok) process.exitCode = 1;
      }),
  );

  backup.addCommand(
    apiCommand(
      'drill',
      'restore the latest state into a scratch instance, check it, remove it, and record the time',
    )
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const result = await callApi<Drill>(
          target,
          'POST',
          `/api/clients/${encodeURIComponent(client)}/backups/drill`,
        );
        print(result, o.json, (d) =>
          d.ok
            ? `Restore drill passed in ${((d.durationMs ?? 0) / 1000).toFixed(1)} s (limit 1 h): ${d.tables ?? 0} tables, data up to ${d.recoveredUpTo ?? 'the base backup'}`
            : `Restore drill FAILED after ${((d.durationMs ?? 0) / 1000).toFixed(1)} s: ${d.error ?? 'unknown error'}`,
        );
        if (!result.ok) process.exitCode = 1;
      }),
  );

  backup.addCommand(
    apiCommand('list', 'base backups and continuous archiving of a client')
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const path = `/api/clients/${encodeURIComponent(client)}/backups`;
        const { backups } = await callApi<{ backups: BaseBackup[] }>(target, 'GET', path);
        const archive = await callApi<Archive>(target, 'GET', `${path}/archive`);
        print({ backups, archive }, o.json, (r) =>
          [
            `WAL archiving to ${r.archive.targets.join(', ')}: newest on every target ${r.archive.latestCompleteAt ?? 'none yet'}` +
              (r.archive.lagSeconds === null ? '' : ` (${r.archive.lagSeconds} s ago)`) +
              (r.archive.segmentsMissingCopies > 0
                ? `, ${r.archive.segmentsMissingCopies} segment(s) missing a copy`
                : ''),
            r.backups.length === 0
              ? 'no base backups yet: oxygis backup run ' + client
              : table([
                  ['ID', 'STATUS', 'STARTED', 'FILES', 'SIZE', 'STORED', 'TARGETS'],
                  ...r.backups.map((b) => [
                    b.id,
                    b.status,
                    b.startedAt,
                    String(b.files ?? '-'),
                    mb(b.plainBytes),
                    mb(b.storedBytes),
                    b.targets.join(','),
                  ]),
                ]),
          ].join('\n'),
        );
      }),
  );
  return backup;
}
