import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from '../storage/redisClient';

/** `points` actions per `durationSeconds`, counted per key. */
export interface LimitSettings {
  points: number;
  durationSeconds: number;
}

export type Verdict =
  | { allowed: true }
  /** `firstRefusal`: the first refusal of this key in this window (tell the person once, log once). */
  | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

/** One named limit, counted on the state Redis (shared by every instance) or in this process without Redis. */
export interface RateLimit {
  readonly name: string;
  /** Counts one action of `key` and says whether it is allowed. */
  consume(key: string): Promise<Verdict>;
  /** Whether `key` has gone over the limit (been refused) in this window, without counting anything. */
  check(key: string): Promise<Verdict>;
}

/**
 * Redis counts for all instances; while Redis is away each instance counts for itself (the insurance
 * limiter) rather than refusing everyone or letting everything through.
 */
export function createRateLimit(name: string, settings: LimitSettings, options: { redis?: RedisClient; keyPrefix: string }): RateLimit {
  // One key per counted thing and one key per command: fine on a Redis Cluster.
  const base = { points: settings.points, duration: settings.durationSeconds, keyPrefix: `${options.keyPrefix}limits:${name}` };
  const limiter: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...base, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(base) })
    : new RateLimiterMemory(base);
  const refused = (res: RateLimiterRes): Verdict => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    firstRefusal: res.consumedPoints === settings.points + 1,
  });
  return {
    name,
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return refused(rejection);
        throw rejection;
      }
    },
    async check(key) {
      // Not being able to look is no reason to refuse: the next consume counts (on the insurance limiter if need be).
      const res = await limiter.get(key).catch(() => null);
      if (!res || res.consumedPoints <= settings.points) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), firstRefusal: false };
    },
  };
}
