import type * as restify from 'restify';

/**
 * The only body reader of the server, in place of restify's bodyParser (which writes multipart uploads to the
 * temp folder and keeps form fields in memory before any route or token check runs). A body that is not JSON
 * is refused with 415 from its headers alone; a JSON body is read up to `maxBytes` (413 beyond), on every route.
 */
export function jsonBodyReader(options: { maxBytes: number }): restify.RequestHandler {
  const { maxBytes } = options;
  return (req, res, next) => {
    if (!hasBody(req)) return next();
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!isJsonType(type)) {
      refuse(req, res, 415, 'only application/json bodies are accepted');
      return next(false);
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      refuse(req, res, 413, `the body is larger than ${maxBytes} bytes`);
      return next(false);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(() => {
          chunks.length = 0;
          refuse(req, res, 413, `the body is larger than ${maxBytes} bytes`);
          next(false);
        });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', () => finish(() => next(false)));
    req.once('end', () =>
      finish(() => {
        const text = Buffer.concat(chunks).toString('utf8').trim();
        if (!text) {
          (req as { body?: unknown }).body = undefined;
          return next();
        }
        try {
          (req as { body?: unknown }).body = JSON.parse(text);
        } catch {
          res.send(400, { error: 'the body is not valid JSON' });
          return next(false);
        }
        next();
      }),
    );
  };
}

function hasBody(req: restify.Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}

/** application/json, and the JSON-based types such as application/vnd.x+json. */
function isJsonType(type: string): boolean {
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** Up to this much of a refused body is read and thrown away (never kept) so the client sees our answer. */
const DISCARD_BYTES = 1024 * 1024;

/**
 * The answer goes out at once; the connection closes after it. The rest of the body is discarded as it
 * arrives (nothing kept, nothing on disk) until DISCARD_BYTES, then the socket is closed: a client still
 * sending a large upload has the answer by then.
 */
function refuse(req: restify.Request, res: restify.Response, status: number, error: string): void {
  res.setHeader('Connection', 'close');
  res.send(status, { error });
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) req.socket.destroy();
  });
  req.resume();
}
