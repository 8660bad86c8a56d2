import type { Storage, StoreItem } from 'botbuilder';
import { isConflictError } from './redisStorage';

/**
 * A read, a change and an eTag compare-and-set write of one storage document, retried on conflict: the way
 * every shared document (handoff sessions, queue index, request sets) is changed, so any instance may
 * change any of them.
 */
export interface UpdateOptions<T> {
  /**
   * Creating a document is not compare-and-set (there is no eTag yet), so two first writers may both
   * "win": after a create, the document is read back and this says whether our write is the one that
   * stayed; if not, the change is tried again.
   */
  stayed(readBack: T | undefined, written: T): boolean;
  maxAttempts: number;
}

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
  options: UpdateOptions<T>,
): Promise<{ value: T | undefined; changed: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const raw = (await storage.read([key]))[key];
    const current = withoutETag<T>(raw);
    const next = change(current ? structuredClone(current) : undefined);
    if (!next) return { value: current, changed: false };
    try {
      await storage.write({ [key]: { ...next, eTag: raw?.eTag ?? '*' } });
      if (!raw && attempt < options.maxAttempts && !options.stayed(withoutETag<T>((await storage.read([key]))[key]), next)) continue;
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
