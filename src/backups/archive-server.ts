import { timingSafeEqual } from 'node:crypto';
import { chmod, chown, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import type { OsUser } from '../postgres/os-user.js';
import type { Logger } from '../shared/logger.js';
import type { BackupKeys } from './keys.js';
import { WalArchiveError, type WalService } from './wal.service.js';

const request = z.object({
  client: z.string().regex(/^[0-9a-f-]{36}$/),
  name: z.string().min(1).max(64),
  path: z.string().min(1).max(4096),
});

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The local socket archive_command talks to. Each instance proves which client it is with a
 * token derived from the platform key; the file it names must lie inside that client's home in one of the zones.
 */
export async function startArchiveServer(options: {
  socket: string;
  /** The directories a client's instance or standby may live in (one per zone). */
  homesOf: (clientId: string) => string[];
  keys: BackupKeys;
  wal: WalService;
  osUser?: OsUser | undefined;
  logger: Logger;
}): Promise<{ close: () => Promise<void> }> {
  const { socket, homesOf, keys, wal, logger } = options;
  const server = http.createServer((req, res) => {
    const answer = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(text);
    };
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
      if (body.length > 10_000) req.destroy();
    });
    req.on('end', () => {
      void (async () => {
        if (req.method !== 'POST' || (req.url !== '/push' && req.url !== '/fetch')) {
          return answer(404, 'unknown request');
        }
        let parsed;
        try {
          parsed = request.parse(JSON.parse(body));
        } catch {
          return answer(400, 'malformed request');
        }
        const token = String(req.headers['x-archive-token'] ?? '');
        if (!same(token, keys.archiveToken(parsed.client))) return answer(403, 'wrong token for this client');
        const file = path.resolve(parsed.path);
        if (!homesOf(parsed.client).some((home) => file.startsWith(`${path.resolve(home)}${path.sep}`)))
          return answer(403, "the file is not inside this client's instance");
        try {
          if (req.url === '/fetch') {
            // restore_command: a missing file is the normal end of recovery, answered 404.
            const found = await wal.fetch(parsed.client, parsed.name, file, options.osUser);
            return found
              ? answer(200, `restored from ${found}`)
              : answer(404, `${parsed.name} is not in the archive`);
          }
          const result = await wal.push(parsed.client, parsed.name, file);
          answer(200, `stored on ${result.targets.join(', ')}`);
        } catch (error) {
          const message =
            error instanceof WalArchiveError ? error.message : 'the platform could not store it';
          if (!(error instanceof WalArchiveError))
            logger.error({ err: error, client: parsed.client }, 'WAL push failed');
          answer(503, message);
        }
      })();
    });
  });
  await rm(socket, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  // Only the platform and the PostgreSQL OS user may talk to it.
  if (options.osUser) await chown(socket, 0, options.osUser.gid);
  await chmod(socket, options.osUser ? 0o660 : 0o600);
  return {
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
