import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locatePgBinaries } from '../../src/postgres/binaries.js';
import { PgCluster } from '../../src/postgres/cluster.js';
import { ensurePgOsUser } from '../../src/postgres/os-user.js';
import { freePort } from '../../src/shared/free-port.js';
import { request } from '../support/https.js';
import { removeDir, startPlatform, tempDir, type RunningPlatform } from '../support/platform.js';
import { pidsMatching } from '../support/processes.js';

const admin = {
  OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'db@example.test',
  OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: 'database test phrase 3',
};
const dirs: string[] = [];
const running: RunningPlatform[] = [];
afterAll(async () => {
  for (const platform of running) await platform.stop();
  for (const dir of dirs) await removeDir(dir);
});

async function token(url: string, caFile: string): Promise<string> {
  const issued = await request(url, caFile, '/api/auth/tokens', {
    method: 'POST',
    body: { email: admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL, password: admin.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD },
  });
  return (issued.json as { token: string }).token;
}

describe('control-plane database', () => {
  it('uses OXYGIS_DATABASE_URL when given, and then embeds nothing', async () => {
    // An "external" PostgreSQL: a separate server the platform did not start.
    const root = await tempDir('oxygis-external-');
    dirs.push(root);
    const osUser = await ensurePgOsUser('postgres');
    const cluster = new PgCluster({
      dataDir: path.join(root, 'pgdata'),
      logFile: path.join(root, 'postgres.log'),
      binaries: await locatePgBinaries(undefined, osUser),
      ...(osUser ? { osUser } : {}),
    });
    const { chmod, chown } = await import('node:fs/promises');
    await chmod(root, 0o755);
    if (osUser) await chown(root, osUser.uid, osUser.gid);
    await cluster.initialise('external_admin', 'external-secret-1');
    const port = await freePort();
    await cluster.start({ port, parameters: { listen_addresses: '127.0.0.1', unix_socket_directories: '' } });
    try {
      const platform = await startPlatform({
        env: {
          ...admin,
          OXYGIS_DATABASE_URL: `postgresql://external_admin:external-secret-1@127.0.0.1:${port}/postgres`,
        },
      });
      dirs.push(platform.dataDir);
      running.push(platform);
      expect(existsSync(path.join(platform.dataDir, 'control-plane'))).toBe(false);
      expect(platform.stdout()).toMatch(/control-plane database: external/);
      expect((await request(platform.url, platform.caFile, '/readyz')).status).toBe(200);
      // A production configuration (external database) requires a second factor for staff.
      const status = await request(platform.url, platform.caFile, '/api/status', {
        headers: { authorization: `Bearer ${await token(platform.url, platform.caFile)}` },
      });
      expect(status.status).toBe(403);
      expect(status.json).toMatchObject({ error: 'mfa_enrollment_required' });
      expect(await platform.stop()).toBe(0);
      // Stopping the platform does not stop a database it did not start.
      expect(await pidsMatching(path.join(root, 'pgdata'))).not.toHaveLength(0);
    } finally {
      await cluster.stop();
    }
  });

  it('restarts the embedded database when its postmaster is killed, and serves again', async () => {
    const platform = await startPlatform({ env: admin });
    dirs.push(platform.dataDir);
    running.push(platform);
    const pgdata = path.join(platform.dataDir, 'control-plane', 'pgdata');
    const [postmaster] = await pidsMatching(`${pgdata} `);
    expect(postmaster).toBeDefined();
    process.kill(postmaster ?? 0, 'SIGKILL');

    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const answer = await request(platform.url, platform.caFile, '/readyz').catch((error: unknown) => {
        throw new Error(`${String(error)}\n${platform.stdout()}\n${platform.stderr()}`);
      });
      ready = answer.status === 200;
    }
    expect(ready).toBe(true);
    const [restarted] = await pidsMatching(`${pgdata} `);
    expect(restarted).not.toBe(postmaster);
    // Requests during the restart get 503 database_unavailable (retryable), never a 500.
    let issued: string | undefined;
    while (!issued && Date.now() < deadline) {
      const answer = await request(platform.url, platform.caFile, '/api/auth/tokens', {
        method: 'POST',
        body: { email: admin.OXYGIS_BOOTSTRAP_ADMIN_EMAIL, password: admin.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD },
      });
      expect([201, 503]).toContain(answer.status);
      issued = (answer.json as { token?: string }).token;
    }
    expect(issued).toMatch(/^oxy_/); // the data is still there
    expect(await platform.stop()).toBe(0);
    expect(await pidsMatching(pgdata)).toEqual([]);
  });
});
