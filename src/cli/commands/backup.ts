import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, signedInTarget, table, type CommonOptions } from './common.js';

interface BaseBackup {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  verifiedAt: string | null;
  verifiedOk: boolean | null;
  files: number | null;
  plainBytes: number | null;
  storedBytes: number | null;
  targets: string[];
  missing: string[];
  error: string | null;
}

interface Window {
  earliest: string | null;
  latest: string | null;
  weeklyPoints: { backupId: string; at: string }[];
}

interface Policy {
  baseBackupEveryHours: number;
  weeklyBackupsKept: number;
  pitrDays: number;
  custom: boolean;
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
  dataLossWindowSeconds: number | null;
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
            ? `Restore drill passed in ${((d.durationMs ?? 0) / 1000).toFixed(1)} s (limit 1 h): ${d.tables ?? 0} tables, data up to ${d.recoveredUpTo ?? 'the base backup'}; data-loss window ${d.dataLossWindowSeconds ?? '-'} s (limit 5 min)`
            : `Restore drill FAILED after ${((d.durationMs ?? 0) / 1000).toFixed(1)} s: ${d.error ?? 'unknown error'}`,
        );
        if (!result.ok) process.exitCode = 1;
      }),
  );

  backup.addCommand(
    apiCommand('list', 'the catalogue: base backups, the recoverable window, retention and archiving')
      .argument('<client>', 'client slug')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const path = `/api/clients/${encodeURIComponent(client)}/backups`;
        const catalogue = await callApi<{ backups: BaseBackup[]; window: Window; policy: Policy }>(
          target,
          'GET',
          path,
        );
        const archive = await callApi<Archive>(target, 'GET', `${path}/archive`);
        print({ ...catalogue, archive }, o.json, (r) =>
          [
            r.window.earliest
              ? `Recoverable: any instant from ${r.window.earliest} to ${r.window.latest ?? '-'}` +
                (r.window.weeklyPoints.length > 0
                  ? `, and ${r.window.weeklyPoints.length} older weekly backup(s) (oxygis restore ${client} --backup ID)`
                  : '')
              : `Nothing to restore yet: oxygis backup run ${client}`,
            `Retention: ${r.policy.weeklyBackupsKept} weekly backups, every instant of the last ${r.policy.pitrDays} days; a base backup every ${r.policy.baseBackupEveryHours} h${r.policy.custom ? " (this client's own)" : ''}`,
            `WAL archiving to ${r.archive.targets.join(', ')}: newest on every target ${r.archive.latestCompleteAt ?? 'none yet'}` +
              (r.archive.lagSeconds === null ? '' : ` (${r.archive.lagSeconds} s ago)`) +
              (r.archive.segmentsMissingCopies > 0
                ? `, ${r.archive.segmentsMissingCopies} segment(s) missing a copy`
                : ''),
            r.backups.length === 0
              ? 'no base backups yet: oxygis backup run ' + client
              : table([
                  ['ID', 'STATUS', 'STARTED', 'FINISHED', 'SIZE', 'STORED', 'TARGETS', 'VERIFIED'],
                  ...r.backups.map((b) => [
                    b.id,
                    b.status,
                    b.startedAt,
                    b.finishedAt ?? '-',
                    mb(b.plainBytes),
                    mb(b.storedBytes),
                    b.targets.join(',') || '-',
                    b.verifiedAt ? `${b.verifiedOk ? 'ok' : 'PROBLEM'} ${b.verifiedAt}` : '-',
                  ]),
                ]),
          ].join('\n'),
        );
      }),
  );

  backup.addCommand(
    apiCommand('policy', "show or change a client's backup cadence and retention (changes: operators)")
      .argument('<client>', 'client slug')
      .option('--every-hours <n>', 'hours between scheduled base backups (168 = weekly, 24 = daily)')
      .option('--weekly-kept <n>', 'weekly base backups kept (52 = one year)')
      .option('--pitr-days <n>', 'days in which every instant can be restored')
      .option('--reset', 'back to the platform defaults')
      .action(
        async (
          client: string,
          o: CommonOptions & { everyHours?: string; weeklyKept?: string; pitrDays?: string; reset?: boolean },
        ) => {
          const number = (value: string | undefined, flag: string) => {
            if (value === undefined) return undefined;
            const n = Number(value);
            if (!Number.isInteger(n) || n < 1)
              throw new CliError(`${flag} must be a whole number of at least 1`, 2);
            return n;
          };
          const change = {
            baseBackupEveryHours: number(o.everyHours, '--every-hours'),
            weeklyBackupsKept: number(o.weeklyKept, '--weekly-kept'),
            pitrDays: number(o.pitrDays, '--pitr-days'),
          };
          const changing = o.reset || Object.values(change).some((v) => v !== undefined);
          const target = await signedInTarget(o);
          const path = `/api/clients/${encodeURIComponent(client)}/backups/policy`;
          const policy = changing
            ? await callApi<Policy>(target, 'PUT', path, o.reset ? { reset: true } : change)
            : await callApi<Policy>(target, 'GET', path);
          print(
            policy,
            o.json,
            (p) =>
              `${client}: a base backup every ${p.baseBackupEveryHours} h, ${p.weeklyBackupsKept} weekly backups kept, every instant of the last ${p.pitrDays} days restorable${p.custom ? '' : ' (platform defaults)'}`,
          );
        },
      ),
  );
  return backup;
}
