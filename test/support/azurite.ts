import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/shared/free-port.js';
import { repoRoot } from './platform.js';

/** Azurite's well-known development account: public, for tests only. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  accountUrl: string;
  port: number;
  stop(): Promise<void>;
  /** Makes the emulator unreachable (as an outage would) and back. */
  pause(): void;
  resume(): void;
}

/**
 * An Azurite that can go down and come back with its data (kept on disk), on the same port:
 * an outage of a backup target.
 */
export async function startRestartableAzurite(
  location: string,
): Promise<RunningAzurite & { restart(): Promise<void> }> {
  const port = await freePort();
  let current = await startAzurite({ port, location });
  return {
    accountUrl: current.accountUrl,
    port,
    pause: () => current.pause(),
    resume: () => current.resume(),
    stop: () => current.stop(),
    async restart() {
      current = await startAzurite({ port, location });
    },
  };
}

/** Microsoft's Azure Storage emulator (npm `azurite`), blob service only, in memory, on a free port. */
export async function startAzurite(
  options: { port?: number; location?: string } = {},
): Promise<RunningAzurite> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    path.join(repoRoot, 'node_modules', '.bin', 'azurite-blob'),
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      ...(options.location ? ['--location', options.location] : ['--inMemoryPersistence']),
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`azurite did not start:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes('successfully listens')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited with ${code}:\n${output}`));
    });
  });
  return {
    accountUrl: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    port,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGCONT');
        child.kill('SIGTERM');
      }),
  };
}
