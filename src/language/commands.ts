import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from './languages';
import { normalizeText } from './normalize';

/**
 * Words that interrupt any dialog (help, cancel, talk to a person, delete my data, menu, language),
 * kept per language in `locales/<lng>/training/commands.json`.
 *
 * A one-word command only counts when it is the whole message; a phrase of several words also counts inside
 * a short message ("please, talk to a person now"), so an answer that merely mentions a word is not taken
 * for a command.
 */
export const COMMANDS = ['help', 'cancel', 'human', 'deleteData', 'menu', 'language', 'greeting', 'thanks', 'yes', 'no', 'notThis'] as const;
export type Command = (typeof COMMANDS)[number];
/** `notThis` ("that's not what I mean") came later: a city's older files may lack it. */
const OPTIONAL_COMMANDS: readonly Command[] = ['notThis'];

const frameSchema = z.object({
  command: z.enum(COMMANDS),
  verbs: z.array(z.string().min(1)).min(1),
  objects: z.array(z.string().min(1)).min(1),
});

const fileSchema = z
  .object(
    Object.fromEntries(COMMANDS.map((c) => [c, OPTIONAL_COMMANDS.includes(c) ? z.array(z.string().min(1)).default([]) : z.array(z.string().min(1)).min(1)])) as Record<
      Command,
      z.ZodArray<z.ZodString>
    >,
  )
  .extend({
    /**
     * A command as a verb and what it is done to, in either order with other words around ("actually I don't
     * want this saved, please delete my data", "اطلاعات من را پاک کن", "usuń proszę wszystkie moje dane"):
     * residents wrap a command in their own words, and no list of whole phrases can hold them all. The verbs
     * are the forms that ask (imperative, "I want … deleted"), never the past ("the landlord deleted my
     * message"); the objects are the resident's own data, never a club on a list. A term ending in `*` is a
     * word's beginning ("اطلاعاتمو", "xogtayda").
     */
    frames: z.array(frameSchema).default([]),
    /** Words that, just before a frame's verb (or just after it), turn the request round: "don't delete". */
    negations: z.array(z.string().min(1)).default([]),
  });

/** A term of a frame, as words of the normal form; the last word may be a beginning only. */
interface Term {
  words: string[];
  prefix: boolean;
}
interface Frame {
  command: Command;
  verbs: Term[];
  objects: Term[];
}
interface Frames {
  frames: Frame[];
  negations: Term[];
  /** The same negations in the form whole phrases are compared in. */
  phraseNegations: string[];
}

/** Commands that are manners: they count only when (nearly) the whole message is them. */
const SMALL_TALK: readonly Command[] = ['greeting', 'thanks'];
/** A longer message is about something else, even when a command's words are in it. */
const MAX_COMMAND_WORDS = 10;
/** Phrases that a frame in the same message outweighs: "never mind" and "menu" say less than "delete my data". */
const GIVE_WAY_TO_FRAMES: readonly Command[] = ['cancel', 'menu', 'notThis'];
/** Commands whose longer phrases are heard in a longer message too (up to MAX_FRAME_WORDS words). */
const LONG_MESSAGE_COMMANDS: readonly Command[] = ['human', 'cancel', 'deleteData'];
const LONG_MESSAGE_PHRASE_WORDS = 3;
/** A verb with its object is clear enough to be heard in a longer message, though not in a whole story. */
const MAX_FRAME_WORDS = 16;
/** How many words may stand between a negation and the verb it turns round ("don't ever delete"). */
const NEGATION_REACH = 1;

/** The message in clauses: a negation never reaches over a comma or a full stop. */
function clausesOf(text: string): string[] {
  return text.split(/[,.;:!?،؛؟\n]+/u);
}

function termOf(text: string): Term | undefined {
  const prefix = text.trim().endsWith('*');
  const words = normalizeText(text.replace(/\*\s*$/, '')).split(' ').filter(Boolean);
  return words.length ? { words, prefix } : undefined;
}

/** Where a term stands in the message's words: the start and (exclusive) end of every occurrence. */
function occurrences(words: string[], term: Term): [number, number][] {
  const found: [number, number][] = [];
  const n = term.words.length;
  for (let i = 0; i + n <= words.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const w = words[i + k];
      const t = term.words[k];
      ok = k === n - 1 && term.prefix ? w.startsWith(t) : w === t;
    }
    if (ok) found.push([i, i + n]);
  }
  return found;
}

