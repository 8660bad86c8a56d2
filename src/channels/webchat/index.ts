import type * as restify from 'restify';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { Metrics } from '../../metrics';
import type { StateBackend } from '../../storage/backend';
import type { DirectLineTokens } from '../directline/tokens';
import { registerWebChatRoutes } from './routes';
import { createTokenRequestLimiter } from './tokenLimiter';
import { azureTokenSource, ownTokenSource } from './tokenSource';

/** The resident's page and its token route, on our own Direct Line endpoint or Azure's (`DIRECTLINE_DOMAIN`). */
export function registerWebChat(
  server: restify.Server,
  deps: {
    config: Pick<Config, 'directLine' | 'webChat' | 'localesDir' | 'redisKeyPrefix'>;
    backend: Pick<StateBackend, 'redis'>;
    tokens: DirectLineTokens;
    logger: Logger;
    metrics?: Metrics;
  },
): void {
  const { config } = deps;
  const domain = config.directLine.domain;
  registerWebChatRoutes(server, {
    tokens: domain ? azureTokenSource({ domain, secret: config.directLine.secret! }) : ownTokenSource(deps.tokens),
    limiter: createTokenRequestLimiter({ perMinute: config.webChat.tokensPerMinute, redis: deps.backend.redis, keyPrefix: config.redisKeyPrefix, metrics: deps.metrics }),
    localesDir: config.localesDir,
    embedOrigins: config.webChat.embedOrigins,
    directLineDomain: domain,
    logger: deps.logger,
  });
}
