import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Staff sign in with a bearer token from STAFF_TOKENS (`staffId:token,...`). Tokens are compared as SHA-256
 * digests in constant time, so neither the length nor the content of a token leaks through timing.
 */
export class StaffAuth {
  private readonly digests: { staffId: string; digest: Buffer }[];

  constructor(tokens: { staffId: string; token: string }[]) {
    this.digests = tokens.map((t) => ({ staffId: t.staffId, digest: digest(t.token) }));
  }

  get staffIds(): string[] {
    return [...new Set(this.digests.map((d) => d.staffId))];
  }

  /** The staff id for an `Authorization` header value, or undefined. */
  staffIdFor(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const given = digest(match[1]);
    let found: string | undefined;
    // Compare against every token (no early exit) so the time taken does not say which one matched.
    for (const d of this.digests) if (timingSafeEqual(d.digest, given) && !found) found = d.staffId;
    return found;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
