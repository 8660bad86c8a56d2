import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';

/** A logger whose JSON lines a test can read back. */
export function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger('info', sink), lines };
}
