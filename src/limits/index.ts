import type { Config } from '../config';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { RedisClient } from '../storage/redisClient';
import type { OpenRequestCap } from './openRequests';
import { createRateLimit, type RateLimit } from './rateLimit';
import { residentMessageLimit, type ResidentMessageLimit } from './residentMessages';
import { staffLimits, type StaffLimits } from './staffSignIn';

/** Every limit of the bot, from the configuration (`limits` in src/config.ts), counted on the state Redis. */
export interface Limits {
  residentMessages: ResidentMessageLimit;
  /** Direct Line requests per client address. */
  directLinePerAddress: RateLimit;
  staff: StaffLimits;
  openRequests: OpenRequestCap;
}

export function createLimits(config: Pick<Config, 'limits' | 'redisKeyPrefix'>, deps: { redis?: RedisClient; metrics: Metrics; logger: Logger }): Limits {
  const on = { redis: deps.redis, keyPrefix: config.redisKeyPrefix };
  const l = config.limits;
  return {
    residentMessages: residentMessageLimit(
      createRateLimit('resident', { points: l.residentMessages, durationSeconds: l.residentWindowSeconds }, on),
      deps.metrics,
    ),
    directLinePerAddress: createRateLimit('directLine', { points: l.directLinePerMinute, durationSeconds: 60 }, on),
    staff: staffLimits({
      failures: createRateLimit('staffSignIn', { points: l.staffSignInFailuresPerMinute, durationSeconds: 60 }, on),
      requests: createRateLimit('staffRequests', { points: l.staffRequestsPerMinute, durationSeconds: 60 }, on),
      metrics: deps.metrics,
      logger: deps.logger,
    }),
    openRequests: { max: l.maxOpenRequests, onRefused: () => deps.metrics.rateLimited('openRequests') },
  };
}
