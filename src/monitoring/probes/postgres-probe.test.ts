import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatePgBinaries } from '../../postgres/binaries.js';
import { PgCluster } from '../../postgres/cluster.js';
import { ensurePgOsUser } from '../../postgres/os-user.js';
import { ensureCa } from '../../server/tls.js';
import { freePort } from '../../shared/free-port.js';
import { instanceCertificate } from '../../tenants/instance-tls.js';
import { runProbe } from './index.js';
import type { PostgresTarget } from './probe.js';
import { PROBE_APPLICATION_NAME } from './postgres-probe.js';

const fakeServers: net.Server[] = [];

/** A TCP server that plays a broken PostgreSQL: `onConnection` decides what it does. */
async function fake(
  onConnection: (socket: net.Socket) => void,
): Promise<{ port: number; open: () => number }> {
  let open = 0;
  const server = net.createServer((socket) => {
    open++;
    socket.on('error', () => undefined);
    socket.once('close', () => open--);
    onConnection(socket);
  });
  fakeServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, open: () => open };
}

const target = (port: number, extra: Partial<PostgresTarget> = {}): PostgresTarget => ({
  kind: 'postgres',
  host: '127.0.0.1',
  port,
  database: 'postgres',
  user: 'oxygis_probe',
  password: 'irrelevant',
  ca: 'not used before TLS',
  timeoutMs: 2000,
  degradedAfterMs: null,
  ...extra,
});

afterAll(async () => {
  for (const server of fakeServers) await new Promise((resolve) => server.close(resolve));
});

describe('PostgreSQL probe against servers that are not PostgreSQL', () => {
  it('fails with "connection refused" when nothing listens', async () => {
    const result = await runProbe(target(await freePort()));
    expect(result).toMatchObject({ ok: false, degraded: false, error: 'connection refused' });
  });

  it('fails on time against a server that accepts and never answers', async () => {
    // Reads what it is sent (so it notices the probe leaving), never answers.
    const { port, open } = await fake((socket) => socket.resume());
    const started = performance.now();
    const result = await runProbe(target(port, { timeoutMs: 300 }));
    expect(result).toMatchObject({ ok: false, error: 'timed out after 300 ms' });
    expect(performance.now() - started).toBeLessThan(300 + 200);
    await expect.poll(open).toBe(0);
  });

  it('fails clearly on a server that refuses TLS, sends garbage or hangs up', async () => {
    const { port: refuses } = await fake((socket) => socket.once('data', () => socket.write('N')));
    expect((await runProbe(target(refuses))).error).toBe('server does not accept TLS connections');
    const { port: garbage } = await fake((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
    );
    expect((await runProbe(target(garbage))).error).toBe('not a PostgreSQL server (TLS request refused)');
    const { port: hangsUp } = await fake((socket) => socket.once('data', () => socket.destroy()));
    expect(await runProbe(target(hangsUp))).toMatchObject({ ok: false });
  });
});

describe('PostgreSQL probe against a real instance', () => {
  const password = randomBytes(12).toString('hex');
  let root = '';
  let cluster: PgCluster | undefined;
  let port = 0;
  let ca = '';
  let probe: (extra?: Partial<PostgresTarget>) => PostgresTarget;

  // An instance set up like a client's: certificate signed by a platform CA, TLS + SCRAM only.
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'oxygis-probe-pg-'));
    const osUser = await ensurePgOsUser('postgres');
    await chmod(root, 0o755);
    if (osUser) await chown(root, osUser.uid, osUser.gid);
    cluster = new PgCluster({
      dataDir: path.join(root, 'pgdata'),
      logFile: path.join(root, 'postgres.log'),
      binaries: await locatePgBinaries(undefined, osUser),
      ...(osUser ? { osUser } : {}),
    });
    const adminPassword = randomBytes(12).toString('hex');
    await cluster.initialise('probe_admin', adminPassword);
    const platformCa = await ensureCa(path.join(root, 'tls'));
    ca = platformCa.cert;
    const tls = await instanceCertificate(platformCa, []);
    const data = cluster.options.dataDir;
    await writeFile(path.join(data, 'server.crt'), tls.cert);
    await writeFile(path.join(data, 'server.key'), tls.key, { mode: 0o600 });
    await writeFile(path.join(data, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 scram-sha-256\n');
    for (const file of ['server.crt', 'server.key', 'pg_hba.conf']) {
      if (osUser) await chown(path.join(data, file), osUser.uid, osUser.gid);
    }
    port = await freePort();
    await cluster.start({
      port,
      parameters: {
        listen_addresses: '127.0.0.1',
        unix_socket_directories: '',
        ssl: 'on',
        ssl_cert_file: 'server.crt',
        ssl_key_file: 'server.key',
      },
    });
    const admin = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'probe_admin',
      password: adminPassword,
      database: 'postgres',
      ssl: { ca, servername: 'localhost' },
    });
    await admin.connect();
    await admin.query(`create role oxygis_probe login password '${password}'`);
    await admin.end();
    probe = (extra = {}) => target(port, { password, ca, ...extra });
  });

  afterAll(async () => {
    await cluster?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function probeSessions(): Promise<number> {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'oxygis_probe',
      password,
      database: 'postgres',
      ssl: { ca, servername: 'localhost' },
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where application_name = $1',
        [PROBE_APPLICATION_NAME],
      );
      return rows[0]?.n ?? 0;
    } finally {
      await client.end();
    }
  }

  it('logs in over verified TLS and runs select 1, then says goodbye properly', async () => {
    const logStart = (await readFile(path.join(root, 'postgres.log'))).length;
    for (let i = 0; i < 5; i++) {
      const result = await runProbe(probe());
      expect(result).toMatchObject({ ok: true, degraded: false, error: null, certificateExpiresAt: null });
      expect(result.latencyMs).toBeGreaterThan(0);
    }
    expect(await runProbe(probe({ host: 'localhost' }))).toMatchObject({ ok: true });
    await expect.poll(probeSessions).toBe(0);
    // A probe that cut its connections would leave "could not receive data from client" lines.
    const log = (await readFile(path.join(root, 'postgres.log'))).subarray(logStart).toString();
    expect(log).not.toMatch(/could not receive data|unexpected EOF|connection reset/i);
  });

  it('fails with short reasons: wrong password, unknown database, untrusted certificate', async () => {
    expect(await runProbe(probe({ password: 'wrong' }))).toMatchObject({
      ok: false,
      error: 'authentication failed',
    });
    expect((await runProbe(probe({ database: 'nope' }))).error).toBe('database "nope" does not exist');
    const otherCa = await ensureCa(path.join(root, 'other-tls'));
    // Same name as the real CA (made the same way), another key: the signature does not verify.
    expect((await runProbe(probe({ ca: otherCa.cert }))).error).toBe(
      'TLS certificate signature does not verify (signed by another CA?)',
    );
  });

  it('is degraded when slower than degradedAfterMs', async () => {
    expect(await runProbe(probe({ degradedAfterMs: 0 }))).toMatchObject({ ok: true, degraded: true });
  });

  it('resolves every check while the server shuts down under it, then reports it refused', async () => {
    // Checks started every few milliseconds meet the shutdown at every stage of their session.
    const checks: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      checks.push(runProbe(probe()));
      if (i === 10) void cluster?.stop();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const results = (await Promise.all(checks)) as Awaited<ReturnType<typeof runProbe>>[];
    for (const result of results) {
      expect(result.ok || (result.error !== null && result.error.length < 100)).toBe(true);
    }
    await cluster?.stop();
    expect(await runProbe(probe())).toMatchObject({ ok: false, error: 'connection refused' });
  });
});
