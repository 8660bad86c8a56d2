import type { Metrics } from '../../metrics';
import { createRateLimit } from '../../limits/rateLimit';
import type { RedisClient } from '../../storage/redisClient';

/**
 * How many chat tokens one client address may get per minute (a general limit of src/limits/, counted on
 * the state Redis with an in-memory insurance limiter), behind the one function the route uses.
 */
export type TokenRequestLimiter = (clientKey: string) => Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;

export function createTokenRequestLimiter(options: { perMinute: number; redis?: RedisClient; keyPrefix: string; metrics?: Metrics }): TokenRequestLimiter {
  const limit = createRateLimit('webchat-token', { points: options.perMinute, durationSeconds: 60 }, options);
  return async (clientKey) => {
    const verdict = await limit.consume(clientKey);
    if (!verdict.allowed) options.metrics?.rateLimited('webchatToken');
    return verdict;
  };
}
