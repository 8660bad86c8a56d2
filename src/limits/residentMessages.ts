import type { Metrics } from '../metrics';
import type { RateLimit } from './rateLimit';

/**
 * Messages per resident (conversation + user) in a short window. A resident over the limit gets one notice
 * per window ("you're writing faster than I can read"); that message and the further ones in the window are
 * not handled: not understood, not recorded, no dialog step. The resident sends it again after the pause.
 */
export interface ResidentMessageLimit {
  /** `allowed`: handle the message. Else `notify` says whether to send the one notice of this window. */
  admit(conversationId: string, userId: string): Promise<{ allowed: true } | { allowed: false; notify: boolean }>;
}

export function residentMessageLimit(limit: RateLimit, metrics: Metrics): ResidentMessageLimit {
  return {
    async admit(conversationId, userId) {
      // A failing counter must not silence a resident.
      const verdict = await limit.consume(`${conversationId}\u0000${userId}`).catch(() => ({ allowed: true }) as const);
      if (verdict.allowed) return verdict;
      metrics.rateLimited('resident');
      return { allowed: false, notify: verdict.firstRefusal };
    },
  };
}
