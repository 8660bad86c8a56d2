import { randomInt } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { TooManyOpenRequests, type OpenRequestCap } from '../limits/openRequests';
import { updateDocument, withoutETag } from '../storage/updateDocument';

/**
 * What the service dialogs hand on to staff: interpreter and mediation requests and consented complaint
 * drafts. Each is one storage document with a reference number the resident is given. Reference sets,
 * each updated with eTag compare-and-set, find them again:
 * - `requests/index`: newest first, for the staff listing; cut to the newest INDEX_LIMIT;
 * - `requests/by-conversation/<id>` and `requests/by-user/<id>`: never cut, so "delete my data" finds every
 *   request of the resident however many others were made since.
 * Everything expires like all state (the storage's TTL).
 */
/** `report`: a worry reported to the reporting desk (area). */
export const REQUEST_KINDS = ['interpreter', 'mediation', 'complaint', 'report'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['new', 'in_progress', 'done'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface StoredRequest {
  reference: string;
  kind: RequestKind;
  /** The resident's language. */
  language: string;
  status: RequestStatus;
  /** ISO 8601 */
  createdAt: string;
  conversationId: string;
  /**
   * The channel's id of the resident (`activity.from.id`), which stays the same across their conversations.
   * Optional only because requests stored before it was recorded lack it; the dialogs always give it.
   */
  userId?: string;
  /** Short human-readable summary for staff (in Danish). */
  summary: string;
  /** What the dialog gathered (setting, date, mode, topic, draft texts, ...). */
  details: Record<string, unknown>;
}

/** A page of the staff listing: `after` is the last request of the previous page (from its cursor). */
export interface RequestPageQuery {
  limit: number;
  after?: { reference: string; createdAt: string };
  kind?: RequestKind;
  status?: RequestStatus;
}

export interface RequestPage {
  items: StoredRequest[];
  /** The last request shown, when there are more after it. */
  last?: StoredRequest;
}

export type NewRequest = Omit<StoredRequest, 'reference' | 'status' | 'createdAt'>;

/** Whose data "delete my data" removes: this conversation, and the same channel user in any conversation. */
export interface Resident {
  conversationId: string;
  userId: string;
}

/** Deletes what is stored about a resident outside conversation and user state (requests, handoff record). */
export type DeleteResidentData = (resident: Resident) => Promise<void>;

const INDEX_KEY = 'requests/index';
const INDEX_LIMIT = 2000;
/** Requests read at once while paging. */
const PAGE_CHUNK = 200;
/** A set this long is checked for requests that have expired before it grows further. */
const PRUNE_AT = 200;
const MAX_ATTEMPTS = 20;
// No 0/O, 1/I/L: the resident may read the number out on the phone.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

interface RefsDoc {
  refs: string[];
  eTag?: string;
}

export class RequestStore {
  constructor(
    private readonly storage: Storage,
    private readonly clock: () => Date = () => new Date(),
    /** Unset: no cap (tests of the store itself). */
    private readonly cap?: OpenRequestCap,
  ) {}

  static newReference(): string {
    let s = '';
    for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return `BB-${s}`;
  }

  /** Throws TooManyOpenRequests when the resident or the conversation already has `cap.max` open requests. */
  async save(request: NewRequest): Promise<StoredRequest> {
    if (this.cap) await this.checkCap(request, this.cap);
    const stored: StoredRequest = {
      ...request,
      reference: RequestStore.newReference(),
      status: 'new',
      createdAt: this.clock().toISOString(),
    };
    // The document first: a reference in a set always points at something that existed.
    await this.storage.write({ [requestKey(stored.reference)]: { ...stored, eTag: '*' } });
    await Promise.all([
      this.addToResidentSets(stored),
      this.updateRefs(INDEX_KEY, (refs) => [stored.reference, ...refs.filter((r) => r !== stored.reference)].slice(0, INDEX_LIMIT)),
    ]);
    return stored;
  }

  async get(reference: string): Promise<StoredRequest | undefined> {
    const items = await this.storage.read([requestKey(reference)]);
    return withoutETag<StoredRequest>(items[requestKey(reference)]);
  }

  /** Newest first; entries that expired are skipped. */
  async list(limit = 100): Promise<StoredRequest[]> {
    const refs = (await this.readRefs(INDEX_KEY)).slice(0, limit);
    return this.readAll(refs);
  }

  /**
   * Newest first, `limit` at a time, of one kind and status if asked. A page goes on after the request that
   * ended the previous one; if that one was deleted meanwhile, after its creation time. New requests arrive
   * at the front, so they never shift a page a member of staff is leafing through.
   */
  async page(query: RequestPageQuery): Promise<RequestPage> {
    const refs = await this.readRefs(INDEX_KEY);
    let start = 0;
    let olderThan: string | undefined;
    if (query.after) {
      const at = refs.indexOf(query.after.reference);
      if (at >= 0) start = at + 1;
      else olderThan = query.after.createdAt;
    }
    const items: StoredRequest[] = [];
    let more = false;
    // Read in chunks: a filter may skip many, and the index may hold up to INDEX_LIMIT.
    for (let i = start; i < refs.length && !more; i += PAGE_CHUNK) {
      for (const r of await this.readAll(refs.slice(i, i + PAGE_CHUNK))) {
        if (olderThan !== undefined && r.createdAt >= olderThan) continue;
        if ((query.kind && r.kind !== query.kind) || (query.status && r.status !== query.status)) continue;
        if (items.length === query.limit) {
          more = true;
          break;
        }
        items.push(r);
      }
    }
    return { items, last: more ? items.at(-1) : undefined };
  }

  async setStatus(reference: string, status: RequestStatus): Promise<StoredRequest | undefined> {
    const current = await this.get(reference);
    if (!current) return undefined;
    const updated = { ...current, status };
    await this.storage.write({ [requestKey(reference)]: { ...updated, eTag: '*' } });
    // The write renewed the request's TTL: renew its sets' too, so they never expire before it does.
    await this.addToResidentSets(updated);
    return updated;
  }

  /**
   * Removes every request made in this conversation or by this user in any conversation (the resident asked
   * to delete their data), and their reference sets. Returns how many requests were deleted.
   */
  async deleteForResident({ conversationId, userId }: Resident): Promise<number> {
    const ownSets = [conversationKey(conversationId), ...(userId ? [userKey(userId)] : [])];
    const items = await this.storage.read(ownSets);
    const refs = [...new Set(ownSets.flatMap((k) => (items[k] as RefsDoc | undefined)?.refs ?? []))];
    const requests = await this.readAll(refs);
    await this.storage.delete([...refs.map(requestKey), ...ownSets]);

    // The same requests are listed in the sets of the user's other conversations (and, in a shared
    // conversation, of other users) and in the staff index: take them out there too.
    const gone = new Set(refs);
    const otherSets = new Set(
      requests.flatMap((r) => [conversationKey(r.conversationId), ...(r.userId ? [userKey(r.userId)] : [])]).filter((k) => !ownSets.includes(k)),
    );
    await Promise.all([
      ...[...otherSets].map((key) => this.updateRefs(key, (current) => current.filter((r) => !gone.has(r)), { deleteIfEmpty: true })),
      refs.length ? this.updateRefs(INDEX_KEY, (current) => current.filter((r) => !gone.has(r))) : Promise.resolve(),
    ]);
    return requests.length;
  }

  // -------------------------------------------------------------------------------------------------

  /**
   * Counts the open requests of the resident's and the conversation's sets (newest first, so only the first
   * few hundred are read). Turns of one conversation run one at a time, so the count cannot race itself there.
   */
  private async checkCap(request: NewRequest, cap: OpenRequestCap): Promise<void> {
    const keys = [conversationKey(request.conversationId), ...(request.userId ? [userKey(request.userId)] : [])];
    const items = await this.storage.read(keys);
    const refs = [...new Set(keys.flatMap((k) => (items[k] as RefsDoc | undefined)?.refs ?? []))].slice(0, PRUNE_AT);
    const open = (await this.readAll(refs)).filter((r) => r.status !== 'done').length;
    if (open >= cap.max) {
      cap.onRefused?.();
      throw new TooManyOpenRequests(cap.max);
    }
  }

  private async addToResidentSets(request: StoredRequest): Promise<void> {
    const keys = [conversationKey(request.conversationId), ...(request.userId ? [userKey(request.userId)] : [])];
    await Promise.all(keys.map((key) => this.addToSet(key, request.reference)));
  }

  /** Newest first. A long set (a resident with many requests) drops references whose requests expired. */
  private async addToSet(key: string, reference: string): Promise<void> {
    const current = await this.readRefs(key);
    let expired = new Set<string>();
    if (current.length >= PRUNE_AT) {
      const present = new Set((await this.readAll(current)).map((r) => r.reference));
      expired = new Set(current.filter((r) => !present.has(r)));
    }
    await this.updateRefs(key, (refs) => [reference, ...refs.filter((r) => r !== reference && !expired.has(r))], { renew: true });
  }

  private async readRefs(key: string): Promise<string[]> {
    return ((await this.storage.read([key]))[key] as RefsDoc | undefined)?.refs ?? [];
  }

  /** In the order given; references whose request expired are skipped. */
  private async readAll(refs: string[]): Promise<StoredRequest[]> {
    if (refs.length === 0) return [];
    const items = await this.storage.read(refs.map(requestKey));
    return refs.map((r) => withoutETag<StoredRequest>(items[requestKey(r)])).filter((r): r is StoredRequest => !!r);
  }

  /**
   * Compare-and-set on a reference set. `change` may run more than once, so it must only depend on its
   * argument. With `deleteIfEmpty`, a set left empty is removed instead of written. An unchanged set is not
   * written again unless `renew` asks for its TTL to be renewed.
   */
  private async updateRefs(key: string, change: (refs: string[]) => string[], options: { deleteIfEmpty?: boolean; renew?: boolean } = {}): Promise<void> {
    let emptied = false;
    await updateDocument<RefsDoc>(
      this.storage,
      key,
      (current) => {
        emptied = false;
        if (!current && options.deleteIfEmpty) return undefined;
        const refs = change(current?.refs ?? []);
        if (current && !options.renew && sameRefs(refs, current.refs)) return undefined;
        if (refs.length === 0 && options.deleteIfEmpty) {
          emptied = true;
          return undefined;
        }
        return { refs };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
    // Delete is not compare-and-set; a reference added meanwhile is lost from this set only, and the
    // request's other set (conversation or user) still finds it.
    if (emptied) await this.storage.delete([key]);
  }
}

function requestKey(reference: string): string {
  return `requests/${reference}`;
}

// Channel ids contain ':', '|', '/' and so on; encoded, they can never reach into another key's space.
function conversationKey(conversationId: string): string {
  return `requests/by-conversation/${encodeURIComponent(conversationId)}`;
}

function userKey(userId: string): string {
  return `requests/by-user/${encodeURIComponent(userId)}`;
}

function sameRefs(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
