import { createHash } from 'node:crypto';
import type { Logger } from './log';
import { isStoreUnavailable } from './storage/errors';

/** What staff did that someone may later have to account for. */
export type AuditAction = 'claim' | 'reply' | 'release' | 'close' | 'transcript.read' | 'requests.read' | 'signIn';
/** `ok`, a HandoffError code (`not_found`, `conflict`, `forbidden`, ...), `unavailable` (store away), `error`, or `failed` (sign-in). */
export type AuditOutcome = string;

export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  /** Who did it; absent for a failed sign-in (nobody is known then). */
  staffId?: string;
  /** The resident's conversation acted on, if any (logged as its hash, see below). */
  conversationId?: string;
  /** A failed sign-in: the route tried and the caller's address, never the token given. */
  route?: string;
  ip?: string;
}

/**
 * One JSON line per staff action (claim, reply, release, close, transcript or request read, failed sign-in),
 * marked `"audit":true` so a log shipper can route them to where they are kept longer. Only who, what, which
 * conversation and how it went: never what anyone wrote, never a token.
 *
 * The conversation is named by `conversationHash` (conversationHash() below), not its id: a channel's id
 * identifies the resident on that channel, and the log redaction would mask the digit runs most ids contain
 * (src/log.ts), making them useless to look up. The hash is letters only, so it stays whole.
 *
 * Audit lines are written at `info` even when LOG_LEVEL is `warn` or `error`; only `silent` stops them.
 */
export class Audit {
  private readonly log?: Logger;

  constructor(logger?: Logger) {
    this.log = logger?.child({ audit: true }, { level: logger.level === 'silent' ? 'silent' : 'info' });
  }

  record(entry: AuditEntry): void {
    const { conversationId, ...rest } = entry;
    this.log?.info({ ...rest, ...(conversationId !== undefined ? { conversationHash: conversationHash(conversationId) } : {}) }, `staff ${entry.action}: ${entry.outcome}`);
  }

  /** Runs `work` and records one line for it: `ok`, or the outcome `outcomeOf` names for its error (rethrown). */
  async around<T>(entry: Omit<AuditEntry, 'outcome'>, outcomeOf: (err: unknown) => AuditOutcome, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.record({ ...entry, outcome: 'ok' });
      return result;
    } catch (err) {
      this.record({ ...entry, outcome: outcomeOf(err) });
      throw err;
    }
  }
}

/** The outcome of a failed action: the refusal's code (HandoffError: `not_found`, `forbidden`, ...), `unavailable` or `error`. */
export function outcomeOf(err: unknown): AuditOutcome {
  if (isStoreUnavailable(err)) return 'unavailable';
  const code = (err as { code?: unknown } | undefined)?.code;
  return (err as Error)?.name === 'HandoffError' && typeof code === 'string' ? code : 'error';
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** 16 letters from SHA-256 of the conversation id (about 75 bits): find a conversation's audit lines by it. */
export function conversationHash(conversationId: string): string {
  const digest = createHash('sha256').update(conversationId, 'utf8').digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += LETTERS[digest[i] % LETTERS.length];
  return out;
}
