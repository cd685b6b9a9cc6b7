import net, { type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { runProbe } from './index.js';
import type { TcpTarget } from './probe.js';

const servers: net.Server[] = [];

/** A real TCP server on a free loopback port; `open` counts its connections still open. */
async function serve(
  onConnection: (socket: net.Socket) => void,
): Promise<{ port: number; open: () => number }> {
  let open = 0;
  const server = net.createServer((socket) => {
    open++;
    socket.on('error', () => undefined);
    socket.once('close', () => open--);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, open: () => open };
}

const tcp = (port: number, extra: Partial<TcpTarget> = {}): TcpTarget => ({
  kind: 'tcp',
  host: '127.0.0.1',
  port,
  timeoutMs: 1000,
  degradedAfterMs: null,
  ...extra,
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

describe('TCP probe', () => {
  it('passes when the port accepts a connection, and closes it', async () => {
    const { port, open } = await serve((socket) => socket.end('220 hello\r\n'));
    const result = await runProbe(tcp(port));
    expect(result).toMatchObject({ ok: true, degraded: false, error: null, certificateExpiresAt: null });
    expect(result.latencyMs).toBeGreaterThan(0);
    await expect.poll(open).toBe(0);
  });

  it('passes on a server that accepts but never says anything, and does not stay connected', async () => {
    const { port, open } = await serve(() => undefined);
    expect(await runProbe(tcp(port))).toMatchObject({ ok: true });
    await expect.poll(open).toBe(0);
  });

  it('passes on a server that closes at once (the port is open)', async () => {
    const { port } = await serve((socket) => socket.destroy());
    expect(await runProbe(tcp(port))).toMatchObject({ ok: true });
  });

  it('fails when nothing listens on the port', async () => {
    const { port } = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await runProbe(tcp(port))).toMatchObject({ ok: false, error: 'connection refused' });
  });

  it('is degraded when slower than degradedAfterMs', async () => {
    const { port } = await serve(() => undefined);
    expect(await runProbe(tcp(port, { degradedAfterMs: 0 }))).toMatchObject({ ok: true, degraded: true });
  });

  it('reports a target it cannot check, or a cancelled check, as a failed check', async () => {
    expect(await runProbe(tcp(70_000))).toMatchObject({ ok: false, error: 'invalid port' });
    expect(await runProbe(tcp(1), AbortSignal.abort())).toMatchObject({
      ok: false,
      error: 'check cancelled',
    });
  });
});
