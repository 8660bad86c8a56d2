/**
 * The kinds of danger the bot tells apart: one list (src/catalog/types.ts, where data/helplines.json
 * `byDangerKind` is validated against it) for the safety screen, the classifier, the helplines and the
 * counsellors' queue. `unknown`: clearly a crisis, but nothing says which; it gets 112 and lines that fit any
 * crisis, never a helpline of a kind the message gives no sign of.
 */
import { DANGER_KINDS, type DangerKind } from '../catalog/types';

export { DANGER_KINDS, type DangerKind };

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
