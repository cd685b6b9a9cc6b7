import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { callApi, RawBody } from '../api-client.js';
import { download, writeOut } from '../download.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  at: string;
  uploadedBy: string;
}

interface ComplianceRow {
  client: string;
  criticality: string;
  targetWorkingMs: number;
  count: number;
  met: number;
  breached: number;
  pending: number;
  medianResponseWorkingMs: number | null;
  worstResponseWorkingMs: number | null;
  worstStillOpen: boolean;
}

const ticketPath = (key: string) => `/api/tickets/${encodeURIComponent(key.replace(/^#/, ''))}`;

/** "3 h 20 min" of working time. */
export function workingHours(ms: number | null): string {
  if (ms === null) return '-';
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `oxygis ticket attach|attachments|download|compliance`: files and the month's targets. */
export function addTicketFileCommands(ticket: Command): void {
  ticket.addCommand(
    apiCommand('attach', 'attach a file to a ticket (at most 10 MB)')
      .argument('<number>', 'ticket number')
      .argument('<file>', 'the file')
      .action(async (key: string, file: string, o: CommonOptions) => {
        const content = await readFile(file).catch(() => {
          throw new CliError(`cannot read ${file}; check the path`, 2);
        });
        const target = await signedInTarget(o);
        const { attachment } = await callApi<{ attachment: Attachment }>(
          target,
          'POST',
          `${ticketPath(key)}/attachments${query({ filename: path.basename(file) })}`,
          new RawBody(content, 'application/octet-stream'),
        );
        print(attachment, o.json, (a) => `attached ${a.filename} (${a.size} bytes, sha256 ${a.sha256})`);
      }),
  );
  ticket.addCommand(
    apiCommand('attachments', "a ticket's attached files")
      .argument('<number>', 'ticket number')
      .action(async (key: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { attachments } = await callApi<{ attachments: Attachment[] }>(
          target,
          'GET',
          `${ticketPath(key)}/attachments`,
        );
        print(attachments, o.json, (rows) =>
          rows.length === 0
            ? 'No attachments.'
            : table([
                ['ID', 'FILE', 'BYTES', 'BY', 'AT'],
                ...rows.map((a) => [a.id, a.filename, String(a.size), a.uploadedBy, a.at]),
              ]),
        );
      }),
  );
  ticket.addCommand(
    apiCommand('download', 'download an attached file')
      .argument('<number>', 'ticket number')
      .argument('<id>', 'the attachment (see oxygis ticket attachments)')
      .option('--out <file>', 'where to write it (default: its name, in this folder)')
      .action(async (key: string, id: string, o: CommonOptions & { out?: string }) => {
        const target = await signedInTarget(o);
        const urlPath = `${ticketPath(key)}/attachments/${encodeURIComponent(id)}`;
        const response = await download(target, urlPath);
        const named = /filename\*=UTF-8''([^;]+)/.exec(response.headers['content-disposition'] ?? '')?.[1];
        // Only the base name: a file name from the server never chooses the folder.
        const out = o.out ?? (named ? path.basename(decodeURIComponent(named)) : `attachment-${id}`);
        await writeOut(response, out, { json: o.json, keep: true });
      }),
  );
  ticket.addCommand(
    apiCommand('compliance', "a month's response targets per client and criticality")
      .requiredOption('--month <YYYY-MM>', 'the month')
      .option('--client <slug>', "one client's")
      .action(async (o: CommonOptions & { month: string; client?: string }) => {
        const target = await signedInTarget(o);
        const result = await callApi<{ month: string; zone: string; rows: ComplianceRow[] }>(
          target,
          'GET',
          `/api/helpdesk/compliance${query({ month: o.month, client: o.client })}`,
        );
        print(result, o.json, (r) =>
          r.rows.length === 0
            ? `No tickets received in ${r.month}.`
            : table([
                [
                  'CLIENT',
                  'CRITICALITY',
                  'TARGET',
                  'TICKETS',
                  'MET',
                  'BREACHED',
                  'PENDING',
                  'MEDIAN',
                  'WORST',
                ],
                ...r.rows.map((row) => [
                  row.client,
                  row.criticality,
                  workingHours(row.targetWorkingMs),
                  String(row.count),
                  String(row.met),
                  String(row.breached),
                  String(row.pending),
                  workingHours(row.medianResponseWorkingMs),
                  `${workingHours(row.worstResponseWorkingMs)}${row.worstStillOpen ? ' (unanswered)' : ''}`,
                ]),
              ]),
        );
      }),
  );
}
