import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../language/languages';
import { normalizeText } from '../language/normalize';
import { DANGER_KINDS, type DangerKind } from './danger';
import { compileTerm, isArabicScript, TermList, type CompiledTerm } from './terms';

/**
 * The safety screen: per-language danger words, run on every message before anything else. Read from
 * `locales/<lng>/training/safety.json`:
 *  - `kinds`: words that say someone is in danger ("he hits me", "kill myself"): they always count.
 *  - `eventWords`: words that name a danger in general ("knife", "shooting", "gang"): they count unless the
 *    message asks about an area or a rumour, talks about a film or game, or says the resident is not in danger.
 *  - `fiction`, `notInDanger`, `soft` (fear, police: weak signals, never enough alone).
 *  - `ordinary`: everyday phrases that hold a danger word ("I don't want to live HERE any more" is about the
 *    flat, "kill it at his first fight" about boxing): a danger word inside one is no hit, the rest of the
 *    message is still read.
 *
 * A message is checked against every term of its own language; for ar/fa/ur against all three (one script,
 * residents mix them, also in Latin letters); other languages' terms only when they cannot be an everyday word
 * elsewhere (phrases of two or more words, single words of 7+ letters): Danish "gang" means "time".
 */
export interface DangerWord {
  term: string;
  lang: Lang;
  kind: DangerKind;
  /** An event word: names a danger in general, not that someone is in it. */
  event: boolean;
}

export interface SafetyReading {
  word?: DangerWord;
  /** Fear, danger, police: alone not a crisis. */
  soft: boolean;
  /** Film, game, series, news, history class. */
  fiction: boolean;
  /** "I'm not in danger", "I'm safe", "just asking". */
  notInDanger: boolean;
  /** The message names a helpline ("is the violence hotline open at night?"): the kind it is for. */
  helpline?: DangerKind;
}

const termList = z.array(z.string().min(1));
export const safetyFileSchema = z
  .object({
    kinds: z.object(Object.fromEntries(DANGER_KINDS.map((k) => [k, termList.default([])])) as Record<DangerKind, z.ZodDefault<typeof termList>>).strict(),
    eventWords: z.object(Object.fromEntries(DANGER_KINDS.map((k) => [k, termList.optional()])) as Record<DangerKind, z.ZodOptional<typeof termList>>).strict().default({}),
    fiction: termList.default([]),
    notInDanger: termList.default([]),
    soft: termList.default([]),
    ordinary: termList.default([]),
    /** Words that name a helpline, by the kind of danger it is for ("violence hotline", "Livslinien"). */
    helplines: z.object(Object.fromEntries(DANGER_KINDS.map((k) => [k, termList.optional()])) as Record<DangerKind, z.ZodOptional<typeof termList>>).strict().default({}),
  })
  .strict();
export type SafetyFile = z.input<typeof safetyFileSchema>;

interface Danger {
  kind: DangerKind;
  event: boolean;
  lang: Lang;
}

interface LanguageLists {
  danger: TermList<Danger>;
  fiction: TermList<true>;
  notInDanger: TermList<true>;
  soft: TermList<true>;
  ordinary: TermList<true>;
  helplines: TermList<DangerKind>;
}

const SIBLINGS: Partial<Record<Lang, Lang[]>> = { ar: ['ar', 'fa', 'ur'], fa: ['ar', 'fa', 'ur'], ur: ['ar', 'fa', 'ur'] };

export class SafetyScreen {
  private readonly byLang = new Map<Lang, LanguageLists>();
  private readonly crossLanguage: TermList<Danger>;

  private constructor(files: Partial<Record<Lang, z.output<typeof safetyFileSchema>>>) {
    const cross: CompiledTerm<Danger>[] = [];
    for (const lang of LANGUAGES) {
      const file = files[lang] ?? safetyFileSchema.parse({ kinds: {} });
      const compiled: CompiledTerm<Danger>[] = [];
      // Words of being in danger before event words: the first hit names the kind.
      for (const kind of DANGER_KINDS) for (const t of file.kinds[kind]) push(compiled, t, { kind, event: false, lang });
      for (const kind of DANGER_KINDS) for (const t of file.eventWords[kind] ?? []) push(compiled, t, { kind, event: true, lang });
      cross.push(...compiled.filter((c) => c.distinctive));
      this.byLang.set(lang, {
        danger: new TermList(compiled),
        fiction: TermList.plain(file.fiction),
        notInDanger: TermList.plain(file.notInDanger),
        soft: TermList.plain(file.soft),
        ordinary: TermList.plain(file.ordinary),
        helplines: new TermList(DANGER_KINDS.flatMap((kind) => (file.helplines[kind] ?? []).map((t) => compileTerm(t, kind)).filter((c): c is CompiledTerm<DangerKind> => !!c))),
      });
    }
    this.crossLanguage = new TermList(cross);
  }

