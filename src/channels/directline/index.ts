import type * as restify from 'restify';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { StateBackend } from '../../storage/backend';
import { MemoryActivityLog, RedisActivityLog } from './activityLog';
import { DirectLineChannel } from './channel';
import { registerDirectLineRoutes, type DirectLineRoutes } from './routes';
import { DirectLineTokens } from './tokens';

export { DirectLineChannel, SERVICE_URL, CHANNEL_ID } from './channel';
export { DirectLineTokens } from './tokens';

export interface DirectLine {
  channel: DirectLineChannel;
  tokens: DirectLineTokens;
  /** Mounts /v3/directline (not when the page uses Azure's Direct Line instead). */
  register(server: restify.Server): void;
  /** Ends open streams (shutdown). */
  stop(): void;
  openStreams(): number;
}

export function createDirectLine(deps: {
  config: Pick<Config, 'directLine' | 'stateTtlSeconds' | 'redisKeyPrefix' | 'microsoftApp'>;
  backend: Pick<StateBackend, 'events' | 'redis'>;
  logger: Logger;
  clock: () => Date;
}): DirectLine {
  const { config, backend, logger, clock } = deps;
  const log = backend.redis
    ? new RedisActivityLog(backend.redis, { keyPrefix: config.redisKeyPrefix, ttlSeconds: config.stateTtlSeconds })
    : new MemoryActivityLog({ ttlSeconds: config.stateTtlSeconds, clock });
  const tokens = new DirectLineTokens({ secret: config.directLine.secret, lifetimeSeconds: config.directLine.tokenLifetimeSeconds, clock });
  const channel = new DirectLineChannel({ log, events: backend.events, logger, clock, appId: config.microsoftApp.appId });
  if (backend.redis && !config.directLine.secret && !config.directLine.domain) {
    logger.warn('No DIRECTLINE_SECRET: web chat tokens are signed with a key of this process only; with several instances set DIRECTLINE_SECRET on all of them.');
  }
  let routes: DirectLineRoutes | undefined;
  return {
    channel,
    tokens,
    register(server) {
      if (config.directLine.domain) return;
      routes = registerDirectLineRoutes(server, { channel, tokens, events: backend.events, logger });
    },
    stop() {
      routes?.closeStreams();
      log.close();
    },
    openStreams: () => routes?.openStreams() ?? 0,
  };
}
