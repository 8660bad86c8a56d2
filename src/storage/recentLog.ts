import type Redis from 'ioredis';

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
    log.entries.push(...entries.map((e) => JSON.stringify(e)));
    if (log.entries.length > this.options.limit) log.entries.splice(0, log.entries.length - this.options.limit);
    log.expiresAt = this.now() + this.options.ttlSeconds * 1000;
    this.logs.set(key, log);
  }

  async recent(key: string): Promise<T[]> {
    return (this.live(key)?.entries ?? []).map((e) => JSON.parse(e) as T);
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

/** A Redis list per key: RPUSH, LTRIM to the limit and EXPIRE in one round trip. */
export class RedisRecentLog<T> implements RecentLog<T> {
  constructor(private readonly redis: Redis, private readonly keyPrefix: string, private readonly options: RecentLogOptions) {}

  async append(key: string, entries: T[]): Promise<void> {
    if (entries.length === 0) return;
    const k = this.key(key);
    const results = await this.redis
      .multi()
      .rpush(k, ...entries.map((e) => JSON.stringify(e)))
      .ltrim(k, -this.options.limit, -1)
      .expire(k, this.options.ttlSeconds)
      .exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async recent(key: string): Promise<T[]> {
    return (await this.redis.lrange(this.key(key), 0, -1)).map((e) => JSON.parse(e) as T);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  private key(key: string): string {
    return `${this.keyPrefix}log:${key}`;
  }
}
