import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
}

/**
 * One place backups are written to (a directory standing for a zone, an Azure Blob container,
 * later S3). `put` resolves only once the object is durably stored: the archive_command contract
 * depends on it.
 */
export interface StorageTarget {
  readonly name: string;
  /** Human description without secrets, e.g. "azure blob backups-a at https://…". */
  describe(): string;
  put(key: string, body: Readable | Buffer, metadata?: Record<string, string>): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  /** undefined when the object is missing. */
  head(key: string): Promise<(StoredObject & { metadata: Record<string, string> }) | undefined>;
  list(prefix: string): AsyncIterable<StoredObject>;
  delete(key: string): Promise<void>;
  /** Throws with a clear message when the target cannot be used right now. */
  check(): Promise<void>;
}

/** Keys are paths like `clients/<id>/wal/000000010000000000000003`: no "..", no leading slash. */
export function assertSafeKey(key: string): void {
  if (!/^[\w.-]+(\/[\w.-]+)*$/.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`not a valid object key: ${key}`);
  }
}
