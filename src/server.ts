import * as restify from 'restify';
import type { Activity } from 'botbuilder';
import { dropMalformedEntities, whyNotAnActivity } from './bot/activitySchema';
import type { BrobyggerAdapter } from './bot/adapter';
import { AuthenticationUnavailable, RequestNotAuthenticated } from './bot/requestAuth';
import type { Bot } from './bot/app';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { StateBackend } from './storage/backend';
import { perAddressLimit } from './limits/clientAddress';
import { jsonBodyReader } from './limits/jsonBody';
import type { RateLimit } from './limits/rateLimit';

export interface ServerDependencies {
  adapter: BrobyggerAdapter;
  bot: Bot;
  backend: StateBackend;
  metrics: Metrics;
  logger: Logger;
  /** Direct Line requests per client address (src/limits/); unset: none. */
  directLinePerAddress?: RateLimit;
  /** Adds the residents' channels served here: Direct Line (`/v3/directline/*`) and the web chat page (`/`). */
  registerChannelRoutes?: (server: restify.Server) => void;
  /** Adds the staff API and console (`/api/staff/*`, `/staff`). */
  registerStaffRoutes?: (server: restify.Server) => void;
}

export interface BotServer {
  server: restify.Server;
  /** Requests being handled now (graceful shutdown waits for them). */
  inFlight(): number;
  /**
   * Stops taking requests at once: no new connections, idle keep-alive connections closed, `/readyz` 503,
   * every request arriving on an open connection refused with 503 and `Connection: close`, and the responses
   * in flight close their connection when done. The requests in flight carry on.
   */
  beginShutdown(): void;
}

const MAX_BODY_BYTES = 256 * 1024;

/** What CloudAdapter.process does to a parsed body before the turn: timestamps become Dates (raw kept). */
function withDates(body: Record<string, unknown>): Activity {
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      body[`raw${field[0].toUpperCase()}${field.slice(1)}`] = value;
      body[field] = new Date(value);
    }
  }
  return body as unknown as Activity;
}

export function createServer(deps: ServerDependencies): BotServer {
  const server = restify.createServer({ name: 'brobygger', handleUncaughtExceptions: false });
  let inFlight = 0;
  let stopping = false;
  const open = new Set<restify.Response>();
  server.pre((req, res, next) => {
    if (stopping) {
      // A keep-alive connection that was busy when the shutdown began: this request is not taken, and the
      // client learns it from a definite answer (not a reset) and goes to another instance. /readyz says 503.
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      res.send(503, req.path() === '/readyz' ? { status: 'stopping' } : { error: 'this instance is shutting down; try again' });
      return next(false);
    }
    inFlight++;
    open.add(res);
    res.once('close', () => {
      inFlight--;
      open.delete(res);
    });
    next();
  });
  server.use(restify.plugins.queryParser());
  // Direct Line is reached by browsers before anyone is known: counted per client address, before its body is read.
  if (deps.directLinePerAddress) {
    server.use(perAddressLimit(deps.directLinePerAddress, { metrics: deps.metrics, appliesTo: (path) => path.startsWith('/v3/directline/') }));
  }
  // JSON only, on every route, refused from the headers before anything is read (src/limits/jsonBody.ts).
  server.use(jsonBodyReader({ maxBytes: MAX_BODY_BYTES }));

  server.post('/api/messages', async (req, res) => {
    const reason = whyNotAnActivity(req.body);
    if (reason) {
      deps.metrics.activityRejected();
      res.send(400, { error: reason });
      return;
    }
    dropMalformedEntities(req.body);
    const activity = withDates(req.body);
    try {
      const invoke = await deps.adapter.handle(req.header('authorization') ?? '', activity, (context) => deps.bot.run(context));
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      if (err instanceof RequestNotAuthenticated) {
        res.send(401, { error: err.message });
        return;
      }
      if (err instanceof AuthenticationUnavailable) {
        deps.logger.warn({ error: 'openid-unreachable' }, 'Bot Framework signing keys could not be fetched; answered 503');
        res.setHeader('Retry-After', '5');
        res.send(503, { error: err.message });
        return;
      }
      // The turn's own errors are handled by onTurnError; this is what is left: logged, never shown.
      deps.logger.error({ err }, 'activity could not be processed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const reachable = await deps.backend.isReachable();
    res.send(reachable ? 200 : 503, { status: reachable ? 'ready' : 'unavailable', storage: deps.backend.kind });
  });

  server.get('/metrics', async (_req, res) => {
    const body = await deps.metrics.render();
    res.setHeader('content-type', deps.metrics.contentType);
    res.sendRaw(200, body);
  });

  deps.registerChannelRoutes?.(server);
  deps.registerStaffRoutes?.(server);

  server.on('restifyError', (req, res, err, callback) => {
    // Bodies restify could not parse (bad JSON, too large) get a short JSON reason, never a stack.
    err.toJSON = () => ({ error: err.message });
    return callback();
  });

  const beginShutdown = () => {
    if (stopping) return;
    stopping = true;
    // Answers still to come tell their client that this connection ends with them.
    for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
    if (server.server.listening) server.close();
    server.server.closeIdleConnections();
  };

  return { server, inFlight: () => inFlight, beginShutdown };
}
