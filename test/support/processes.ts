import { readdir, readFile } from 'node:fs/promises';

/** Pids of processes whose command line contains `fragment` (read from /proc). */
export async function pidsMatching(fragment: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (cmdline.includes(fragment)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** PostgreSQL postmasters whose data directory lies under `dir` (not their helpers or archivers). */
export function postmastersUnder(dir: string): Promise<number[]> {
  return pidsMatching(`-D ${dir}`);
}
