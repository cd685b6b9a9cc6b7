import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const oxygisBin = path.join(repoRoot, 'bin', 'oxygis.js');

export interface RunningPlatform {
  /** https://localhost:PORT */
  url: string;
  port: number;
  httpPort: number | undefined;
  /** The helpdesk's inbound SMTP port (tickets by e-mail). */
  inboundSmtpPort: number | undefined;
  dataDir: string;
  caFile: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM and wait for a clean exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** kill -9, as a crash would. */
  kill(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  dataDir?: string;
  args?: string[];
  timeoutMs?: number;
}

export async function tempDir(prefix = 'oxygis-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Test platforms run side by side: each gets its own window of client-instance ports, so one
 * platform never finds its instance's port taken by another's.
 */
function instancePortWindow(): string {
  const window = Math.floor(Math.random() * 280);
  const from = 10_000 + window * 50;
  return `${from}-${from + 49}`;
}

/** Environment for a child oxygis: the test's own, minus anything that would point it elsewhere. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('OXYGIS_'));
  return {
    ...Object.fromEntries(inherited),
    OXYGIS_LOG_LEVEL: 'warn',
    OXYGIS_INSTANCE_PORTS: instancePortWindow(),
    // Platforms run side by side: the helpdesk's inbound SMTP server takes any free port.
    OXYGIS_INBOUND_SMTP_PORT: '0',
    ...extra,
  };
}

/**
 * Starts the real platform (`oxygis start`, built code) in a temporary data directory on free
 * ports, and resolves once it prints its console URL.
 */
export async function startPlatform(options: StartOptions = {}): Promise<RunningPlatform> {
  const dataDir = options.dataDir ?? (await tempDir());
  const child = spawn(
    process.execPath,
    [
      oxygisBin,
      'start',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--http-port',
      '0',
      '--host',
      '127.0.0.1',
      ...(options.args ?? []),
    ],
    { env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`platform did not start in time\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    const check = () => {
      const match = /Oxygis Cloud is running: https:\/\/localhost:(\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
  const httpMatch = /plain HTTP on port (\d+)/.exec(stdout);
  const smtpMatch = /helpdesk e-mail: SMTP on port (\d+)/.exec(stdout);

  return {
    url: `https://localhost:${port}`,
    port,
    httpPort: httpMatch?.[1] ? Number(httpMatch[1]) : undefined,
    inboundSmtpPort: smtpMatch?.[1] ? Number(smtpMatch[1]) : undefined,
    dataDir,
    caFile: path.join(dataDir, 'tls', 'ca.pem'),
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Runs the oxygis CLI to completion. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [oxygisBin, ...args], {
      env: childEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oxygis ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
