import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as restify from 'restify';
import { HandoffError, type CannedReplies, type Handoff, type HandoffEvent, type HandoffService, type StaffDirectory, type StaffMember } from '../handoff';
import { isLang } from '../language/languages';
import type { Logger } from '../log';
import { PROJECT_ROOT } from '../paths';
import { isStoreUnavailable } from '../storage/errors';
import type { RequestStore } from '../requests/requestStore';
import { Audit, outcomeOf } from '../audit';
import { StaffAuth } from './auth';
import { encodeCursor, parseRequestQuery } from './requestQuery';
import type { StaffLimits } from '../limits/staffSignIn';

/** What the staff API needs; `createStaffDeps` builds it from the handoff. */
export interface StaffDeps {
  handoff: HandoffService;
  auth: StaffAuth;
  staff: StaffDirectory;
  requests: Pick<RequestStore, 'page'>;
  canned: CannedReplies;
  logger?: Logger;
  /** Failed sign-ins per address and requests per staff member (src/limits/staffSignIn.ts); unset: none. */
  limits?: StaffLimits;
  /** Comment lines on the event stream keep proxies from closing an idle connection. */
  heartbeatMs?: number;
}

/** The staff API's dependencies from the handoff (`createHandoff`), the staff tokens and the request store. */
export function createStaffDeps(
  handoff: Handoff,
  options: { staffTokens: { staffId: string; token: string }[]; requests: StaffDeps['requests']; logger?: Logger; limits?: StaffLimits },
): StaffDeps {
  return {
    handoff: handoff.service,
    auth: new StaffAuth(options.staffTokens),
    staff: handoff.staff,
    requests: options.requests,
    canned: handoff.canned,
    logger: options.logger,
    limits: options.limits,
  };
}

export interface StaffRoutes {
  /** Ends the open event streams (shutdown; tests). */
  closeStreams(): void;
}

const CONSOLE_DIR = path.join(PROJECT_ROOT, 'src', 'staff', 'console');
const CONSOLE_FILES: Record<string, { file: string; type: string }> = {
  '/staff': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/staff/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};
// The console runs only its own script and styles; resident text can never become markup or script.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `upstream`: the resident's channel refused a message; not the caller's mistake, so not a 4xx. */
const STATUS_FOR: Record<HandoffError['code'], number> = { not_found: 404, conflict: 409, bad_request: 400, upstream: 502, forbidden: 403 };

type Req = restify.Request;
type Res = restify.Response;

/**
 * The staff API (`/api/staff/*`, every call with `Authorization: Bearer <token>`) and the console (`/staff`).
 * Paths and shapes are a contract other tools use.
 */
