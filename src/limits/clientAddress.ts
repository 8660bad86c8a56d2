import type * as restify from 'restify';
import type { Metrics } from '../metrics';
import type { RateLimit } from './rateLimit';

/**
 * The client's address as this server sees it. Behind a reverse proxy or load balancer that is the proxy's,
 * and every client shares its limit: run the per-address limits at the proxy there (README, "Limits").
 */
export function clientAddress(req: restify.Request): string {
  return req.socket?.remoteAddress ?? 'unknown';
}

/**
 * Requests per client address on routes anyone may call before signing in (the web chat's token, Direct
 * Line). Over the limit: 429 with Retry-After, and the route never runs.
 */
export function perAddressLimit(limit: RateLimit, deps: { metrics: Metrics; appliesTo: (path: string) => boolean }): restify.RequestHandler {
  // restify wants a callback handler here (an async one may not take `next`).
  return (req, res, next) => {
    if (!deps.appliesTo(req.path())) return next();
    limit
      .consume(clientAddress(req))
      .catch(() => ({ allowed: true }) as const)
      .then((verdict) => {
        if (verdict.allowed) return next();
        deps.metrics.rateLimited(limit.name);
        res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
        res.send(429, { error: 'too many requests from this address; try again shortly', retryAfterSeconds: verdict.retryAfterSeconds });
        return next(false);
      });
  };
}
