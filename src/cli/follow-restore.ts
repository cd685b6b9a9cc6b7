import { SingleBar } from 'cli-progress';
import { callApi, type ApiTarget } from './api-client.js';

export interface RestoreRunView {
  id: string;
  mode: 'switch' | 'in_place';
  status: 'running' | 'done' | 'failed';
  phase: 'downloading' | 'replaying' | 'switching' | 'done' | 'failed';
  targetTime: string | null;
  baseBackupId: string | null;
  bytesDone: number;
  bytesTotal: number | null;
  durationMs: number | null;
  recoveredUpTo: string | null;
  previousDataDir: string | null;
  previousKeptUntil: string | null;
  error: string | null;
}

const PHASES: Record<RestoreRunView['phase'], string> = {
  downloading: 'Reading the base backup',
  replaying: 'Replaying archived WAL and checking the result',
  switching: 'Switching the client over',
  done: 'Done',
  failed: 'Failed',
};

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/**
 * Polls a restore until it ends, showing its progress: a bar on a terminal, one JSON event per
 * change with `--json` (stdout), a line per phase otherwise (stderr).
 */
export async function followRestore(
  target: ApiTarget,
  client: string,
  started: RestoreRunView,
  json: boolean | undefined,
): Promise<RestoreRunView> {
  const path = `/api/clients/${encodeURIComponent(client)}/restores/${started.id}`;
  const tty = !json && process.stderr.isTTY;
  const bar = tty
    ? new SingleBar({
        format: '{phase} [{bar}] {percentage}% {done}/{total} MB',
        hideCursor: true,
        stream: process.stderr,
      })
    : null;
  let run = started;
  let last = '';
  let lastPhase = '';
  let barStarted = false;
  for (;;) {
    const signature = `${run.phase}:${run.bytesDone}`;
    if (signature !== last) {
      last = signature;
      if (json) {
        process.stdout.write(
          `${JSON.stringify({ event: 'progress', phase: run.phase, bytesDone: run.bytesDone, bytesTotal: run.bytesTotal })}\n`,
        );
      } else if (bar) {
        const total = Math.max(run.bytesTotal ?? 0, 1);
        const done = run.phase === 'downloading' ? run.bytesDone : total;
        const payload = { phase: PHASES[run.phase].padEnd(48), done: mb(done), total: mb(total) };
        if (!barStarted) {
          bar.start(total, done, payload);
          barStarted = true;
        } else bar.update(done, payload);
      } else if (run.phase !== lastPhase) {
        process.stderr.write(`${PHASES[run.phase]}…\n`);
      }
      lastPhase = run.phase;
    }
    if (run.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = (await callApi<{ restore: RestoreRunView }>(target, 'GET', path)).restore;
  }
  bar?.stop();
  return run;
}
