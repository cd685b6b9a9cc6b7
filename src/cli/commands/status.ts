import { Command } from 'commander';
import { apiRequest, callApi } from '../api-client.js';
import { humanDuration, print } from '../output.js';
import { resolveTarget, type TargetOptions } from '../target.js';

interface PlatformStatus {
  version: string;
  startedAt: string;
  uptimeSeconds: number;
  database: { mode: string; ready: boolean; serverVersion: string };
  jobs: { running: boolean };
}

export function statusCommand(): Command {
  return new Command('status')
    .description('show whether the platform is up and ready, and its version')
    .option('--url <url>', 'platform URL [env OXYGIS_URL]')
    .option('--ca <file>', 'CA certificate to trust for that URL')
    .option('--json', 'print JSON')
    .action(async (options: TargetOptions & { json?: boolean }) => {
      const target = await resolveTarget(options, process.env, false);
      const ready = await apiRequest(target, 'GET', '/readyz');
      const readyBody = ready.body as { status?: string } | undefined;
      const status = target.token ? await callApi<PlatformStatus>(target, 'GET', '/api/status') : undefined;
      const result = {
        url: target.url,
        ready: ready.status === 200 && readyBody?.status === 'ready',
        ...status,
      };
      print(result, options.json, (r) => {
        const lines = [`${r.url}: ${r.ready ? 'ready' : 'NOT ready'}`];
        if (status) {
          lines.push(
            `  version ${status.version}, up ${humanDuration(status.uptimeSeconds)} (since ${status.startedAt})`,
            `  database: ${status.database.mode}, PostgreSQL ${status.database.serverVersion}, ${status.database.ready ? 'ready' : 'not ready'}`,
            `  job runner: ${status.jobs.running ? 'running' : 'stopped'}`,
          );
        } else {
          lines.push('  (sign in with `oxygis login` for details)');
        }
        return lines.join('\n');
      });
      if (!result.ready) process.exitCode = 1;
    });
}