export function normalizeCommandText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class CommandMatcher {
  private constructor(
    private readonly phrases: Map<Lang, { command: Command; phrase: string; words: number }[]>,
    private readonly frames: Map<Lang, Frames> = new Map(),
  ) {}

  static load(localesDir: string): CommandMatcher {
    const phrases = new Map<Lang, { command: Command; phrase: string; words: number }[]>();
    const frames = new Map<Lang, Frames>();
    for (const lang of LANGUAGES) {
      const file = path.join(localesDir, lang, 'training', 'commands.json');
      const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`locales/${lang}/training/commands.json: ${issue.path.join('.')}: ${issue.message}`);
      }
      const list = COMMANDS.flatMap((command) =>
        parsed.data[command].map((p) => {
          const phrase = normalizeCommandText(p);
          return { command, phrase, words: phrase.split(' ').length };
        }),
      );
      // Longest phrases first, so "talk to a person" wins over a shorter overlapping phrase.
      phrases.set(lang, list.sort((a, b) => b.phrase.length - a.phrase.length));
      const terms = (list: string[]) => list.map(termOf).filter((t): t is Term => !!t);
      frames.set(lang, {
        frames: parsed.data.frames.map((f) => ({ command: f.command, verbs: terms(f.verbs), objects: terms(f.objects) })),
        negations: terms(parsed.data.negations),
        phraseNegations: parsed.data.negations.map(normalizeCommandText).filter(Boolean),
      });
    }
    return new CommandMatcher(phrases, frames);
  }

  /** Looks in the resident's language first, then in English and Danish (widely typed by everyone). */
  match(text: string, lang: Lang): Command | undefined {
    const langs = [...new Set<Lang>([lang, 'en', 'da'])];
    const phrase = langs.map((l) => this.matchIn(text, l)).find((c) => c !== undefined);
    // "Forget it, just delete my data": giving up on the question is said on the way to the wish that matters.
    if (phrase && !GIVE_WAY_TO_FRAMES.includes(phrase)) return phrase;
    return langs.map((l) => this.matchFrameIn(text, l)).find((c) => c !== undefined) ?? phrase;
  }

  /** The languages in whose word lists this exact message stands ("tak": Danish thanks, Polish yes). */
  languagesWith(text: string): Lang[] {
    const norm = normalizeCommandText(text);
    if (!norm) return [];
    return LANGUAGES.filter((lang) => (this.phrases.get(lang) ?? []).some((p) => p.phrase === norm));
  }

  /** A command in this language only ("start over" is a command in English, whatever a detector thinks). */
  matchIn(text: string, lang: Lang): Command | undefined {
    const norm = normalizeCommandText(text);
    const words = norm ? norm.split(' ').length : 0;
    if (!norm || words > MAX_FRAME_WORDS) return undefined;
    const padded = ` ${norm} `;
    for (const p of this.phrases.get(lang) ?? []) {
      if (norm === p.phrase) return p.command;
      // In a longer message only a phrase of a few words that cannot be anything else counts: "sorry, but I'd
      // rather talk to a real person about this", not "start over" in "my son wants to start over at a new school".
      if (words > MAX_COMMAND_WORDS && !(LONG_MESSAGE_COMMANDS.includes(p.command) && p.words >= LONG_MESSAGE_PHRASE_WORDS)) continue;
      // A greeting or thanks inside a request ("добрий день, I need an interpreter") is manners, not the message.
      if (p.words >= 2 && padded.includes(` ${p.phrase} `) && !(SMALL_TALK.includes(p.command) && words > p.words + 1) && !(p.command === 'deleteData' && this.negatedPhrase(text, p.phrase, lang))) return p.command;
    }
    return undefined;
  }

  /** "Please don't delete my data" holds "delete my data", turned round (in its own clause: "it's not working, delete my data" is not). */
  private negatedPhrase(text: string, phrase: string, lang: Lang): boolean {
    const clause = clausesOf(text)
      .map((c) => ` ${normalizeCommandText(c)} `)
      .find((c) => c.includes(` ${phrase} `));
    if (!clause) return false;
    const before = clause.slice(0, clause.indexOf(` ${phrase} `)).trim().split(' ').filter(Boolean);
    return (this.frames.get(lang)?.phraseNegations ?? []).some((n) => {
      const nw = n.split(' ');
      for (let gap = 0; gap <= NEGATION_REACH; gap++) {
        const end = before.length - gap;
        if (end - nw.length >= 0 && nw.every((w, i) => before[end - nw.length + i] === w)) return true;
      }
      return false;
    });
  }

  /** A command said as a verb and its object with other words around ("please delete all my data"), in this language. */
  matchFrameIn(text: string, lang: Lang): Command | undefined {
    const table = this.frames.get(lang);
    if (!table?.frames.length) return undefined;
    const words: string[] = [];
    const clause: number[] = [];
    clausesOf(text).forEach((c, i) => {
      for (const w of normalizeText(c).split(' ').filter(Boolean)) {
        words.push(w);
        clause.push(i);
      }
    });
    if (words.length === 0 || words.length > MAX_FRAME_WORDS) return undefined;
    // "It's not working, delete my data": a negation of another clause turns nothing round.
    const negated = (start: number, end: number) =>
      table.negations.some((n) =>
        occurrences(words, n).some(([s, e]) => (e <= start && e >= start - NEGATION_REACH && clause[e - 1] === clause[start]) || (s === end && clause[s] === clause[end - 1])),
      );
    for (const frame of table.frames) {
      const verbs = frame.verbs.flatMap((v) => occurrences(words, v)).filter(([s, e]) => !negated(s, e));
      if (verbs.length === 0) continue;
      const objects = frame.objects.flatMap((o) => occurrences(words, o));
      // The object is another part of the message than the verb ("delete" is no object of itself).
      if (verbs.some(([vs, ve]) => objects.some(([os, oe]) => oe <= vs || os >= ve))) return frame.command;
    }
    return undefined;
  }
}
