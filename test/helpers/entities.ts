import { loadCatalog } from '../../src/catalog';
import type { Lang } from '../../src/language/languages';
import { normalizeText } from '../../src/language/normalize';
import { DATA_DIR, LOCALES_DIR } from '../../src/paths';
import { EntityReader, type Entities } from '../../src/understanding';
import type { WhoFor } from '../../src/understanding/cues';

let reader: EntityReader | undefined;

/** Thursday 3 December 2026, 15:00 in Copenhagen: the conversation scenarios' default clock. */
export const THURSDAY = new Date('2026-12-03T14:00:00Z');

/** What the bot reads from one message of a resident, with the real word lists and data. */
export function entitiesOf(lang: Lang, text: string, options: { whoFor?: WhoFor; now?: Date } = {}): Entities {
  reader ??= EntityReader.load(LOCALES_DIR, loadCatalog(DATA_DIR));
  const e = reader.read({ text, normalized: normalizeText(text), lang, whoFor: options.whoFor }, options.now ?? THURSDAY);
  // The reading is lazy (getters): a plain copy compares and prints as what was understood.
  return { ...e };
}
