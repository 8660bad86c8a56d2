import { loadCatalog } from '../../src/catalog';
import { CommandMatcher, type Command } from '../../src/language/commands';
import type { Lang } from '../../src/language/languages';
import { normalizeText } from '../../src/language/normalize';
import { DATA_DIR, LOCALES_DIR } from '../../src/paths';
import { EntityReader, type Entities } from '../../src/understanding';
import { Cues, type CueReading } from '../../src/understanding/cues';

let reader: EntityReader | undefined;
let cues: Cues | undefined;
let commands: CommandMatcher | undefined;

/** Thursday 3 December 2026, 15:00 in Copenhagen: the conversation scenarios' default clock. */
export const THURSDAY = new Date('2026-12-03T14:00:00Z');

/** The cues of a message (who it is for, a follow-up question, "the second one"), with the real word lists. */
export function cuesOf(lang: Lang, text: string): CueReading {
  cues ??= Cues.load(LOCALES_DIR);
  return cues.readNormalized(normalizeText(text), lang);
}

/** The command a message is (yes, no, "that's not what I mean"...), with the real word lists. */
export function commandOf(lang: Lang, text: string): Command | undefined {
  commands ??= CommandMatcher.load(LOCALES_DIR);
  return commands.match(text, lang);
}

/** What the bot reads from one message of a resident, as the pipeline reads it: real word lists and data. */
export function entitiesOf(lang: Lang, text: string, options: { now?: Date } = {}): Entities {
  reader ??= EntityReader.load(LOCALES_DIR, loadCatalog(DATA_DIR));
  const normalized = normalizeText(text);
  const e = reader.read({ text, normalized, lang, command: commandOf(lang, text), whoFor: cuesOf(lang, text).whoFor }, options.now ?? THURSDAY);
  // The reading is lazy (getters): a plain copy compares and prints as what was understood.
  return { ...e };
}
