import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError } from './redisStorage';

/**
 * botbuilder's `Storage` in process memory, with the same eTag rules as RedisStorage and the same TTL:
 * an item unwritten for `ttlSeconds` is gone, so in-memory state expires like state in Redis does.
 * Expired items are dropped when read and by a sweep that does not keep the process alive.
 */
export class ExpiringMemoryStorage implements Storage {
  private readonly items = new Map<string, { json: string; eTag: string; expiresAt: number }>();
  private eTags = 0;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly ttlSeconds: number, private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(ttlSeconds * 1000, 60_000));
    this.sweeper.unref();
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const out: StoreItems = {};
    for (const key of keys) {
      const item = this.live(key);
      if (item) out[key] = { ...JSON.parse(item.json), eTag: item.eTag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Check every item first, so a conflict leaves all of them unwritten (as one Redis pipeline would not,
    // but no caller relies on partial writes).
    for (const [key, change] of Object.entries(changes)) {
      const expected = change?.eTag;
      const current = this.live(key);
      if (current && expected && expected !== '*' && expected !== current.eTag) throw new StorageConflictError(key);
    }
    for (const [key, change] of Object.entries(changes)) {
      const { eTag: _ignored, ...value } = change ?? {};
      this.items.set(key, { json: JSON.stringify(value), eTag: String(++this.eTags), expiresAt: this.now() + this.ttlSeconds * 1000 });
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    for (const key of keys) this.items.delete(key);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private live(key: string) {
    const item = this.items.get(key);
    if (item && item.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, item] of this.items) if (item.expiresAt <= now) this.items.delete(key);
  }
}
