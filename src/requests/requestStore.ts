import { randomInt } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { isConflictError } from '../storage/redisStorage';

/**
 * What the service dialogs hand on to staff: interpreter and mediation requests and consented complaint
 * drafts. Each is one storage document with a reference number the resident is given; an index document
 * (updated with eTag compare-and-set) lets staff list them newest first. Both expire like all state.
 */
export type RequestKind = 'interpreter' | 'mediation' | 'complaint';
export type RequestStatus = 'new' | 'in_progress' | 'done';

export interface StoredRequest {
  reference: string;
  kind: RequestKind;
  /** The resident's language. */
  language: string;
  status: RequestStatus;
  /** ISO 8601 */
  createdAt: string;
  conversationId: string;
  /** Short human-readable summary for staff (in Danish). */
  summary: string;
  /** What the dialog gathered (setting, date, mode, topic, draft texts, ...). */
  details: Record<string, unknown>;
}

export type NewRequest = Omit<StoredRequest, 'reference' | 'status' | 'createdAt'>;

const INDEX_KEY = 'requests/index';
const INDEX_LIMIT = 2000;
// No 0/O, 1/I/L: the resident may read the number out on the phone.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

interface IndexDoc {
  refs: string[];
  eTag?: string;
}

export class RequestStore {
  constructor(private readonly storage: Storage, private readonly clock: () => Date = () => new Date()) {}

  static newReference(): string {
    let s = '';
    for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return `BB-${s}`;
  }

  async save(request: NewRequest): Promise<StoredRequest> {
    const stored: StoredRequest = {
      ...request,
      reference: RequestStore.newReference(),
      status: 'new',
      createdAt: this.clock().toISOString(),
    };
    await this.storage.write({ [this.key(stored.reference)]: { ...stored, eTag: '*' } });
    await this.updateIndex((refs) => [stored.reference, ...refs].slice(0, INDEX_LIMIT));
    return stored;
  }

  async get(reference: string): Promise<StoredRequest | undefined> {
    const items = await this.storage.read([this.key(reference)]);
    return strip(items[this.key(reference)]);
  }

  /** Newest first; entries that expired are skipped. */
  async list(limit = 100): Promise<StoredRequest[]> {
    const index = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as IndexDoc | undefined;
    const refs = (index?.refs ?? []).slice(0, limit);
    if (refs.length === 0) return [];
    const items = await this.storage.read(refs.map((r) => this.key(r)));
    return refs.map((r) => strip(items[this.key(r)])).filter((r): r is StoredRequest => !!r);
  }

  async setStatus(reference: string, status: RequestStatus): Promise<StoredRequest | undefined> {
    const current = await this.get(reference);
    if (!current) return undefined;
    const updated = { ...current, status };
    await this.storage.write({ [this.key(reference)]: { ...updated, eTag: '*' } });
    return updated;
  }

  /** Removes every request of a conversation (the resident asked to delete their data). */
  async deleteForConversation(conversationId: string): Promise<number> {
    const all = await this.list(INDEX_LIMIT);
    const mine = all.filter((r) => r.conversationId === conversationId).map((r) => r.reference);
    if (mine.length === 0) return 0;
    await this.storage.delete(mine.map((r) => this.key(r)));
    await this.updateIndex((refs) => refs.filter((r) => !mine.includes(r)));
    return mine.length;
  }

  private async updateIndex(change: (refs: string[]) => string[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as IndexDoc | undefined;
      try {
        await this.storage.write({ [INDEX_KEY]: { refs: change(current?.refs ?? []), eTag: current?.eTag ?? '*' } });
        return;
      } catch (err) {
        if (!isConflictError(err) || attempt >= 20) throw err;
      }
    }
  }

  private key(reference: string): string {
    return `requests/${reference}`;
  }
}

function strip(item: unknown): StoredRequest | undefined {
  if (!item) return undefined;
  const { eTag: _eTag, ...rest } = item as StoredRequest & { eTag?: string };
  return rest;
}
