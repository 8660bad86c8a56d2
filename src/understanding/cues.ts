import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../language/languages';
import { TermList } from './terms';

/**
 * Small words that change how a message is read, per language in `locales/<lng>/training/cues.json`:
 * a change of mind ("sorry, actually…"), a rumour ("I heard…"), danger happening now ("right now", "he is
 * outside"), a question about an answer just given ("when is it open?", "the second one"), and who the help
 * is for ("my daughter", "me"), and a request turned down ("I'm not looking for a club", "nie szukam klubu").
 * Same term syntax as the safety lists; a decline may be two parts in order, "A … B" ("دنبال … نیستم"),
 * for languages that put the thing declined between them.
 */
export const FOLLOW_UPS = ['hours', 'where', 'price', 'contact', 'more'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
export const WHO_FOR = ['self', 'son', 'daughter', 'child', 'sibling', 'grandchild', 'other'] as const;
export type WhoFor = (typeof WHO_FOR)[number];

const terms = z.array(z.string().min(1)).default([]);
const cuesFileSchema = z
  .object({
    correction: terms,
    rumour: terms,
    dangerNow: terms,
    declines: terms,
    followUp: z.object(Object.fromEntries(FOLLOW_UPS.map((f) => [f, terms])) as Record<FollowUp, typeof terms>).strict().default({} as never),
    ordinals: z.record(z.string().regex(/^[1-9]$/, 'ordinal keys are 1-9'), z.array(z.string().min(1))).default({}),
    whoFor: z.object(Object.fromEntries(WHO_FOR.map((w) => [w, terms])) as Record<WhoFor, typeof terms>).strict().default({} as never),
    /**
     * "I" as the one speaking ("I'm", "jeg er", "ana", "من"): the help is for them only when nobody else is
     * named — "I'm looking for a club for my son" is for the son; "I'm 16" and "for me" are for the resident.
     */
    selfSubject: terms,
    /**
     * The danger is someone else's: "yes I'm safe, it's her I'm worried about". Read only in answer to "are
     * you safe right now?", where a "yes" of the resident must not close the question for the other person.
     */
    someoneElse: terms,
  })
  .strict();

interface CompiledCues {
  correction: TermList<true>;
  rumour: TermList<true>;
  dangerNow: TermList<true>;
  declines: DeclineList;
  followUp: TermList<FollowUp>;
  ordinal: TermList<number>;
  whoFor: TermList<WhoFor>;
  selfSubject: TermList<true>;
  someoneElse: TermList<true>;
}

export interface CueReading {
  correction: boolean;
  rumour: boolean;
  dangerNow: boolean;
  /** The resident says what they are NOT looking for ("I don't need an interpreter"). */
  declines: boolean;
  /** What the resident asks about an answer just given. */
  followUp?: FollowUp;
  /** "the second one": 2. */
  ordinal?: number;
  whoFor?: WhoFor;
  /** The resident speaks of someone else at risk ("it's her I'm worried about"). */
  someoneElse?: true;
}

export class Cues {
  private constructor(private readonly byLang: Map<Lang, CompiledCues>) {}

  static load(localesDir: string): Cues {
    const byLang = new Map<Lang, CompiledCues>();
    for (const lang of LANGUAGES) {
      const file = path.join(localesDir, lang, 'training', 'cues.json');
      let raw: unknown = {};
      if (fs.existsSync(file)) {
        try {
          raw = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (err) {
          throw new Error(`locales/${lang}/training/cues.json: not valid JSON (${(err as Error).message})`);
        }
      }
      const parsed = cuesFileSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`locales/${lang}/training/cues.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      const c = parsed.data;
      byLang.set(lang, {
        correction: TermList.plain(c.correction),
        rumour: TermList.plain(c.rumour),
        dangerNow: TermList.plain(c.dangerNow),
        declines: DeclineList.of(c.declines),
        followUp: TermList.of(FOLLOW_UPS.flatMap((f) => (c.followUp[f] ?? []).map((t) => [t, f] as [string, FollowUp]))),
        ordinal: TermList.of(Object.entries(c.ordinals).flatMap(([n, list]) => list.map((t) => [t, Number(n)] as [string, number]))),
        // Who it is for matches as words: "امی" (mum) is not "امیر", "انا" (I) not "انام".
        whoFor: TermList.of(WHO_FOR.flatMap((w) => (c.whoFor[w] ?? []).map((t) => [t, w] as [string, WhoFor])), 'words'),
        selfSubject: TermList.plain(c.selfSubject, 'words'),
        someoneElse: TermList.plain(c.someoneElse, 'words'),
      });
    }
    return new Cues(byLang);
  }

  /** Read in the message's language, then Danish and English, which residents mix in. */
  readNormalized(normalized: string, lang: Lang): CueReading {
    const lists = [...new Set<Lang>([lang, 'da', 'en'])].map((l) => this.byLang.get(l)!);
    const firstOf = <T>(pick: (c: CompiledCues) => TermList<T>): T | undefined => {
      for (const l of lists) {
        const hit = pick(l).first(normalized);
        if (hit) return hit.value;
      }
      return undefined;
    };
    return {
      correction: lists.some((l) => l.correction.has(normalized)),
      rumour: lists.some((l) => l.rumour.has(normalized)),
      dangerNow: lists.some((l) => l.dangerNow.has(normalized)),
      declines: lists.some((l) => l.declines.has(normalized)),
      ...(lists.some((l) => l.someoneElse.has(normalized)) ? { someoneElse: true as const } : {}),
      followUp: firstOf((c) => c.followUp),
      ordinal: firstOf((c) => c.ordinal),
      whoFor: earliest(normalized, lists.map((l) => l.whoFor)) ?? (lists.some((l) => l.selfSubject.has(normalized)) ? 'self' : undefined),
    };
  }
}

/**
 * The value named first in the text: "for me and my son" is for me. A son or daughter named anywhere wins
 * over children in general: "something for the kids? my son is 10" is for the son.
 */
function earliest(normalized: string, lists: TermList<WhoFor>[]): WhoFor | undefined {
  let best: { value: WhoFor; index: number } | undefined;
  const values = new Set<WhoFor>();
  for (const list of lists) {
    for (const { term, index } of list.all(normalized)) {
      values.add(term.value);
      if (!best || index < best.index) best = { value: term.value, index };
    }
  }
  if (best?.value === 'child') {
    const specific = (['son', 'daughter'] as const).filter((v) => values.has(v));
    if (specific.length === 1) return specific[0];
  }
  return best?.value;
}

/** Declining phrases: one part ("not looking for"), or two in order ("دنبال … نیستم"). */
class DeclineList {
  private constructor(
    private readonly single: TermList<true>,
    private readonly pairs: [TermList<true>, TermList<true>][],
  ) {}

  static of(entries: readonly string[]): DeclineList {
    const single: string[] = [];
    const pairs: [TermList<true>, TermList<true>][] = [];
    for (const entry of entries) {
      const parts = entry.split(/\s*(?:…|\.\.\.)\s*/).filter(Boolean);
      if (parts.length === 2) pairs.push([TermList.plain([parts[0]]), TermList.plain([parts[1]])]);
      else single.push(entry);
    }
    return new DeclineList(TermList.plain(single), pairs);
  }

  has(normalized: string): boolean {
    if (this.single.has(normalized)) return true;
    return this.pairs.some(([a, b]) => {
      const first = a.all(normalized)[0];
      return !!first && b.all(normalized).some((hit) => hit.index > first.index);
    });
  }
}
