// Ports the use-cases depend on; adapters implement them (local disk by default).

export type StoredFile = { key: string; sha256: string; size: number };

export interface FileStorage {
  /** Stores the bytes and returns where; the same bytes may be stored twice. */
  put(bytes: Uint8Array): Promise<StoredFile>;
  get(key: string): Promise<Uint8Array>;
}
