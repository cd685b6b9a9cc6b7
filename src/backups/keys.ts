import { createHmac } from 'node:crypto';
import path from 'node:path';
import { readOrCreateSecret } from '../shared/files.js';

/**
 * Backup encryption keys: one 256-bit key per client, kept with the platform's secrets
 * (`<data-dir>/secrets/backup-keys`), never in the backup store itself.
 */
export class BackupKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly secretsDir: string,
    private readonly platformKey: Buffer,
  ) {}

  async forClient(clientId: string): Promise<Buffer> {
    const cached = this.cache.get(clientId);
    if (cached) return cached;
    if (!/^[0-9a-f-]{36}$/.test(clientId)) throw new Error(`not a client id: ${clientId}`);
    const key = Buffer.from(
      await readOrCreateSecret(path.join(this.secretsDir, 'backup-keys', `${clientId}.key`)),
      'base64url',
    );
    this.cache.set(clientId, key);
    return key;
  }

  /** What a client's archive_command proves itself with: derived, so nothing more to store. */
  archiveToken(clientId: string): string {
    return createHmac('sha256', this.platformKey).update(`archive:${clientId}`).digest('hex');
  }
}
