import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as restify from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../log';
import type { EventBus } from '../../storage/eventBus';
import { BadActivityError, streamChannel, type DirectLineChannel, type StreamEvent } from './channel';
import { newConversationId, newUserId, type Credential, type DirectLineTokens, type TokenClaims } from './tokens';

/**
 * Direct Line 3.0 as Azure serves it (learn.microsoft.com, "API reference - Direct Line API 3.0"), so that
 * Web Chat and DirectLineJS work unchanged against this bot or, by configuration, against Azure:
 *
 *   POST /v3/directline/tokens/generate            Bearer <secret>  -> { conversationId, token, expires_in }
 *   POST /v3/directline/tokens/refresh             Bearer <token>   -> { conversationId, token, expires_in }
 *   POST /v3/directline/conversations              Bearer <either>  -> 201 (200 if already started) { conversationId, token, expires_in, streamUrl }
 *   GET  /v3/directline/conversations/{id}?watermark=                 -> { conversationId, token, expires_in, streamUrl }
 *   GET  /v3/directline/conversations/{id}/activities?watermark=      -> { activities, watermark }
 *   POST /v3/directline/conversations/{id}/activities                 -> { id }
 *   WS   streamUrl (…/conversations/{id}/stream?watermark=&t=<stream token>): { activities, watermark } sets
 *
 * 401: no or a bad credential; 403: a token of another conversation, or an expired one (code TokenExpired,
 * which DirectLineJS reads as "get a new token"); errors as `{ "error": { "code", "message" } }`.
 */
export interface DirectLineRoutesDeps {
  channel: DirectLineChannel;
  tokens: DirectLineTokens;
  events: EventBus;
  logger: Logger;
}

export interface DirectLineRoutes {
  /** Ends open WebSockets (shutdown): clients reconnect, to another instance if this one is going. */
  closeStreams(): void;
  openStreams(): number;
}

type Req = restify.Request;
type Res = restify.Response;

