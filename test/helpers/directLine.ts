import { DirectLine, type Activity as DirectLineActivity } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable';
import WebSocket from 'ws';

/**
 * Direct Line from the outside: raw HTTP calls, and the official client (botframework-directlinejs, as Web
 * Chat uses it). In Node the client needs a transport for its REST calls (it uses the browser's
 * XMLHttpRequest) and a WebSocket: both are injected through its own `ajax` and `WebSocket` options.
 */
export interface HttpResult {
  status: number;
  body: any;
}

export async function call(url: string, options: { method?: string; auth?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.auth ? { authorization: `Bearer ${options.auth}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

/** A page's token, as the page gets it. */
export async function chatToken(baseUrl: string): Promise<{ token: string; conversationId: string; expiresIn: number }> {
  const res = await call(`${baseUrl}/api/webchat/token`, { method: 'POST', body: {} });
  if (res.status !== 200) throw new Error(`token: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** DirectLineJS's transport, on fetch: JSON bodies, errors carrying `status` as rxjs' ajax errors do. */
const ajax = (request: { url: string; method?: string; headers?: Record<string, string>; body?: unknown }) =>
  Observable.create((subscriber: { next(v: unknown): void; complete(): void; error(e: unknown): void }) => {
    const controller = new AbortController();
    fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        const response = text ? JSON.parse(text) : null;
        if (res.ok) {
          subscriber.next({ status: res.status, response });
          subscriber.complete();
        } else subscriber.error({ status: res.status, response });
      })
      .catch((err: Error) => subscriber.error({ status: 0, message: err.message }));
    return () => controller.abort();
  });

export interface ClientSession {
  directLine: DirectLine;
  activities: DirectLineActivity[];
  statuses: number[];
  /** Resolves with the activities once `match` holds for them. */
  waitFor(match: (activities: DirectLineActivity[]) => boolean, timeoutMs?: number): Promise<DirectLineActivity[]>;
  say(text: string, locale?: string): Promise<string>;
  end(): void;
}

export function connectClient(
  baseUrl: string,
  options: { token: string; conversationId?: string; webSocket: boolean; locale?: string; watermark?: string },
): ClientSession {
  const directLine = new DirectLine({
    token: options.token,
    conversationId: options.conversationId,
    watermark: options.watermark,
    domain: `${baseUrl}/v3/directline`,
    webSocket: options.webSocket,
    pollingInterval: 250,
    conversationStartProperties: options.locale ? { locale: options.locale } : undefined,
    ajax,
    WebSocket,
  } as never);
  const activities: DirectLineActivity[] = [];
  const statuses: number[] = [];
  directLine.activity$.subscribe({ next: (a) => activities.push(a), error: () => undefined });
  directLine.connectionStatus$.subscribe({ next: (s) => statuses.push(s), error: () => undefined });
  return {
    directLine,
    activities,
    statuses,
    async waitFor(match, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      while (!match(activities)) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(activities.map((a) => [a.from.role, a.type, (a as { text?: string }).text]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return activities;
    },
    say(text, locale) {
      return new Promise((resolve, reject) =>
        directLine
          .postActivity({ type: 'message', text, locale, from: { id: 'ignored-by-the-server' } } as never)
          .subscribe({ next: resolve, error: reject }),
      );
    },
    end() {
      try {
        directLine.end();
      } catch {
        // already ended
      }
    },
  };
}

/** A raw WebSocket on a streamUrl, collecting the activity sets it sends. */
export function openStream(streamUrl: string): Promise<{ sets: any[]; socket: WebSocket; waitFor(match: (sets: any[]) => boolean, timeoutMs?: number): Promise<any[]> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(streamUrl);
    const sets: any[] = [];
    socket.on('message', (data) => {
      const text = data.toString();
      if (text) sets.push(JSON.parse(text));
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        sets,
        socket,
        async waitFor(match, timeoutMs = 8000) {
          const deadline = Date.now() + timeoutMs;
          while (!match(sets)) {
            if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(sets)}`);
            await new Promise((r) => setTimeout(r, 25));
          }
          return sets;
        },
      }),
    );
  });
}

export const textsOf = (activities: { type?: string; text?: string }[]) =>
  activities.filter((a) => a.type === 'message').map((a) => (a.text ?? '').replace(/\u200F/g, ''));
