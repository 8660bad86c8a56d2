import type { Storage } from 'botbuilder';
import { isConflictError } from '../storage/redisStorage';
import { updateDocument, withoutETag } from '../storage/updateDocument';
import type { HandoffSession } from './types';

/**
 * Handoff documents in the shared `Storage` (Redis in production): one session document per conversation
 * and one queue index listing the conversations with an open session. Every change is a read, a change
 * and an eTag compare-and-set write, retried on conflict, so any instance may change any of them.
 */
const QUEUE_KEY = 'handoff/queue';
const WAITS_KEY = 'handoff/waits';
const MAX_ATTEMPTS = 30;
/** Recent claim waits kept for the wait estimate. */
const WAIT_SAMPLES = 20;

interface QueueIndexDoc {
  conversationIds: string[];
  eTag?: string;
}

interface WaitsDoc {
  /** Milliseconds from entering the queue to being claimed, newest last. */
  waits: number[];
  eTag?: string;
}

export class HandoffStore {
  constructor(private readonly storage: Storage) {}

  async getSession(conversationId: string): Promise<HandoffSession | undefined> {
    const key = sessionKey(conversationId);
    return withoutETag<HandoffSession>((await this.storage.read([key]))[key]);
  }

  async getSessions(conversationIds: string[]): Promise<Map<string, HandoffSession>> {
    const out = new Map<string, HandoffSession>();
    if (conversationIds.length === 0) return out;
    const items = await this.storage.read(conversationIds.map(sessionKey));
    for (const id of conversationIds) {
      const s = withoutETag<HandoffSession>(items[sessionKey(id)]);
      if (s) out.set(id, s);
    }
    return out;
  }

  /**
   * Changes a session with compare-and-set. `change` sees the current document (or undefined) and returns
   * the new one, or `undefined` to leave it as it is; it may run more than once, so it must not have side
   * effects. Returns what was written (or the unchanged current document) and whether a write happened.
   */
  async updateSession(
    conversationId: string,
    change: (current: HandoffSession | undefined) => HandoffSession | undefined,
  ): Promise<{ session: HandoffSession | undefined; changed: boolean }> {
    const { value, changed } = await updateDocument<HandoffSession>(this.storage, sessionKey(conversationId), change, { maxAttempts: MAX_ATTEMPTS });
    return { session: value, changed };
  }

  async deleteSession(conversationId: string): Promise<void> {
    await this.storage.delete([sessionKey(conversationId)]);
  }

  async queuedConversationIds(): Promise<string[]> {
    const doc = (await this.storage.read([QUEUE_KEY]))[QUEUE_KEY] as QueueIndexDoc | undefined;
    return doc?.conversationIds ?? [];
  }

  addToQueue(conversationId: string): Promise<void> {
    return this.updateIndex((ids) => (ids.includes(conversationId) ? undefined : [...ids, conversationId]));
  }

  removeFromQueue(conversationIds: string[]): Promise<void> {
    const gone = new Set(conversationIds);
    return this.updateIndex((ids) => (ids.some((id) => gone.has(id)) ? ids.filter((id) => !gone.has(id)) : undefined));
  }

  async recentWaits(): Promise<number[]> {
    const doc = (await this.storage.read([WAITS_KEY]))[WAITS_KEY] as WaitsDoc | undefined;
    return doc?.waits ?? [];
  }

  async recordWait(ms: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const doc = (await this.storage.read([WAITS_KEY]))[WAITS_KEY] as WaitsDoc | undefined;
      try {
        await this.storage.write({ [WAITS_KEY]: { waits: [...(doc?.waits ?? []), ms].slice(-WAIT_SAMPLES), eTag: doc?.eTag ?? '*' } });
        return;
      } catch (err) {
        // A lost sample only makes the estimate a little less exact.
        if (!isConflictError(err) || attempt >= 5) return;
      }
    }
  }

  private async updateIndex(change: (ids: string[]) => string[] | undefined): Promise<void> {
    await updateDocument<QueueIndexDoc>(
      this.storage,
      QUEUE_KEY,
      (doc) => {
        const next = change(doc?.conversationIds ?? []);
        return next && { conversationIds: next };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
  }
}

function sessionKey(conversationId: string): string {
  return `handoff/session/${encodeURIComponent(conversationId)}`;
}
