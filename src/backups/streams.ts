import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
