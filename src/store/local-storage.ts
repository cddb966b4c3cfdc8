// Evidence files on local disk, addressed by their SHA-256 (DATA_DIR/files). Content
// addressing makes a retried upload harmless; S3-compatible storage can replace it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStorage, StoredFile } from '../app/ports.ts';

export class LocalDiskStorage implements FileStorage {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async put(bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    const path = join(this.#dir, key);
    await mkdir(join(this.#dir, sha256.slice(0, 2)), { recursive: true });
    // Written beside and renamed, so a reader never sees half a file.
    const temporary = `${path}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return { key, sha256, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error('invalid storage key');
    return readFile(join(this.#dir, key));
  }
}

/** In memory, for tests. */
export class MemoryStorage implements FileStorage {
  readonly #files = new Map<string, Uint8Array>();

  async put(bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.#files.set(sha256, bytes);
    return { key: sha256, sha256, size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    const bytes = this.#files.get(key);
    if (!bytes) throw new Error(`no file ${key}`);
    return bytes;
  }
}
