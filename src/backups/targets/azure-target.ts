import { Readable } from 'node:stream';
import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { assertSafeKey, type StorageTarget, type StoredObject } from './storage-target.js';

export interface AzureTargetOptions {
  name: string;
  /** e.g. https://account.blob.core.windows.net (or Azurite's http://127.0.0.1:PORT/devstoreaccount1) */
  accountUrl: string;
  accountName: string;
  accountKey: string;
  container: string;
}

/**
 * Azure Blob Storage (ZRS/GRS in production). An upload resolves when Azure has committed the
 * block blob, which Azure stores durably (three copies at least) before answering.
 */
export class AzureBlobTarget implements StorageTarget {
  readonly name: string;
  private readonly container: ContainerClient;
  private ensured = false;

  constructor(private readonly options: AzureTargetOptions) {
    this.name = options.name;
    const credential = new StorageSharedKeyCredential(options.accountName, options.accountKey);
    // A few quick retries: an outage must show soon (WAL then goes to the other targets and is
    // caught up later) instead of holding the archiver for minutes.
    this.container = new ContainerClient(
      `${options.accountUrl.replace(/\/$/, '')}/${options.container}`,
      credential,
      {
        retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000, tryTimeoutInMs: 60_000 },
      },
    );
  }

  describe(): string {
    return `azure blob container ${this.options.container} at ${this.options.accountUrl}`;
  }

  async put(
    key: string,
    body: Readable | Buffer,
    metadata: Record<string, string> = {},
  ): Promise<StoredObject> {
    assertSafeKey(key);
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(key);
    if (Buffer.isBuffer(body)) {
      await blob.uploadData(body, { metadata });
    } else {
      await blob.uploadStream(body, 4 * 1024 * 1024, 4, { metadata });
    }
    const properties = await blob.getProperties();
    return { key, size: properties.contentLength ?? 0 };
  }

  async get(key: string): Promise<Readable> {
    assertSafeKey(key);
    const response = await this.container.getBlockBlobClient(key).download();
    if (!response.readableStreamBody) throw new Error(`blob ${key} has no body`);
    return Readable.from(response.readableStreamBody);
  }

  async head(key: string): Promise<(StoredObject & { metadata: Record<string, string> }) | undefined> {
    assertSafeKey(key);
    try {
      const properties = await this.container.getBlockBlobClient(key).getProperties();
      return { key, size: properties.contentLength ?? 0, metadata: properties.metadata ?? {} };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    await this.ensureContainer();
    for await (const item of this.container.listBlobsFlat({ prefix })) {
      yield { key: item.name, size: item.properties.contentLength ?? 0 };
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.container.getBlockBlobClient(key).deleteIfExists();
  }

  async check(): Promise<void> {
    try {
      await this.ensureContainer();
      await this.container.getProperties();
    } catch (error) {
      this.ensured = false;
      throw new Error(
        `backup target "${this.name}" (${this.describe()}) cannot be reached: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  private async ensureContainer(): Promise<void> {
    if (this.ensured) return;
    await this.container.createIfNotExists();
    this.ensured = true;
  }
}
