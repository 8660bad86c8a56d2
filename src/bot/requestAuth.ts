import { AuthenticationError } from 'botframework-connector';

/**
 * What a failed check of a request's Bot Framework token means for the caller. The connector throws many
 * kinds of errors here (its own, jsonwebtoken's, node-fetch's) and CloudAdapter would answer all that are not
 * its own with 500 and the internal message ("request to https://login.botframework.com/... failed").
 */
export class RequestNotAuthenticated extends Error {
  readonly status = 401;
}

/** The signing keys could not be fetched (OpenID metadata unreachable or failing): not the caller's fault. */
export class AuthenticationUnavailable extends Error {
  readonly status = 503;
  constructor() {
    super('the token cannot be verified right now; try again in a moment');
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The error a request's caller is told about, from whatever the connector threw while checking the token
 * (`hadToken`: the request carried a bearer token at all). Reasons are short and never name an internal URL.
 */
export function authenticationFailure(err: unknown, hadToken: boolean): RequestNotAuthenticated | AuthenticationUnavailable {
  const e = err as { name?: string; code?: string; type?: string; statusCode?: number; cause?: { code?: string } } | undefined;
  // The metadata or key document answered with an error status (the connector reports that as a 500).
  if (err instanceof AuthenticationError && (e?.statusCode ?? 401) >= 500) return new AuthenticationUnavailable();
  if (e?.name === 'FetchError' || e?.type === 'system' || NETWORK_CODES.has(e?.code ?? '') || NETWORK_CODES.has(e?.cause?.code ?? '')) {
    return new AuthenticationUnavailable();
  }
  if (!hadToken) return new RequestNotAuthenticated('a Bot Framework token (Authorization: Bearer ...) is required');
  // jsonwebtoken's errors (bad signature, expired, not yet valid), unknown keys, wrong issuer or audience.
  if (e?.name === 'TokenExpiredError') return new RequestNotAuthenticated('the token has expired');
  return new RequestNotAuthenticated('the token could not be verified');
}
