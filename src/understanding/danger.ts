/**
 * The kinds of danger the bot tells apart, one list for the safety screen, the classifier, the helplines
 * (data/helplines.json `byDangerKind`) and the counsellors' queue. `unknown`: clearly a crisis, but nothing
 * says which; it gets 112 and lines that fit any crisis, never a helpline of a kind the message gives no
 * sign of.
 */
export const DANGER_KINDS = ['self_harm', 'domestic_violence', 'threat', 'honour', 'gang', 'radicalisation', 'child', 'medical', 'unknown'] as const;
export type DangerKind = (typeof DANGER_KINDS)[number];

export function isDangerKind(value: unknown): value is DangerKind {
  return typeof value === 'string' && (DANGER_KINDS as readonly string[]).includes(value);
}

/** How the bot knows: a danger word of the resident's language, or only the classifier's reading of the message. */
export type DangerSource = 'word' | 'model';

export interface DangerSignal {
  kind: DangerKind;
  by: DangerSource;
  /** The list term that fired (a word from our list, never the resident's text). */
  term?: string;
}
