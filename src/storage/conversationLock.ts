import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * Serialises the turns of one conversation so that two messages arriving at once (on one instance or on
 * several sharing Redis) are handled one after the other and both leave their mark in state.
 *
 * Within a process, turns for the same key queue on a promise chain (no polling). Across processes a
 * Redis lock (SET NX PX with a random token, released by compare-and-delete) guards the same key.
 */
export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`Timed out waiting for the turn lock of ${key}`);
    this.name = 'LockTimeoutError';
  }
}

/** What the work inside the lock may use. */
export interface TurnLease<P = unknown> {
  /** The result of `prefetch`, read once the lock was held (undefined without one). */
  prefetched?: P;
  /**
   * Lets the lock go now, before the work has finished. Only safe right after the work's last write was
   * issued on the same Redis connection: Redis runs that write before the release, so the next holder sees it.
   */
  releaseAfterIssuedWrite(): void;
}

export interface ConversationLock {
  /**
   * Runs `work` while no other work for `key` runs, here or on another instance. `prefetch` (a state read)
   * is sent together with the lock request, saving a round trip; its result is used only if the lock was won.
   */
  run<T, P = unknown>(key: string, work: (lease: TurnLease<P>) => Promise<T>, prefetch?: () => Promise<P>): Promise<T>;
}

/** In-process serialisation: a promise chain per key, removed when the chain is idle. */
export class LocalConversationLock implements ConversationLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T, P = unknown>(key: string, work: (lease: TurnLease<P>) => Promise<T>, prefetch?: () => Promise<P>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // In one process the next turn starts only when this one is over, so there is nothing to release early.
    const start = async () => work({ prefetched: prefetch ? await prefetch() : undefined, releaseAfterIssuedWrite: () => undefined });
    const current = previous.then(start, start);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const RENEW_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

export interface RedisConversationLockOptions {
  keyPrefix: string;
  /** How long a holder may keep the lock before it is presumed dead, and how long a waiter waits. */
  timeoutMs: number;
}

type RedisWithRelease = Redis & {
  brobyggerReleaseLock(key: string, token: string): Promise<number>;
  brobyggerRenewLock(key: string, token: string, ms: number): Promise<number>;
};

// A token only has to differ from every other holder's: a random per-process tag and a counter.
const PROCESS_TAG = randomBytes(6).toString('hex');
let tokens = 0;

export class RedisConversationLock implements ConversationLock {
  private readonly local = new LocalConversationLock();
  private readonly redis: RedisWithRelease;

  constructor(redis: Redis, private readonly options: RedisConversationLockOptions) {
    // A defined command runs as EVALSHA: the script is not sent with every release.
    if (!('brobyggerReleaseLock' in redis)) {
      redis.defineCommand('brobyggerReleaseLock', { numberOfKeys: 1, lua: RELEASE_IF_OWNER });
      redis.defineCommand('brobyggerRenewLock', { numberOfKeys: 1, lua: RENEW_IF_OWNER });
    }
    this.redis = redis as RedisWithRelease;
  }

  run<T, P = unknown>(key: string, work: (lease: TurnLease<P>) => Promise<T>, prefetch?: () => Promise<P>): Promise<T> {
    return this.local.run(key, async () => {
      const lockKey = `${this.options.keyPrefix}lock:${key}`;
      const token = `${PROCESS_TAG}${(++tokens).toString(36)}`;
      const prefetched = await this.acquire(lockKey, token, key, prefetch);
      // A turn that outlives the lock's expiry (a slow channel) keeps it: renewed while the work runs.
      const renew = setInterval(() => {
        this.redis.brobyggerRenewLock(lockKey, token, this.options.timeoutMs).catch(() => undefined);
      }, Math.max(50, Math.floor(this.options.timeoutMs / 3)));
      let released: Promise<unknown> | undefined;
      const release = () => {
        clearInterval(renew);
        released ??= this.redis.brobyggerReleaseLock(lockKey, token).catch(() => undefined);
      };
      try {
        return await work({ prefetched, releaseAfterIssuedWrite: release });
      } finally {
        release();
        await released;
      }
    });
  }

  /**
   * SET NX with the prefetch in the same tick: with auto-pipelining both leave in one write and Redis runs
   * them in order, so a read that follows a won lock sees every write made before it.
   */
  private async acquire<P>(lockKey: string, token: string, key: string, prefetch?: () => Promise<P>): Promise<P | undefined> {
    const deadline = Date.now() + this.options.timeoutMs;
    let pause = 2;
    for (;;) {
      const won = this.redis.set(lockKey, token, 'PX', this.options.timeoutMs, 'NX');
      const read = prefetch?.();
      read?.catch(() => undefined); // judged below, once we know whether the lock was won
      const ok = await won;
      if (ok === 'OK') {
        try {
          return await read;
        } catch (err) {
          await this.redis.brobyggerReleaseLock(lockKey, token).catch(() => undefined);
          throw err;
        }
      }
      if (Date.now() >= deadline) throw new LockTimeoutError(key);
      await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
      pause = Math.min(pause * 2, 50);
    }
  }
}
