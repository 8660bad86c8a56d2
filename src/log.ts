import pino from 'pino';

/**
 * Residents may be vulnerable: personal data never reaches a log line. Every string logged goes through
 * `redact`, which masks Danish CPR numbers, e-mail addresses and phone numbers.
 */
const CPR = /\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[- ]?\d{4}\b/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 8+ digits with optional +country code and separators: Danish numbers (12 34 56 78) and foreign ones.
// Dates are not phone numbers: 2026-11-26 and 15.12.2026 stay readable.
const PHONE = /(?<![\d-])(?!\d{4}-\d{2}-\d{2}(?!\d))(?!\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d))(?:\+|00)?\d(?:[\s.-]?\d){7,14}/g;

export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(CPR, '[cpr]').replace(PHONE, '[phone]');
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'brobygger' },
      formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // The message string itself (and printf-style args) are redacted too.
          method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    // Written at once, in order: the few lines a turn logs are worth more than buffering, and none is lost
    // when the process exits.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
