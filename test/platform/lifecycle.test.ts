import { existsSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cookiesOf, request } from '../support/https.js';
import { removeDir, runCli, startPlatform, tempDir } from '../support/platform.js';
import { pidsMatching } from '../support/processes.js';

const admin = {
  OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'ops@example.test',
  OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: 'lifecycle pass phrase 1',
};
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

async function signIn(url: string, caFile: string): Promise<number> {
  const response = await request(url, caFile, '/api/auth/login', {
    method: 'POST',
    body: { email: admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL, password: admin.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD },
  });
  return response.status;
}

describe('platform lifecycle on one data directory', () => {
  it('refuses a second start, stops cleanly on SIGTERM, recovers after kill -9 and keeps the data', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const pgdata = path.join(dataDir, 'control-plane', 'pgdata');

    const first = await startPlatform({ dataDir, env: admin });
    expect(first.stdout()).toMatch(/First operator account created: ops@example\.test/);
    expect(first.stdout()).not.toContain(admin.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD);
    expect(await signIn(first.url, first.caFile)).toBe(200);

    // A second platform on the same data directory is refused with a clear message.
    const second = await runCli(['start', '--data-dir', dataDir, '--port', '0', '--http-port', 'off'], {
      env: admin,
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already running on the data directory/);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(await signIn(first.url, first.caFile)).toBe(200); // the first one is untouched

    // kill -9: the postmaster is orphaned and the lock file stays behind.
    await first.kill();
    expect(existsSync(path.join(dataDir, 'oxygis.lock'))).toBe(true);
    expect(await pidsMatching(pgdata)).not.toHaveLength(0);

    // The next start reclaims both without manual steps, and the account is still there.
    const third = await startPlatform({ dataDir, env: admin });
    expect(third.stdout()).toMatch(/Sign in at the URL above/);
    expect(await signIn(third.url, third.caFile)).toBe(200);
    const postmasters = await pidsMatching(`${pgdata} `);
    expect(postmasters).toHaveLength(1);

    // SIGTERM: everything stops, nothing is left running, the lock is released.
    expect(await third.stop()).toBe(0);
    expect(third.stderr()).toMatch(/stopped\./);
    expect(await pidsMatching(pgdata)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'oxygis.lock'))).toBe(false);
    expect(existsSync(path.join(pgdata, 'postmaster.pid'))).toBe(false);
  });

  it('finishes an in-flight request before stopping', async () => {
    const platform = await startPlatform({ env: admin });
    dirs.push(platform.dataDir);
    // Open the connection first, so the sign-in below is on the wire at once; it hashes a
    // password (PBKDF2, ~100 ms) and SIGTERM arrives while it runs.
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await request(platform.url, platform.caFile, '/healthz', { agent })).status).toBe(200);
    const pending = request(platform.url, platform.caFile, '/api/auth/login', {
      method: 'POST',
      agent,
      body: { email: admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL, password: admin.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = platform.stop();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(cookiesOf(response).values['__Host-oxygis-session']).toBeTruthy();
    expect(await stopped).toBe(0);
    agent.destroy();
  });

  it('a start that fails halfway (port taken) leaves no PostgreSQL process and no lock behind', async () => {
    const holder = await startPlatform();
    dirs.push(holder.dataDir);
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const failed = await runCli([
      'start',
      '--data-dir',
      dataDir,
      '--port',
      String(holder.port),
      '--host',
      '127.0.0.1',
      '--http-port',
      'off',
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/EADDRINUSE|in use/i);
    expect(await pidsMatching(path.join(dataDir, 'control-plane', 'pgdata'))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'oxygis.lock'))).toBe(false);
    await holder.stop();
  });
});
