import { HandoffError } from '../handoff';
import { REQUEST_KINDS, REQUEST_STATUSES, type RequestPageQuery, type StoredRequest } from '../requests/requestStore';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 200;
const PARAMETERS = ['limit', 'cursor', 'type', 'status'];
const REFERENCE = /^BB-[0-9A-Z]{6}$/;

/**
 * `GET /api/staff/requests?limit=&cursor=&type=&status=` read from the URL. Anything else, or a value this
 * API would never give, is refused (400) with the reason, so a typo in a filter is not mistaken for "none".
 */
export function parseRequestQuery(url: string | undefined): RequestPageQuery {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  for (const name of new Set(params.keys())) {
    if (!PARAMETERS.includes(name)) throw bad(`unknown parameter "${name}"; use ${PARAMETERS.join(', ')}`);
    if (params.getAll(name).length > 1) throw bad(`give "${name}" once`);
  }
  const query: RequestPageQuery = { limit: DEFAULT_PAGE };
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_PAGE) throw bad(`limit must be a whole number from 1 to ${MAX_PAGE}`);
    query.limit = Number(limit);
  }
  const type = params.get('type');
  if (type !== null) {
    if (!(REQUEST_KINDS as readonly string[]).includes(type)) throw bad(`type must be one of ${REQUEST_KINDS.join(', ')}`);
    query.kind = type as RequestPageQuery['kind'];
  }
  const status = params.get('status');
  if (status !== null) {
    if (!(REQUEST_STATUSES as readonly string[]).includes(status)) throw bad(`status must be one of ${REQUEST_STATUSES.join(', ')}`);
    query.status = status as RequestPageQuery['status'];
  }
  const cursor = params.get('cursor');
  if (cursor !== null) query.after = decodeCursor(cursor);
  return query;
}

/** Opaque to callers: the reference and creation time of the last request of a page. */
export function encodeCursor(last: StoredRequest): string {
  return Buffer.from(JSON.stringify([last.reference, last.createdAt]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): RequestPageQuery['after'] {
  let decoded: unknown;
  try {
    decoded = cursor.length <= 200 && /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    !REFERENCE.test(decoded[0]) ||
    typeof decoded[1] !== 'string' ||
    Number.isNaN(Date.parse(decoded[1]))
  ) {
    throw bad('cursor is not one this API gave; take "next" from the previous page');
  }
  return { reference: decoded[0], createdAt: decoded[1] };
}

function bad(reason: string): HandoffError {
  return new HandoffError('bad_request', reason);
}
