import { randomBytes } from 'node:crypto';

// eTags only need to differ from every earlier one: a random per-process tag plus a counter is unique
// across instances and far cheaper than fresh random bytes for every write.
const PROCESS_TAG = randomBytes(6).toString('hex');
let writes = 0;
const nextETag = () => `${PROCESS_TAG}${(++writes).toString(36)}`;
import type { Storage, StoreItems } from 'botbuilder';
import type Redis from 'ioredis';

/**
 * botbuilder's `Storage` over Redis.
 *
 * Each item is stored as one string `<eTag>|<json>` so that the eTag compare-and-set is a single Lua call:
 * a write whose eTag is stale fails with a conflict error, `"*"` (or no eTag) overwrites. Every key gets a
 * TTL, renewed on each write, so a resident's state disappears after `ttlSeconds` of silence.
 */
export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
  }
}

const WRITE_IF_MATCH = `
local current = redis.call('GET', KEYS[1])
local expected = ARGV[1]
if current and expected ~= '' and expected ~= '*' then
  local sep = string.find(current, '|', 1, true)
  if not sep or string.sub(current, 1, sep - 1) ~= expected then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[3], 'EX', ARGV[4])
return 1
`;

type RedisWithWrite = Redis & {
  brobyggerWriteIfMatch(key: string, expected: string, newTag: string, json: string, ttl: number): Promise<number>;
};

export interface RedisStorageOptions {
  keyPrefix: string;
  ttlSeconds: number;
}

export class RedisStorage implements Storage {
  private readonly redis: RedisWithWrite;

  constructor(redis: Redis, private readonly options: RedisStorageOptions) {
    if (!('brobyggerWriteIfMatch' in redis)) {
      redis.defineCommand('brobyggerWriteIfMatch', { numberOfKeys: 1, lua: WRITE_IF_MATCH });
    }
    this.redis = redis as RedisWithWrite;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const values = await this.redis.mget(keys.map((k) => this.redisKey(k)));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const raw = values[i];
      if (raw == null) return;
      const sep = raw.indexOf('|');
      items[key] = { ...JSON.parse(raw.slice(sep + 1)), eTag: raw.slice(0, sep) };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    // One command per item; with auto-pipelining they leave together in one socket write.
    const results = await Promise.all(
      keys.map((key) => {
        const { eTag, ...value } = changes[key] ?? {};
        return this.redis.brobyggerWriteIfMatch(
          this.redisKey(key),
          typeof eTag === 'string' ? eTag : '',
          nextETag(),
          JSON.stringify(value),
          this.options.ttlSeconds,
        );
      }),
    );
    results.forEach((ok, i) => {
      if (ok !== 1) throw new StorageConflictError(keys[i]);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.redis.del(...keys.map((k) => this.redisKey(k)));
  }

  private redisKey(key: string): string {
    return `${this.options.keyPrefix}state:${key}`;
  }
}

export function isConflictError(err: unknown): boolean {
  return err instanceof StorageConflictError || (err instanceof Error && /eTag conflict/i.test(err.message));
}
