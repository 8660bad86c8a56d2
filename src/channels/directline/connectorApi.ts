import type { Activity } from 'botbuilder';

/**
 * The part of the Bot Framework connector API (`/v3/conversations/...`) a bot uses to talk into a Direct Line
 * conversation, served inside this process: the adapter's real `ConnectorClient` builds and serialises each
 * request exactly as for a remote channel, and this HTTP client hands it to our handler instead of the
 * network. So nothing changes for the bot, no credentials are needed for our own channel, and there is no
 * public endpoint through which anyone but the bot could post into a resident's conversation.
 */
export class ConnectorApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type FromBot = (conversationId: string, activity: Partial<Activity>, replyToId?: string) => Promise<{ id: string }>;

interface WebResourceLike {
  url: string;
  method: string;
  body?: unknown;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export function createInProcessHttpClient(fromBot: FromBot) {
  return {
    async sendRequest(request: WebResourceLike) {
      const respond = (status: number, body: unknown) => ({
        request,
        status,
        headers: { toJson: () => ({ 'content-type': 'application/json; charset=utf-8' }) },
        bodyAsText: JSON.stringify(body),
      });
      try {
        const url = new URL(request.url);
        const match = ACTIVITIES.exec(url.pathname);
        if (!match) throw new ConnectorApiError(404, 'NotFound', `${request.method} ${url.pathname} is not part of the Direct Line connector`);
        const conversationId = decodeURIComponent(match[1]);
        const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
        if (request.method !== 'POST') {
          // Azure's Direct Line cannot update or delete a sent activity either.
          throw new ConnectorApiError(405, 'MethodNotAllowed', 'Direct Line does not support updating or deleting activities');
        }
        const activity = typeof request.body === 'string' ? (JSON.parse(request.body) as Partial<Activity>) : (request.body as Partial<Activity>);
        return respond(200, await fromBot(conversationId, activity, activityId));
      } catch (err) {
        if (err instanceof ConnectorApiError) return respond(err.status, { error: { code: err.code, message: err.message } });
        if (err instanceof SyntaxError) return respond(400, { error: { code: 'BadArgument', message: 'the body is not JSON' } });
        throw err;
      }
    },
  };
}
