import { z } from 'zod';

/** Conversation, user and bot ids longer than this are refused (Teams' and Direct Line's are far shorter). */
export const MAX_ID_LENGTH = 256;

// CR/LF and other control characters (C0, DEL, C1, the line/paragraph separators) would break the reply's
// URL and header and the log line; a lone surrogate cannot be encoded for the reply at all.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const id = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .refine((v) => !CONTROL.test(v), 'must not contain line breaks or control characters')
  .refine((v) => !LONE_SURROGATE.test(v), 'must not contain unpaired surrogates');

/**
 * The least an activity needs for the bot to handle it and answer. Checked before CloudAdapter, which
 * answers 500 to a JSON body that is not an activity.
 */
const account = z.object({ id }).passthrough();

export const activitySchema = z
  .object({
    type: z.string().min(1),
    channelId: z.string().min(1),
    serviceUrl: z.string().url(),
    conversation: account,
    from: account,
    recipient: account,
    text: z.string().optional(),
    locale: z.string().optional(),
    deliveryMode: z.string().optional(),
  })
  .passthrough();

/** A short reason for a 400, or undefined when the body is acceptable. */
export function whyNotAnActivity(body: unknown): string | undefined {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return 'the body must be a JSON object (a Bot Framework activity)';
  }
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `invalid activity: ${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/**
 * Drops the entities nothing can read: null entries, entries without a string `type`, and mentions without
 * a `mentioned.id`. Teams AI reads every entity's type (and a mention's `mentioned`) while removing the bot's
 * mention, and one such entry would fail the whole turn. Returns how many were dropped.
 */
export function dropMalformedEntities(activity: { entities?: unknown }): number {
  if (activity.entities === undefined) return 0;
  if (!Array.isArray(activity.entities)) {
    delete activity.entities;
    return 1;
  }
  const kept = activity.entities.filter((e): boolean => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
    const type = (e as { type?: unknown }).type;
    if (typeof type !== 'string' || !type) return false;
    if (type.toLowerCase() === 'mention') {
      const mentioned = (e as { mentioned?: { id?: unknown } }).mentioned;
      return !!mentioned && typeof mentioned === 'object' && typeof mentioned.id === 'string';
    }
    return true;
  });
  const dropped = activity.entities.length - kept.length;
  activity.entities = kept;
  return dropped;
}
