import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type * as restify from 'restify';
import { readLocaleResources } from '../../language/i18n';
import { LANGUAGES } from '../../language/languages';
import type { Logger } from '../../log';
import { PROJECT_ROOT } from '../../paths';
import type { ChatTokenSource } from './tokenSource';
import type { TokenRequestLimiter } from './tokenLimiter';

/**
 * The resident's page (`/`), its script and styles, the embed snippet (`/webchat/embed.js`), the Web Chat
 * bundle from the `botframework-webchat` package (served from node_modules: nothing from a CDN, nothing
 * downloaded at run time), the page's texts in nine languages, and `POST /api/webchat/token`.
 */
export interface WebChatRoutesDeps {
  tokens: ChatTokenSource;
  limiter: TokenRequestLimiter;
  localesDir: string;
  /** Origins allowed to frame the page (the embed snippet on the city's site). */
  embedOrigins: string[];
  /** Where the page's Direct Line traffic goes besides this origin (Azure's, when configured). */
  directLineDomain?: string;
  logger: Logger;
}

const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'channels', 'webchat', 'public');
const STATIC: Record<string, { file: string; type: string }> = {
  '/webchat/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/webchat/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/webchat/icon.svg': { file: 'icon.svg', type: 'image/svg+xml' },
};
const gzip = promisify(zlib.gzip);
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

type Req = restify.Request;
type Res = restify.Response;

export function registerWebChatRoutes(server: restify.Server, deps: WebChatRoutesDeps): void {
  const texts = pageTexts(deps.localesDir);
  const textsJson = Buffer.from(JSON.stringify(texts));
  const bundle = new LazyBundle(webChatBundlePath());
  const embedJs = Buffer.from(
    fs.readFileSync(path.join(PUBLIC_DIR, 'embed.js'), 'utf8').replace(
      '/*LABELS*/{}',
      JSON.stringify(Object.fromEntries(LANGUAGES.map((l) => [l, { open: texts[l].openChat, close: texts[l].closeChat, title: texts[l].chatLabel }]))),
    ),
  );
  const page = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');

  const frameAncestors = ["'self'", ...deps.embedOrigins].join(' ');
  const directLineOrigins = deps.directLineDomain ? directLineSources(deps.directLineDomain) : '';
  const csp = (nonce: string) =>
    [
      "default-src 'none'",
      "script-src 'self'",
      // Web Chat writes its styles into <style> elements at run time; they carry this response's nonce. One of
      // its parts (react-scroll-to-bottom) first adds an empty <style> without it and then fills it through the
      // CSSOM: the hash of empty content admits that element and nothing else.
      `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
      `connect-src 'self' ${directLineOrigins}`.trim(),
      "img-src 'self' data: blob:",
      "media-src 'self' blob:",
      "font-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; ');

  server.get('/', (_req: Req, res: Res, next: restify.Next) => {
    const nonce = randomBytes(16).toString('base64');
    const body = Buffer.from(page.replaceAll('{{nonce}}', nonce));
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': csp(nonce),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
    return next(false);
  });

  for (const [route, { file, type }] of Object.entries(STATIC)) {
    server.get(route, (_req: Req, res: Res, next: restify.Next) => {
      fs.readFile(path.join(PUBLIC_DIR, file), (err, body) => {
        if (err) {
          res.send(404, { error: 'not found' });
          return next(false);
        }
        sendAsset(res, type, body, 'no-cache');
        return next(false);
      });
    });
  }

  server.get('/webchat/texts.json', (_req: Req, res: Res, next: restify.Next) => {
    sendAsset(res, 'application/json; charset=utf-8', textsJson, 'no-cache');
    return next(false);
  });

  server.get('/webchat/embed.js', (_req: Req, res: Res, next: restify.Next) => {
    // Loaded by other sites' pages: it may be fetched cross-origin, and must stay small.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    sendAsset(res, 'text/javascript; charset=utf-8', embedJs, 'public, max-age=300');
    return next(false);
  });

  server.get('/webchat/webchat.js', async (req: Req, res: Res) => {
    try {
      const { raw, gzipped, etag } = await bundle.get();
      if (req.header('if-none-match') === etag) {
        res.writeHead(304, { ETag: etag });
        res.end();
        return;
      }
      const useGzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
      const body = useGzip ? gzipped : raw;
      res.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Content-Length': body.length,
        ...(useGzip ? { 'Content-Encoding': 'gzip' } : {}),
        Vary: 'Accept-Encoding',
        ETag: etag,
        'Cache-Control': 'public, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    } catch (err) {
      deps.logger.error({ err }, 'web chat bundle missing: run npm ci');
      res.send(503, { error: 'the chat is not installed on this server (botframework-webchat is missing)' });
    }
  });

  server.post('/api/webchat/token', async (req: Req, res: Res) => {
    res.setHeader('Cache-Control', 'no-store');
    const verdict = await deps.limiter(clientAddress(req)).catch((err) => {
      deps.logger.warn({ err }, 'web chat token limiter failed; letting the request through');
      return { allowed: true } as const;
    });
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      res.send(429, { error: 'too many chats started from this address; try again shortly', retryAfterSeconds: verdict.retryAfterSeconds });
      return;
    }
    try {
      res.send(200, await deps.tokens.issue());
    } catch (err) {
      deps.logger.warn({ err }, 'web chat token: the Direct Line service did not answer');
      res.send(502, { error: 'the chat service did not answer; try again in a moment' });
    }
  });
}

/** The page's own texts (`locales/<lng>/webchat.json`) for all nine languages at once. */
export function pageTexts(localesDir: string): Record<string, Record<string, any>> {
  const resources = readLocaleResources(localesDir);
  return Object.fromEntries(LANGUAGES.map((l) => [l, resources[l].webchat ?? {}]));
}

/** The client's address as the server sees it. Behind a proxy that is the proxy's; see README. */
function clientAddress(req: Req): string {
  return req.socket?.remoteAddress ?? 'unknown';
}

function sendAsset(res: Res, type: string, body: Buffer, cacheControl: string): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function directLineSources(domain: string): string {
  const url = new URL(domain);
  return `${url.origin} ${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
}

/** The prebuilt bundle in the package's dist/ folder (React, Adaptive Cards and DirectLineJS included). */
function webChatBundlePath(): string {
  const main = require.resolve('botframework-webchat');
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'webchat.js');
}

/** Read and compressed on first use (about 4 MB, 1 MB gzipped), then kept. */
class LazyBundle {
  private loaded?: Promise<{ raw: Buffer; gzipped: Buffer; etag: string }>;

  constructor(private readonly file: string) {}

  get() {
    this.loaded ??= (async () => {
      const raw = await fs.promises.readFile(this.file);
      const gzipped = await gzip(raw, { level: 6 });
      const stat = await fs.promises.stat(this.file);
      return { raw, gzipped, etag: `"${stat.size.toString(36)}-${stat.mtimeMs.toString(36)}"` };
    })();
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }
}
