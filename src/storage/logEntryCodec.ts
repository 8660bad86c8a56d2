/**
 * How a log entry is written in Redis. Transcript lines ({from, text, timestamp}) are most of what an idle
 * conversation keeps, and as JSON their keys and ISO timestamp cost about 60 bytes a line; written as
 * `<r|b|s><milliseconds in base 36> <text>` they cost ten. Anything else, and lines stored as JSON before
 * this format, are JSON.
 */
const FROM_CODE = { resident: 'r', bot: 'b', staff: 's' } as const;
type From = keyof typeof FROM_CODE;
const CODE_FROM: Record<string, From> = { r: 'resident', b: 'bot', s: 'staff' };

interface LineShape {
  from: From;
  text: string;
  timestamp: string;
}

function isLine(entry: unknown): entry is LineShape {
  if (!entry || typeof entry !== 'object') return false;
  const e = entry as Record<string, unknown>;
  return Object.keys(e).length === 3 && typeof e.text === 'string' && typeof e.from === 'string' && e.from in FROM_CODE && typeof e.timestamp === 'string';
}

export function encodeLogEntry(entry: unknown): string {
  if (isLine(entry)) {
    const ms = Date.parse(entry.timestamp);
    // Only a timestamp that comes back the same is shortened.
    if (Number.isFinite(ms) && ms >= 0 && new Date(ms).toISOString() === entry.timestamp) return `${FROM_CODE[entry.from]}${ms.toString(36)} ${entry.text}`;
  }
  return JSON.stringify(entry);
}

export function decodeLogEntry<T>(stored: string): T {
  const from = CODE_FROM[stored.charAt(0)];
  const space = stored.indexOf(' ');
  if (from && space > 1) {
    const ms = parseInt(stored.slice(1, space), 36);
    if (Number.isFinite(ms)) return { from, text: stored.slice(space + 1), timestamp: new Date(ms).toISOString() } as T;
  }
  return JSON.parse(stored) as T;
}
