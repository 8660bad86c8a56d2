import { newConversationId, newUserId, type DirectLineTokens } from '../directline/tokens';

/** What the page gets from `POST /api/webchat/token`: one conversation's token, never the secret. */
export interface ChatToken {
  token: string;
  conversationId: string;
  expiresIn: number;
  /** Azure's Direct Line base URL when the page should use it; absent: this server's own /v3/directline. */
  domain?: string;
}

export interface ChatTokenSource {
  issue(): Promise<ChatToken>;
}

/** Tokens from our own Direct Line endpoint, signed here. */
export function ownTokenSource(tokens: DirectLineTokens): ChatTokenSource {
  return {
    async issue() {
      const conversationId = newConversationId();
      return { token: tokens.issue(conversationId, newUserId()), conversationId, expiresIn: tokens.lifetimeSeconds };
    },
  };
}

/**
 * Tokens from Azure's Direct Line (`DIRECTLINE_DOMAIN`): the server asks `tokens/generate` with the secret and
 * passes on only the token, with a user id of ours embedded so the page cannot speak as anyone else.
 */
export function azureTokenSource(options: { domain: string; secret: string; timeoutMs?: number }): ChatTokenSource {
  return {
    async issue() {
      const res = await fetch(`${options.domain}/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: newUserId() } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`Direct Line tokens/generate answered HTTP ${res.status}`);
      const body = (await res.json()) as { token?: unknown; conversationId?: unknown; expires_in?: unknown };
      if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') throw new Error('Direct Line tokens/generate gave no token');
      return {
        token: body.token,
        conversationId: body.conversationId,
        expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 1800,
        domain: options.domain,
      };
    },
  };
}
