import { z } from 'zod';

/**
 * The least an activity needs for the bot to handle it and answer. Checked before CloudAdapter, which
 * answers 500 to a JSON body that is not an activity.
 */
const account = z.object({ id: z.string().min(1) }).passthrough();

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