export function registerStaffRoutes(server: restify.Server, deps: StaffDeps): StaffRoutes {
  const streams = new Set<Res>();
  const audit = new Audit(deps.logger);

  for (const [route, { file, type }] of Object.entries(CONSOLE_FILES)) {
    server.get(route, (_req: Req, res: Res, next: restify.Next) => {
      fs.readFile(path.join(CONSOLE_DIR, file), (err, body) => {
        if (err) {
          res.send(404, { error: 'not found' });
          return next(false);
        }
        res.writeHead(200, {
          'Content-Type': type,
          'Content-Length': body.length,
          'Cache-Control': 'no-cache',
          'Content-Security-Policy': CSP,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        });
        res.end(body);
        return next(false);
      });
    });
  }

  /** Wraps a handler: 401 without a valid token (before anything else happens), short reasons for errors. */
  const staffRoute = (handler: (req: Req, res: Res, me: StaffMember) => Promise<void>) => async (req: Req, res: Res) => {
    res.setHeader('Cache-Control', 'no-store');
    const tooMany = (retryAfter: number) => {
      res.setHeader('Retry-After', String(retryAfter));
      res.send(429, { error: 'too many requests; try again shortly', retryAfterSeconds: retryAfter });
    };
    const blocked = await deps.limits?.beforeSignIn(req);
    if (blocked) return tooMany(blocked);
    const staffId = deps.auth.staffIdFor(req.header('authorization'));
    if (!staffId) {
      // Who tried, from where and on what; never the token they gave.
      audit.record({ action: 'signIn', outcome: 'failed', route: req.getRoute()?.path?.toString(), ip: req.socket?.remoteAddress });
      const wait = await deps.limits?.failedSignIn(req);
      if (wait) return tooMany(wait);
      res.setHeader('WWW-Authenticate', 'Bearer realm="brobygger-staff"');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const busy = await deps.limits?.signedIn(staffId);
    if (busy) return tooMany(busy);
    try {
      await handler(req, res, deps.staff.get(staffId));
    } catch (err) {
      if (err instanceof HandoffError) {
        res.send(STATUS_FOR[err.code], { error: err.message });
        return;
      }
      // The state store is away (or failing over): not the caller's fault, and over soon.
      if (isStoreUnavailable(err)) {
        deps.logger?.warn({ route: req.getRoute()?.path, error: (err as Error).name }, 'staff API call: state store unavailable');
        res.setHeader('Retry-After', '5');
        if (!res.headersSent) res.send(503, { error: 'the state store is unavailable; try again in a moment' });
        return;
      }
      deps.logger?.error({ err, route: req.getRoute()?.path }, 'staff API call failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  };
  const id = (req: Req) => String(req.params?.id ?? '');
  const visibleTo = async (event: HandoffEvent, me: StaffMember): Promise<HandoffEvent | Omit<HandoffEvent, 'text'>> => {
    if (event.type !== 'message' || (await deps.handoff.mayRead(event.conversationId, me).catch(() => false))) return event;
    const { text: _withheld, ...rest } = event;
    return rest;
  };

  server.get('/api/staff/me', staffRoute(async (_req, res, me) => {
    res.send(200, { staffId: me.staffId, name: me.name, role: me.role, languages: me.languages, topics: me.topics });
  }));

  server.get('/api/staff/queue', staffRoute(async (_req, res, me) => {
    res.send(200, { items: await deps.handoff.queue(me) });
  }));

  server.get('/api/staff/canned', staffRoute(async (_req, res) => {
    res.send(200, { languages: deps.canned });
  }));

  server.post('/api/staff/conversations/:id/claim', staffRoute(async (req, res, me) => {
    const s = await deps.handoff.claim(id(req), me);
    res.send(200, { conversationId: s.conversationId, claimedBy: s.claimedBy });
  }));

  server.get('/api/staff/conversations/:id/transcript', staffRoute(async (req, res, me) => {
    res.send(200, { items: await deps.handoff.transcriptFor(id(req), me) });
  }));

  server.post('/api/staff/conversations/:id/messages', staffRoute(async (req, res, me) => {
    const body = jsonBody(req);
    const locale = isLang(body.locale) ? body.locale : undefined;
    const line = await deps.handoff.staffMessage(id(req), me, body.text, locale);
    res.send(200, { delivered: true, timestamp: line.timestamp });
  }));

  server.post('/api/staff/conversations/:id/release', staffRoute(async (req, res, me) => {
    await deps.handoff.release(id(req), me);
    res.send(200, { released: true });
  }));

  server.post('/api/staff/conversations/:id/close', staffRoute(async (req, res, me) => {
    await deps.handoff.close(id(req), me, jsonBody(req).note);
    res.send(200, { closed: true });
  }));

  server.get('/api/staff/requests', staffRoute(async (req, res, me) => {
    const page = await audit.around({ action: 'requests.read', staffId: me.staffId }, outcomeOf, () => deps.requests.page(parseRequestQuery(req.url)));
    res.send(200, {
      items: page.items.map((r) => ({
        reference: r.reference,
        kind: r.kind,
        language: r.language,
        status: r.status,
        createdAt: r.createdAt,
        summary: r.summary,
        conversationId: r.conversationId,
        details: r.details,
      })),
      next: page.last ? encodeCursor(page.last) : null,
    });
  }));

  server.get('/api/staff/events', staffRoute(async (_req, res, me) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (chunk: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    };
    const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    streams.add(res);
    // The response's 'close' (not the request's, which fires once a body-less GET has been read) means the
    // console went away.
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    let unsubscribe: () => Promise<void>;
    try {
      // What was said reaches only consoles that may read that chat's transcript (staffAccess.ts); others
      // learn that something was said, without the words. One chain per stream keeps the events in order.
      let order = Promise.resolve();
      unsubscribe = await deps.handoff.subscribe((event: HandoffEvent) => {
        order = order.then(async () => send(event.type, await visibleTo(event, me))).catch(() => undefined);
      });
    } catch (err) {
      // Without a subscription the stream would look live and show nothing: end it, so the console reconnects.
      deps.logger?.warn({ event: 'staff.eventsUnavailable', error: (err as Error).name }, 'could not subscribe to handoff events');
      streams.delete(res);
      res.end();
      return;
    }
    send('ready', { at: new Date().toISOString() });
    const heartbeat = setInterval(() => write(': ping\n\n'), deps.heartbeatMs ?? 20000);
    try {
      await closed;
    } finally {
      clearInterval(heartbeat);
      streams.delete(res);
      await unsubscribe();
    }
  }));

  return {
    closeStreams() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

/** Bodies arrive parsed (bodyParser) or, on a server without it, as text. */
function jsonBody(req: Req): Record<string, unknown> {
  let body: unknown = req.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      body = JSON.parse(body.toString());
    } catch {
      throw new HandoffError('bad_request', 'body must be JSON');
    }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HandoffError('bad_request', 'body must be a JSON object');
  return body as Record<string, unknown>;
}
