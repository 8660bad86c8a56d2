import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from './languages';

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

const fileSchema = z.object(
  Object.fromEntries(COMMANDS.map((c) => [c, OPTIONAL_COMMANDS.includes(c) ? z.array(z.string().min(1)).default([]) : z.array(z.string().min(1)).min(1)])) as Record<
    Command,
    z.ZodArray<z.ZodString>
  >,
);

/** Commands that are manners: they count only when (nearly) the whole message is them. */
const SMALL_TALK: readonly Command[] = ['greeting', 'thanks'];
/** A longer message is about something else, even when a command's words are in it. */
const MAX_COMMAND_WORDS = 10;

export function normalizeCommandText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class CommandMatcher {
  private constructor(private readonly phrases: Map<Lang, { command: Command; phrase: string; words: number }[]>) {}

  static load(localesDir: string): CommandMatcher {
    const phrases = new Map<Lang, { command: Command; phrase: string; words: number }[]>();
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
    }
    return new CommandMatcher(phrases);
  }

  /** Looks in the resident's language first, then in English and Danish (widely typed by everyone). */
  match(text: string, lang: Lang): Command | undefined {
    for (const l of new Set<Lang>([lang, 'en', 'da'])) {
      const command = this.matchIn(text, l);
      if (command) return command;
    }
    return undefined;
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
    if (!norm || words > MAX_COMMAND_WORDS) return undefined;
    const padded = ` ${norm} `;
    for (const p of this.phrases.get(lang) ?? []) {
      if (norm === p.phrase) return p.command;
      // A greeting or thanks inside a request ("добрий день, I need an interpreter") is manners, not the message.
      if (p.words >= 2 && padded.includes(` ${p.phrase} `) && !(SMALL_TALK.includes(p.command) && words > p.words + 1)) return p.command;
    }
    return undefined;
  }
}
