import type * as restify from 'restify';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { clientAddress } from './clientAddress';
import type { RateLimit } from './rateLimit';

/**
 * The staff API's limits: failed sign-ins per client address (guessing tokens), and requests per staff
 * member (a leaked or looping token). Both answer 429 with Retry-After. A address that starts being
 * refused leaves one log line per window, with the address and never the token.
 */
export interface StaffLimits {
  /** Seconds to wait when this address has failed too often, before its token is even looked at. */
  beforeSignIn(req: restify.Request): Promise<number | undefined>;
  /** A wrong or missing token; returns seconds to wait when this failure went over the limit. */
  failedSignIn(req: restify.Request): Promise<number | undefined>;
  /** A signed-in request; returns seconds to wait when this staff member is over their limit. */
  signedIn(staffId: string): Promise<number | undefined>;
}

export function staffLimits(deps: { failures: RateLimit; requests: RateLimit; metrics: Metrics; logger: Logger }): StaffLimits {
  const allow = () => ({ allowed: true }) as const;
  return {
    async beforeSignIn(req) {
      const verdict = await deps.failures.check(clientAddress(req)).catch(allow);
      if (verdict.allowed) return undefined;
      deps.metrics.rateLimited(deps.failures.name);
      return verdict.retryAfterSeconds;
    },
    async failedSignIn(req) {
      const verdict = await deps.failures.consume(clientAddress(req)).catch(allow);
      if (verdict.allowed) return undefined;
      deps.metrics.rateLimited(deps.failures.name);
      if (verdict.firstRefusal) {
        deps.logger.warn(
          { event: 'staff.signInLimited', address: clientAddress(req), retryAfterSeconds: verdict.retryAfterSeconds },
          'too many failed staff sign-ins from one address: refused for a while',
        );
      }
      return verdict.retryAfterSeconds;
    },
    async signedIn(staffId) {
      const verdict = await deps.requests.consume(staffId).catch(allow);
      if (verdict.allowed) return undefined;
      deps.metrics.rateLimited(deps.requests.name);
      if (verdict.firstRefusal) deps.logger.warn({ event: 'staff.requestsLimited', staffId }, 'a staff member is over the request limit');
      return verdict.retryAfterSeconds;
    },
  };
}
