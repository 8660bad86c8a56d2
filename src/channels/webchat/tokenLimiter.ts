import type { RedisClient } from '../../storage/redisClient';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * How many chat tokens one client address may get per minute. Kept behind this one function so the general
 * limits (src/limits/) can take its place without touching the route.
 */
export type TokenRequestLimiter = (clientKey: string) => Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;

export function createTokenRequestLimiter(options: { perMinute: number; redis?: RedisClient; keyPrefix: string }): TokenRequestLimiter {
  const settings = { points: options.perMinute, duration: 60, keyPrefix: `${options.keyPrefix}limits:webchat-token` };
  const limiter = options.redis
    ? new RateLimiterRedis({
        ...settings,
        storeClient: options.redis,
        // While Redis is away each instance counts for itself rather than refusing every resident.
        insuranceLimiter: new RateLimiterMemory(settings),
      })
    : new RateLimiterMemory(settings);
  return async (clientKey) => {
    try {
      await limiter.consume(clientKey);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  };
}
