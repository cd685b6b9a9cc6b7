import { Command } from 'commander';
import type { ApiTarget } from '../api-client.js';
import { resolveTarget, type TargetOptions } from '../target.js';

export interface CommonOptions extends TargetOptions {
  json?: boolean;
}

/** A subcommand that talks to the platform: --url, --ca and --json on every one. */
export function apiCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option('--url <url>', 'platform URL [env OXYGIS_URL]')
    .option('--ca <file>', 'CA certificate to trust for that URL')
    .option('--json', 'print JSON');
}

export function signedInTarget(options: TargetOptions): Promise<ApiTarget> {
  return resolveTarget(options, process.env, true);
}

/** Builds a query string from the defined values only. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function table(rows: string[][]): string {
  const widths = rows.reduce<number[]>(
    (w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)),
    [],
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