const BASE = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,100})\/stream$/;
const MAX_STREAM_MESSAGE = 64 * 1024;
const PING_EVERY_MS = 30_000;

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function registerDirectLineRoutes(server: restify.Server, deps: DirectLineRoutesDeps): DirectLineRoutes {
  const { channel, tokens } = deps;
  const sockets = new Set<WebSocket>();

  const route = (handler: (req: Req, res: Res) => Promise<void>) => async (req: Req, res: Res) => {
    cors(res);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof ApiError) return sendError(res, err.status, err.code, err.message);
      if (err instanceof BadActivityError) return sendError(res, 400, 'BadArgument', err.message);
      deps.logger.error({ err, route: req.getRoute()?.path }, 'direct line request failed');
      // The bot (or its store) failed, not the request: Azure answers 502 "bot returned an error" here.
      if (!res.headersSent) sendError(res, 502, 'BotError', 'the bot could not handle the activity; try again');
    }
  };

  const credential = (req: Req): Credential => {
    const c = tokens.fromHeader(req.header('authorization'));
    if (c.kind === 'invalid') throw new ApiError(c.status, c.code, c.reason);
    return c;
  };
  /** The conversation's token holder, or the secret holder (who may act for any conversation, as on Azure). */
  const forConversation = (req: Req): { conversationId: string; claims?: TokenClaims } => {
    const conversationId = String(req.params?.conversationId ?? '');
    const c = credential(req);
    if (c.kind === 'token' && c.claims.conv !== conversationId) throw new ApiError(403, 'BadArgument', 'the token is for another conversation');
    return { conversationId, claims: c.kind === 'token' ? c.claims : undefined };
  };

  const conversationBody = (conversationId: string, user: string, req: Req, watermark?: number) => ({
    conversationId,
    token: tokens.issue(conversationId, user),
    expires_in: tokens.lifetimeSeconds,
    streamUrl: streamUrl(req, conversationId, tokens.issue(conversationId, user, 'stream'), watermark),
  });

  server.opts(`${BASE}/*`, (req: Req, res: Res, next: restify.Next) => {
    cors(res);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent');
    res.setHeader('Access-Control-Max-Age', '600');
    res.send(204);
    return next(false);
  });

  server.post(`${BASE}/tokens/generate`, route(async (req, res) => {
    if (credential(req).kind !== 'secret') throw new ApiError(403, 'BadArgument', 'tokens are generated with the Direct Line secret');
    const body = jsonBody(req);
    const conversationId = newConversationId();
    res.send(200, { conversationId, token: tokens.issue(conversationId, trustedUserId(body)), expires_in: tokens.lifetimeSeconds });
  }));

  server.post(`${BASE}/tokens/refresh`, route(async (req, res) => {
    const c = credential(req);
    if (c.kind !== 'token') throw new ApiError(400, 'BadArgument', 'only a token can be refreshed');
    res.send(200, { conversationId: c.claims.conv, token: tokens.issue(c.claims.conv, c.claims.user), expires_in: tokens.lifetimeSeconds });
  }));

  server.post(`${BASE}/conversations`, route(async (req, res) => {
    const c = credential(req);
    const body = jsonBody(req);
    const conversationId = c.kind === 'token' ? c.claims.conv : newConversationId();
    const user = c.kind === 'token' ? c.claims.user : trustedUserId(body);
    const created = await channel.start(conversationId, user, localeOf(body));
    res.send(created ? 201 : 200, conversationBody(conversationId, user, req));
  }));

  server.get(`${BASE}/conversations/:conversationId`, route(async (req, res) => {
    const { conversationId, claims } = forConversation(req);
    const record = await channel.activityLog.conversation(conversationId);
    if (!record && !claims) throw new ApiError(404, 'BadArgument', 'no such conversation');
    // A token from tokens/generate may reconnect before anyone started the conversation: start it now.
    if (!record) await channel.start(conversationId, claims!.user);
    res.send(200, conversationBody(conversationId, claims?.user ?? record!.user, req, watermarkOf(req)));
  }));

  server.get(`${BASE}/conversations/:conversationId/activities`, route(async (req, res) => {
    const { conversationId } = forConversation(req);
    const page = await channel.activityLog.since(conversationId, watermarkOf(req));
    res.send(200, { activities: page.activities, watermark: String(page.watermark) });
  }));

  server.post(`${BASE}/conversations/:conversationId/activities`, route(async (req, res) => {
    const { conversationId, claims } = forConversation(req);
    const body = jsonBody(req);
    // With the secret the caller is a trusted server and says who the user is; with a token, the token says so.
    const user = claims?.user ?? trustedUserId({ user: (body as { from?: unknown }).from });
    res.send(200, await channel.fromResident(conversationId, user, body));
  }));

  server.post(`${BASE}/conversations/:conversationId/upload`, route(async () => {
    throw new ApiError(501, 'NotImplemented', 'file uploads are not supported by this bot');
  }));

  // The WebSocket stream. restify does not handle upgrades itself, so they reach the HTTP server.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_STREAM_MESSAGE });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'Not Found');
    const conversationId = match[1];
    const c = tokens.check(url.searchParams.get('t') ?? '', 'stream');
    if (c.kind !== 'token') return refuse(socket, c.kind === 'invalid' ? c.status : 401, c.kind === 'invalid' && c.status === 403 ? 'Forbidden' : 'Unauthorized');
    if (c.claims.conv !== conversationId) return refuse(socket, 403, 'Forbidden');
    const watermark = parseWatermark(url.searchParams.get('watermark'));
    wss.handleUpgrade(req, socket, head, (ws) => void openStream(ws, conversationId, watermark));
  };
  server.server.on('upgrade', onUpgrade);

  const openStream = async (ws: WebSocket, conversationId: string, watermark: number) => {
    sockets.add(ws);
    let sent = watermark;
    let flushing: Promise<void> | undefined;
    let again = false;
    let alive = true;
    const send = (set: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
    };
    // One read at a time, in order; announcements that arrive meanwhile make it read once more.
    const flush = (): Promise<void> => {
      if (flushing) {
        again = true;
        return flushing;
      }
      flushing = (async () => {
        do {
          again = false;
          const page = await channel.activityLog.since(conversationId, sent);
          if (page.activities.length > 0) {
            sent = page.watermark;
            send({ activities: page.activities, watermark: String(page.watermark) });
          }
        } while (again && ws.readyState === ws.OPEN);
      })()
        .catch((err) => deps.logger.warn({ err }, 'direct line stream: could not read the conversation'))
        .finally(() => (flushing = undefined));
      return flushing;
    };
    let unsubscribe: (() => Promise<void>) | undefined;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_EVERY_MS);
    ping.unref();
    ws.on('pong', () => (alive = true));
    // Clients send empty messages as keep-alives (DirectLineJS every 20 s); activities come over REST only.
    ws.on('message', () => (alive = true));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearInterval(ping);
      sockets.delete(ws);
      void unsubscribe?.();
    });
    try {
      // Subscribe before reading the backlog, so nothing announced in between is missed.
      unsubscribe = await deps.events.subscribe(streamChannel(conversationId), (message) => {
        const event = message as StreamEvent;
        if ('live' in event) send({ activities: [event.live] });
        else if (event.seq > sent) void flush();
      });
      if (ws.readyState !== ws.OPEN) return void unsubscribe();
      await flush();
    } catch (err) {
      deps.logger.warn({ err }, 'direct line stream: could not subscribe');
      ws.close(1011, 'try again');
    }
  };

  return {
    closeStreams() {
      server.server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.close(1001, 'server going away');
      wss.close();
    },
    openStreams: () => sockets.size,
  };
}

function cors(res: Res): void {
  // Tokens travel in the Authorization header, never in cookies: any page holding one may use it, as on Azure.
  res.setHeader('Access-Control-Allow-Origin', '*');
}

function sendError(res: Res, status: number, code: string, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="directline"');
  res.send(status, { error: { code, message } });
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function jsonBody(req: Req): Record<string, unknown> {
  let body: unknown = req.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = body.toString().trim();
    if (!text) return {};
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'BadArgument', 'the body is not JSON');
    }
  }
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'BadArgument', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A user id the secret holder chose (Azure trusts only `dl_` ids embedded by the server), else a new one. */
function trustedUserId(body: Record<string, unknown>): string {
  const id = (body.user as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && /^dl_[A-Za-z0-9_-]{1,64}$/.test(id) ? id : newUserId();
}

function localeOf(body: Record<string, unknown>): string | undefined {
  const locale = body.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(locale) ? locale : undefined;
}

function watermarkOf(req: Req): number {
  return parseWatermark((req.query as Record<string, unknown> | undefined)?.watermark);
}

function parseWatermark(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : 0;
  return Number.isSafeInteger(n) ? n : 0;
}

/** The stream's address as the client reached us (behind a TLS proxy: wss). */
function streamUrl(req: Req, conversationId: string, streamToken: string, watermark?: number): string {
  const host = /^[A-Za-z0-9.[\]:-]{1,255}$/.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
  const secure = req.isSecure() || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
  const query = new URLSearchParams({ ...(watermark ? { watermark: String(watermark) } : {}), t: streamToken });
  return `${secure ? 'wss' : 'ws'}://${host}${BASE}/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
}
