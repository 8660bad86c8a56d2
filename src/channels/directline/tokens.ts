import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Direct Line tokens: HS256 JSON Web Tokens signed with a server key, each bound to one conversation and one
 * user. They are JWTs (as Azure's are) because Web Chat and DirectLineJS read the `user` claim to know which
 * user they speak for. `stream` tokens only open the WebSocket of a `streamUrl`, and only for a minute.
 */
export type TokenKind = 'token' | 'stream';

export interface TokenClaims {
  conv: string;
  user: string;
  kind: TokenKind;
  /** Seconds since the epoch. */
  iat: number;
  nbf: number;
  exp: number;
}

export type Credential =
  | { kind: 'secret' }
  | { kind: 'token'; claims: TokenClaims }
  | { kind: 'invalid'; status: 401 | 403; code: 'BadArgument' | 'TokenExpired'; reason: string };

const ISSUER = 'brobygger-directline';
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
/** A stream URL must be opened within this time, as on Azure. */
export const STREAM_TOKEN_SECONDS = 60;
/** Clocks of two instances may differ a little. */
const LEEWAY_SECONDS = 30;

export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    private readonly options: {
      /** The Direct Line secret: accepted as a bearer credential, and the source of the signing key. */
      secret?: string;
      lifetimeSeconds: number;
      clock?: () => Date;
    },
  ) {
    // Without a configured secret each process signs with a key of its own: fine for one instance, but then
    // tokens do not survive a restart nor work on another instance.
    this.key = options.secret
      ? createHmac('sha256', options.secret).update('brobygger direct line token signing key v1').digest()
      : randomBytes(32);
  }

  get lifetimeSeconds(): number {
    return this.options.lifetimeSeconds;
  }

  issue(conv: string, user: string, kind: TokenKind = 'token'): string {
    const now = this.now();
    const claims = {
      iss: ISSUER,
      aud: ISSUER,
      bot: 'brobygger',
      conv,
      user,
      kind,
      iat: now,
      nbf: now,
      exp: now + (kind === 'stream' ? STREAM_TOKEN_SECONDS : this.options.lifetimeSeconds),
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Reads an `Authorization` header value (`Bearer <secret or token>`). */
  fromHeader(header: string | undefined): Credential {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return { kind: 'invalid', status: 401, code: 'BadArgument', reason: 'missing or malformed Authorization header' };
    return this.check(match[1]);
  }

  check(presented: string, expectedKind: TokenKind = 'token'): Credential {
    if (expectedKind === 'token' && this.options.secret && equal(presented, this.options.secret)) return { kind: 'secret' };
    const parts = presented.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER || !equal(parts[2], this.sign(`${parts[0]}.${parts[1]}`))) {
      return { kind: 'invalid', status: 401, code: 'BadArgument', reason: 'invalid token' };
    }
    let claims: TokenClaims & { iss?: string };
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { kind: 'invalid', status: 401, code: 'BadArgument', reason: 'invalid token' };
    }
    if (claims.iss !== ISSUER || claims.kind !== expectedKind || typeof claims.conv !== 'string' || typeof claims.user !== 'string') {
      return { kind: 'invalid', status: 401, code: 'BadArgument', reason: 'invalid token' };
    }
    const now = this.now();
    if (claims.nbf > now + LEEWAY_SECONDS) return { kind: 'invalid', status: 401, code: 'BadArgument', reason: 'token not yet valid' };
    // As Azure's Direct Line: an expired token is 403 with code TokenExpired (DirectLineJS reads 403 as "expired").
    if (claims.exp <= now) return { kind: 'invalid', status: 403, code: 'TokenExpired', reason: 'token expired' };
    return { kind: 'token', claims };
  }

  /** Seconds a token issued now lives. */
  expiresIn(claims?: TokenClaims): number {
    return claims ? Math.max(0, claims.exp - this.now()) : this.options.lifetimeSeconds;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private now(): number {
    return Math.floor((this.options.clock?.() ?? new Date()).getTime() / 1000);
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Conversation ids and user ids: unguessable, URL-safe. */
export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

export function newUserId(): string {
  // `dl_` marks a user id embedded in a token by the server, which DirectLineJS and Web Chat then trust.
  return `dl_${randomBytes(12).toString('base64url')}`;
}
