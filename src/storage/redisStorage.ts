import { randomBytes } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError } from './errors';
import { RedisKeys } from './keys';
import type { RedisClient } from './redisClient';
import type { ReplicaAck } from './replicaAck';

export { StorageConflictError, isConflictError } from './errors';

// eTags only need to differ from every earlier one: a random per-process tag plus a counter is unique
// across instances and far cheaper than fresh random bytes for every write.
const PROCESS_TAG = randomBytes(6).toString('hex');
let writes = 0;
export const nextETag = () => `${PROCESS_TAG}${(++writes).toString(36)}`;

/**
 * botbuilder's `Storage` over Redis (single server, Sentinel or Cluster).
 *
 * Each item is stored as one string `<eTag>|<json>` so that the eTag compare-and-set is a single Lua call:
 * a write whose eTag is stale fails with a conflict error, `"*"` (or no eTag) overwrites. Every key gets a
 * TTL, renewed on each write, so a resident's state disappears after `ttlSeconds` of silence.
 *
 * Each document is read, written and deleted by a command of its own (no MGET or multi-key DEL): in a
 * cluster the documents of one call live on different nodes. With auto-pipelining the commands of one call
 * still leave together, one socket write per node. Where each document's key lives: keys.ts.
 */
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

type RedisWithWrite = RedisClient & {
  brobyggerWriteIfMatch(key: string, expected: string, newTag: string, json: string, ttl: number): Promise<number>;
};

export interface RedisStorageOptions {
  keyPrefix: string;
  ttlSeconds: number;
  /** With replicas to wait for, a write resolves only once they have it (see replicaAck.ts). */
  replicaAck?: ReplicaAck;
}

export class RedisStorage implements Storage {
  private readonly redis: RedisWithWrite;
  readonly keys: RedisKeys;

  constructor(redis: RedisClient, private readonly options: RedisStorageOptions) {
    if (!('brobyggerWriteIfMatch' in redis)) {
      redis.defineCommand('brobyggerWriteIfMatch', { numberOfKeys: 1, lua: WRITE_IF_MATCH });
    }
    this.redis = redis as RedisWithWrite;
    this.keys = new RedisKeys(options.keyPrefix);
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const values = await Promise.all(keys.map((k) => this.redis.get(this.redisKey(k))));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const item = parseStored(values[i]);
      if (item) items[key] = item;
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
    await this.replicated(keys.map((k) => this.redisKey(k)));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    const redisKeys = keys.map((k) => this.redisKey(k));
    await Promise.all(redisKeys.map((k) => this.redis.del(k)));
    await this.replicated(redisKeys);
  }

  redisKey(key: string): string {
    return this.keys.document(key);
  }

  /** Waits for the replicas (when configured) of every node these keys were written on. */
  async replicated(redisKeys: string[]): Promise<void> {
    await this.options.replicaAck?.after(...redisKeys);
  }
}

/** `<eTag>|<json>` as stored, to a botbuilder store item (undefined when there is none). */
export function parseStored(raw: string | null | undefined): StoreItems[string] | undefined {
  if (raw == null) return undefined;
  const sep = raw.indexOf('|');
  return { ...JSON.parse(raw.slice(sep + 1)), eTag: raw.slice(0, sep) };
}
