import { existsSync } from 'node:fs';
import { appendFile, readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/actors.js';
import { removeDir, startPlatform, tempDir, type RunningPlatform } from '../support/platform.js';
import { pidsMatching, postmastersUnder } from '../support/processes.js';

const operator = {
  OXYGIS_BOOTSTRAP_ADMIN_EMAIL: 'ops@host.test',
  OXYGIS_BOOTSTRAP_ADMIN_PASSWORD: 'tenant lifecycle phrase 9',
};
const dirs: string[] = [];
const running: RunningPlatform[] = [];

afterAll(async () => {
  for (const platform of running) await platform.stop();
  for (const dir of dirs) await removeDir(dir);
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<RunningPlatform> {
  const platform = await startPlatform({ dataDir, env: { ...operator, ...env } });
  running.push(platform);
  return platform;
}

const instanceDirs = async (dataDir: string) =>
  (await readdir(path.join(dataDir, 'instances'))).filter((name) => !name.startsWith('.'));

describe('client instances across platform restarts', () => {
  it('start and stop with the platform; a deleted client is removed after its grace period', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const first = await start(dataDir, { OXYGIS_DELETE_GRACE_DAYS: '0' });
    const ops = await signIn(
      first,
      operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
      operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
    );
    for (const name of ['Keep Me', 'Drop Me'])
      expect((await ops.call('/api/clients', { method: 'POST', body: { name } })).status).toBe(201);
    expect(await postmastersUnder(path.join(dataDir, 'instances'))).toHaveLength(2);
    const deleted = await ops.call('/api/clients/drop-me', { method: 'DELETE' });
    expect(deleted.json).toMatchObject({ client: { status: 'deleting', instance: { running: false } } });
    expect(await postmastersUnder(path.join(dataDir, 'instances'))).toHaveLength(1);

    expect(await first.stop()).toBe(0);
    expect(await pidsMatching(path.join(dataDir, 'instances'))).toEqual([]);

    const second = await start(dataDir, { OXYGIS_DELETE_GRACE_DAYS: '0' });
    const again = await signIn(
      second,
      operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
      operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
    );
    const clients = (await again.call('/api/clients')).json as {
      clients: { slug: string; instance: { running: boolean } }[];
    };
    expect(clients.clients.map((c) => [c.slug, c.instance.running])).toEqual([['keep-me', true]]);
    expect(await instanceDirs(dataDir)).toHaveLength(1);
    expect(await second.stop()).toBe(0);
  });

  it('reports an instance that cannot start, with its PostgreSQL log excerpt', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const first = await start(dataDir);
    const ops = await signIn(
      first,
      operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
      operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
    );
    const created = (await ops.call('/api/clients', { method: 'POST', body: { name: 'Broken Config' } }))
      .json as { client: { id: string } };
    await first.stop();
    await appendFile(
      path.join(dataDir, 'instances', created.client.id, 'pgdata', 'oxygis-instance.conf'),
      'shared_buffers = banana\n',
    );

    const second = await start(dataDir);
    const again = await signIn(
      second,
      operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
      operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
    );
    const shown = await again.call('/api/clients/broken-config');
    expect(shown.json).toMatchObject({ client: { instance: { status: 'failed', running: false } } });
    const events = (await again.call('/api/clients/broken-config/events')).json as {
      events: { kind: string; detail: { log?: string } }[];
    };
    const failure = events.events.find((e) => e.kind === 'start_failed');
    expect(failure?.detail.log).toMatch(/shared_buffers.*banana/);
    await second.stop();
  });
});

describe('a provisioning that cannot finish leaves nothing behind', () => {
  it('no free port: a clear 503, no client row, no directory, no process', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const dataDir = await tempDir();
      dirs.push(dataDir);
      const platform = await start(dataDir, { OXYGIS_INSTANCE_PORTS: `${port}-${port}` });
      const ops = await signIn(
        platform,
        operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
        operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
      );
      const refused = await ops.call('/api/clients', { method: 'POST', body: { name: 'No Room' } });
      expect(refused.status).toBe(503);
      expect(refused.json).toMatchObject({ error: 'no_free_port' });
      expect((refused.json as { message: string }).message).toMatch(/OXYGIS_INSTANCE_PORTS/);
      expect(((await ops.call('/api/clients')).json as { clients: unknown[] }).clients).toEqual([]);
      expect(await instanceDirs(dataDir)).toEqual([]);
      expect(await pidsMatching(path.join(dataDir, 'instances'))).toEqual([]);
      await platform.stop();
    } finally {
      blocker.close();
    }
  });

  it('a platform killed (kill -9) in the middle of provisioning is cleaned up at the next start', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const first = await start(dataDir);
    const ops = await signIn(
      first,
      operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
      operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
    );
    const pending = ops
      .call('/api/clients', { method: 'POST', body: { name: 'Half Made' } })
      .catch(() => undefined);
    // Wait until the copy of the template has begun, then crash the platform.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await instanceDirs(dataDir)).length === 0)
      await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    await pending;

    const second = await start(dataDir);
    const again = await signIn(
      second,
      operator.OXYGIS_BOOTSTRAP_ADMIN_EMAIL,
      operator.OXYGIS_BOOTSTRAP_ADMIN_PASSWORD,
    );
    const clients = (
      (await again.call('/api/clients')).json as {
        clients: { slug: string; instance: { running: boolean } | null }[];
      }
    ).clients;
    // Either the provisioning had finished (whole and running) or it left nothing at all.
    if (clients.length === 1) {
      expect(clients[0]).toMatchObject({ slug: 'half-made', instance: { running: true } });
      expect(await instanceDirs(dataDir)).toHaveLength(1);
    } else {
      expect(clients).toEqual([]);
      expect(await instanceDirs(dataDir)).toEqual([]);
      expect(existsSync(path.join(dataDir, 'instances'))).toBe(true);
    }
    const processes = await postmastersUnder(path.join(dataDir, 'instances'));
    expect(processes).toHaveLength(clients.length);
    // The name is free again (or still taken by the finished client), never stuck half-way.
    const retry = await again.call('/api/clients', { method: 'POST', body: { name: 'Half Made' } });
    expect(retry.status).toBe(clients.length === 1 ? 409 : 201);
    await second.stop();
  });
});
