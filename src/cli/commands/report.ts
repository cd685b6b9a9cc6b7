import { Command, Option } from 'commander';
import { callApi } from '../api-client.js';
import { download, writeOut } from '../download.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface Version {
  month: string;
  version: number;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

interface Report {
  version: number;
  provisional: boolean;
  month: string;
  client: { slug: string };
  availability: { availability: number | null; target: number; met: boolean | null };
  dataLoss: { worstSeconds: number | null; met: boolean | null };
  restore: { worstSeconds: number | null; met: boolean | null };
  backups: { met: boolean | null };
  support: { met: boolean | null };
}

const verdict = (met: boolean | null) => (met === null ? 'nothing to judge' : met ? 'met' : 'NOT MET');

const summary = (r: Report) =>
  [
    `SLA report ${r.client.slug} ${r.month} — ${r.provisional ? 'provisional (the month is not over or not archived yet)' : `version ${r.version}`}`,
    `availability  ${r.availability.availability === null ? '-' : `${(r.availability.availability * 100).toFixed(3)} %`} (target ${(r.availability.target * 100).toFixed(1)} %): ${verdict(r.availability.met)}`,
    `backups       ${verdict(r.backups.met)}`,
    `data loss     worst ${r.dataLoss.worstSeconds ?? '-'} s (limit 300 s): ${verdict(r.dataLoss.met)}`,
    `restore       worst ${r.restore.worstSeconds ?? '-'} s (limit 3600 s): ${verdict(r.restore.met)}`,
    `support       ${verdict(r.support.met)}`,
  ].join('\n');

/** `oxygis report`: the monthly SLA evidence reports. */
export function reportCommand(): Command {
  const report = new Command('report').description('monthly SLA evidence reports');
  report.addCommand(
    apiCommand('sla', "a client's report of a month: json (default), html or pdf")
      .argument('<client>', 'the client')
      .requiredOption('--month <YYYY-MM>', 'the month')
      .addOption(new Option('--format <format>', 'json, html or pdf').choices(['json', 'html', 'pdf']))
      .option('--version <n>', 'an archived version (default: the latest)')
      .option('--out <file>', 'write it to this file (html and pdf; default: standard output for html)')
      .action(
        async (
          client: string,
          o: CommonOptions & { month: string; format?: string; version?: string; out?: string },
        ) => {
          const target = await signedInTarget(o);
          const format = o.format ?? 'json';
          const urlPath = `/api/clients/${encodeURIComponent(client)}/reports/sla/${encodeURIComponent(o.month)}${query({ format, version: o.version })}`;
          if (format === 'json') {
            print((await callApi<{ report: Report }>(target, 'GET', urlPath)).report, o.json, summary);
            return;
          }
          const response = await download(target, urlPath);
          const out = o.out ?? (format === 'pdf' ? `oxygis-sla-${client}-${o.month}.pdf` : undefined);
          await writeOut(response, out, { json: o.json });
        },
      ),
  );
  report.addCommand(
    apiCommand('list', "a client's archived reports, every version")
      .argument('<client>', 'the client')
      .action(async (client: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { reports } = await callApi<{ reports: Version[] }>(
          target,
          'GET',
          `/api/clients/${encodeURIComponent(client)}/reports/sla`,
        );
        print(reports, o.json, (rows) =>
          rows.length === 0
            ? 'No archived report yet: a month is archived the day after it ends.'
            : table([
                ['MONTH', 'VERSION', 'MADE', 'BY', 'REASON'],
                ...rows.map((r) => [r.month, String(r.version), r.createdAt, r.createdBy, r.reason ?? '']),
              ]),
        );
      }),
  );
  report.addCommand(
    apiCommand('amend', "a new version of a closed month's report (operators)")
      .argument('<client>', 'the client')
      .requiredOption('--month <YYYY-MM>', 'the month')
      .requiredOption('--reason <text>', 'why (printed in the report)')
      .action(async (client: string, o: CommonOptions & { month: string; reason: string }) => {
        const target = await signedInTarget(o);
        const { report: amended } = await callApi<{ report: Report }>(
          target,
          'POST',
          `/api/clients/${encodeURIComponent(client)}/reports/sla/${encodeURIComponent(o.month)}/amendments`,
          { reason: o.reason },
        );
        print(amended, o.json, summary);
      }),
  );
  return report;
}
