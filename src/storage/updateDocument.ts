import type { Storage, StoreItem } from 'botbuilder';
import { isConflictError } from './redisStorage';

/**
 * A read, a change and an eTag compare-and-set write of one storage document, retried on conflict: the way
 * every shared document (handoff sessions, queue index, request sets) is changed, so any instance may
 * change any of them.
 */
export interface UpdateOptions {
  maxAttempts: number;
}

/**
 * The eTag a create is written with: no document ever has it, so the write succeeds only while there is
 * none (RedisStorage, the in-memory stores and botbuilder's MemoryStorage all refuse a mismatched eTag when
 * a document exists). Two instances creating the same document at once: one wins, the other retries its
 * change on what the first wrote. (A read-back after an unconditional create was not enough: the other
 * create could still land after it, and one of two requests went missing from the index on a Sentinel set.)
 */
export const CREATE_ONLY_ETAG = 'absent';

/** The stored value without its eTag. */
export function withoutETag<T>(item: StoreItem | undefined): T | undefined {
  if (!item) return undefined;
  const { eTag: _eTag, ...rest } = item;
  return rest as T;
}

/**
 * `change` gets a copy of the current value (undefined when there is none) and returns the new value, or
 * undefined to leave it as it is; it may run more than once (after a conflict), so each run must start
 * afresh from its argument. Returns what was written (or the unchanged current value) and whether a write happened.
 */
export async function updateDocument<T extends object>(
  storage: Storage,
  key: string,
  change: (current: T | undefined) => T | undefined,
  options: UpdateOptions,
): Promise<{ value: T | undefined; changed: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const raw = (await storage.read([key]))[key];
    const current = withoutETag<T>(raw);
    const next = change(current ? structuredClone(current) : undefined);
    if (!next) return { value: current, changed: false };
    try {
      await storage.write({ [key]: { ...next, eTag: raw?.eTag ?? CREATE_ONLY_ETAG } });
      return { value: next, changed: true };
    } catch (err) {
      if (!isConflictError(err) || attempt >= options.maxAttempts) throw err;
      await pauseBeforeRetry(attempt);
    }
  }
}

/** Spreads out writers that keep colliding on the same document. */
function pauseBeforeRetry(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));
}