  /** Reads `locales/<lng>/training/safety.json`; a broken file stops start-up naming the file and field. */
  static load(localesDir: string): SafetyScreen {
    const files: Partial<Record<Lang, z.output<typeof safetyFileSchema>>> = {};
    for (const lang of LANGUAGES) {
      const file = path.join(localesDir, lang, 'training', 'safety.json');
      if (!fs.existsSync(file)) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new Error(`locales/${lang}/training/safety.json: not valid JSON (${(err as Error).message})`);
      }
      const parsed = safetyFileSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`locales/${lang}/training/safety.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      files[lang] = parsed.data;
    }
    return new SafetyScreen(files);
  }

  /** Lists given directly (tests). */
  static fromFiles(files: Partial<Record<Lang, SafetyFile>>): SafetyScreen {
    return new SafetyScreen(Object.fromEntries(Object.entries(files).map(([l, f]) => [l, safetyFileSchema.parse(f)])));
  }

  read(text: string, lang: Lang): SafetyReading {
    return this.readNormalized(normalizeText(text), lang);
  }

  /** `lang` is the message's (detected or conversation) language. */
  readNormalized(normalized: string, lang: Lang): SafetyReading {
    if (!normalized) return { soft: false, fiction: false, notInDanger: false };
    const langs = new Set<Lang>(SIBLINGS[lang] ?? [lang]);
    // Whatever the conversation's language, Arabic letters are Arabic/Farsi/Urdu and Cyrillic is Ukrainian.
    if (isArabicScript(normalized)) for (const l of ['ar', 'fa', 'ur'] as const) langs.add(l);
    if (/\p{Script=Cyrillic}/u.test(normalized)) langs.add('uk');
    const own = [...langs].map((l) => this.byLang.get(l)!);
    // Cues are read in the message's language and English/Danish, which residents mix in.
    const cueLists = [...new Set<Lang>([...langs, 'en', 'da'])].map((l) => this.byLang.get(l)!);
    // "I'm not in danger" holds the words of "I'm in danger": a danger term inside a negation is no hit.
    const negations = cueLists.flatMap((l) => l.notInDanger.all(normalized).map(({ term, index }) => ({ from: index, to: index + term.core.length + 1 })));
    // The message's own languages only: "bo her" is Danish housing talk, not a phrase to look for in Polish.
    const everyday = own.flatMap((l) => l.ordinary.all(normalized).map(({ term, index }) => ({ from: index, to: index + term.core.length + 1 })));
    // A line's name is the same in every language ("Livslinien"): English and Danish lists are read for all.
    const lines = cueLists.flatMap((l) => l.helplines.all(normalized));
    const line = [...lines].sort((a, b) => b.term.core.length - a.term.core.length)[0];
    // "Vold" in "Lev Uden Vold" and "violence" in "violence hotline" name a line, not a danger.
    const named = lines.map(({ term, index }) => ({ from: index, to: index + term.core.length + 1 }));
    const spans = [...negations, ...everyday, ...named];
    const negated = (index: number, term: CompiledTerm<Danger>) => spans.some((n) => index >= n.from && index + term.core.length <= n.to + 1);
    const hit = bestDanger(normalized, own.map((l) => l.danger), negated) ?? bestDanger(normalized, [this.crossLanguage], negated);
    return {
      word: hit && { term: hit.term, lang: hit.value.lang, kind: hit.value.kind, event: hit.value.event },
      soft: cueLists.some((l) => l.soft.has(normalized)),
      fiction: cueLists.some((l) => l.fiction.has(normalized)),
      notInDanger: negations.length > 0,
      ...(line ? { helpline: line.term.value } : {}),
    };
  }
}

function push(out: CompiledTerm<Danger>[], raw: string, value: Danger): void {
  const c = compileTerm(raw, value);
  if (c) out.push(c);
}

/**
 * When several kinds' words are in a message, the one that says most: a kind over "unknown", then the longest
 * term ("kill me if I don't marry him" over "kill me"), then the kind with the more particular helpline (a child, honour, a gang before
 * violence at home or a threat in general). A word of being in danger beats an event word.
 */
const KIND_ORDER: readonly DangerKind[] = ['child', 'honour', 'gang', 'radicalisation', 'self_harm', 'medical', 'domestic_violence', 'threat', 'unknown'];

function bestDanger(normalized: string, lists: readonly TermList<Danger>[], negated: (index: number, term: CompiledTerm<Danger>) => boolean): CompiledTerm<Danger> | undefined {
  let best: CompiledTerm<Danger> | undefined;
  const unknown = (t: CompiledTerm<Danger>) => t.value.kind === 'unknown';
  const better = (a: CompiledTerm<Danger>, b: CompiledTerm<Danger>) =>
    a.value.event !== b.value.event
      ? !a.value.event
      : unknown(a) !== unknown(b)
        ? !unknown(a)
        : a.core.length !== b.core.length
          ? a.core.length > b.core.length
          : KIND_ORDER.indexOf(a.value.kind) < KIND_ORDER.indexOf(b.value.kind);
  for (const list of lists) {
    for (const { term, index } of list.all(normalized)) {
      if (negated(index, term)) continue;
      if (!best || better(term, best)) best = term;
    }
  }
  return best;
}
