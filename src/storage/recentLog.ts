import { RedisKeys } from './keys';
import { decodeLogEntry, encodeLogEntry } from './logEntryCodec';
import type { RedisClient } from './redisClient';

/**
 * The last few entries of something that only grows (a conversation's transcript), kept apart from the
 * state document so a turn appends a line or two instead of rewriting the whole history. Entries expire
 * like state (renewed on each append).
 */
export interface RecentLog<T> {
  append(key: string, entries: T[]): Promise<void>;
  recent(key: string): Promise<T[]>;
  delete(key: string): Promise<void>;
}

export interface RecentLogOptions {
  /** Entries kept per key. */
  limit: number;
  ttlSeconds: number;
}

export class MemoryRecentLog<T> implements RecentLog<T> {
  private readonly logs = new Map<string, { entries: string[]; expiresAt: number }>();

  constructor(private readonly options: RecentLogOptions, private readonly now: () => number = Date.now) {}

  async append(key: string, entries: T[]): Promise<void> {
    if (entries.length === 0) return;
    const log = this.live(key) ?? { entries: [], expiresAt: 0 };
    log.entries.push(...entries.map(encodeLogEntry));
    if (log.entries.length > this.options.limit) log.entries.splice(0, log.entries.length - this.options.limit);
    log.expiresAt = this.now() + this.options.ttlSeconds * 1000;
    this.logs.set(key, log);
  }

  async recent(key: string): Promise<T[]> {
    return (this.live(key)?.entries ?? []).map((e) => decodeLogEntry<T>(e));
  }

  async delete(key: string): Promise<void> {
    this.logs.delete(key);
  }

  private live(key: string) {
    const log = this.logs.get(key);
    if (log && log.expiresAt <= this.now()) {
      this.logs.delete(key);
      return undefined;
    }
    return log;
  }
}

// RPUSH, LTRIM to the limit and EXPIRE as one command: one round trip, and atomic.
const APPEND = `
redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

type RedisWithAppend = RedisClient & { brobyggerAppendRecent(key: string, limit: number, ttl: number, ...entries: string[]): Promise<number> };

/**
 * A Redis list per key, trimmed to the limit. A key is a conversation's (`<channel>/<conversation id>`): the
 * list lives in that conversation's hash slot (keys.ts), where a turn's commit appends to it (conversationLock.ts).
 */
export class RedisRecentLog<T> implements RecentLog<T> {
  private readonly redis: RedisWithAppend;
  private readonly keys: RedisKeys;

  constructor(redis: RedisClient, keyPrefix: string, private readonly options: RecentLogOptions) {
    if (!('brobyggerAppendRecent' in redis)) redis.defineCommand('brobyggerAppendRecent', { numberOfKeys: 1, lua: APPEND });
    this.redis = redis as RedisWithAppend;
    this.keys = new RedisKeys(keyPrefix);
  }

  async append(key: string, entries: T[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.brobyggerAppendRecent(this.key(key), this.options.limit, this.options.ttlSeconds, ...entries.map(encodeLogEntry));
  }

  async recent(key: string): Promise<T[]> {
    return (await this.redis.lrange(this.key(key), 0, -1)).map((e) => decodeLogEntry<T>(e));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  private key(key: string): string {
    return this.keys.log(key);
  }
}
