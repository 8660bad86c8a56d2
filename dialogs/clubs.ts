import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptOptions,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { INTERESTS, searchClubs, type Club, type ClubResult, type ClubWhen, type DistrictId, type Interest } from '../src/catalog';
import { EVENING } from '../src/catalog/clubSearch';
import { LANGUAGES, RTL_LANGUAGES, type Lang } from '../src/language/languages';
import { normalizeText } from '../src/language/normalize';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { addDays, closesAt, copenhagenParts, fromCopenhagen, isOpenAt, isOpenDuring, nextOpening, weekdayOfDate, type TimeRange } from '../src/time/copenhagen';
import { dateUnderstanding, type DateUnderstanding } from '../src/time/dates';
import { buttons } from './menu';
import { localized, LocalizedTextPrompt } from './prompts';
import { clubsCard, clubsText, supportsCards, type ClubListView } from './cards/clubsCard';
import type { DialogServices } from './services';

export const CLUBS_DIALOG = 'clubs';

// ---------------------------------------------------------------------------------------------------
// Word lists residents type (locales/<lng>/training/*.json), matched on normalised text.

/**
 * A list entry matches at the start of a word; `fodbold*` also matches inside compounds after the start
 * ("fodboldklub"). Arabic-script entries also match after the attached particles (و ب ل ال...) and with
 * endings, because Arabic glues them onto the word ("بالرياضة", "الموسيقى").
 */
export function compileTerms(list: readonly string[]): RegExp[] {
  return list
    .map((entry) => {
      const prefix = entry.endsWith('*');
      const body = normalizeText(prefix ? entry.slice(0, -1) : entry);
      if (!body) return undefined;
      const escaped = body.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (/\p{Script=Arabic}/u.test(body)) return new RegExp(`(?:^| )(?:[وفبلک]?(?:ال|لل)?)${escaped}`, 'u');
      return new RegExp(`(?:^| )${escaped}${prefix ? '' : '(?= |$)'}`, 'u');
    })
    .filter((r): r is RegExp => r !== undefined);
}

/** Position of the first entry found in already-normalised text, or -1. */
export function firstTermAt(normalized: string, terms: readonly RegExp[]): number {
  let best = -1;
  for (const term of terms) {
    const hit = term.exec(normalized);
    if (hit && (best < 0 || hit.index < best)) best = hit.index;
  }
  return best;
}

/** The resident's language first, then Danish and English, which residents mix in. */
export function readingLanguages(lang: Lang): Lang[] {
  return [...new Set<Lang>([lang, 'da', 'en'])];
}

/** Reads `locales/<lng>/training/<file>` for every language, naming the file and field when it is wrong. */
export function loadTrainingFile<T>(localesDir: string, file: string, schema: z.ZodType<T>): Map<Lang, T> {
  const out = new Map<Lang, T>();
  for (const lang of LANGUAGES) {
    const full = path.join(localesDir, lang, 'training', file);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch (err) {
      throw new Error(`locales/${lang}/training/${file}: ${(err as Error).message}`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`locales/${lang}/training/${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    out.set(lang, parsed.data);
  }
  return out;
}

const phrases = z.array(z.string().min(1));
const clubWordsSchema = z
  .object({
    interests: z.object(Object.fromEntries(INTERESTS.map((i) => [i, phrases])) as Record<Interest, typeof phrases>).strict(),
    /** "doesn't matter", "anything": the answer to whichever question was asked. */
    noPreference: phrases,
    /** Words saying the club is for a girl ("my daughter", "she"): girls-only clubs are shown only then. */
    girl: phrases,
    /** "anywhere", "all of Copenhagen": no district wanted, understood in any message. */
    anywhere: phrases,
    when: z
      .object({
        /** "any time": no time wanted, understood in any message. */
        anytime: phrases,
        now: phrases,
        /** This evening (today). */
        tonight: phrases,
        /** "evening" next to a day: "saturday evening" means that evening. */
        evening: phrases,
        /** "this weekend": the coming Saturday. */
        weekend: phrases,
      })
      .strict(),
    /** Regular expressions on normalised text with one group capturing the age: "(\\d{1,2}) year". */
    agePatterns: z.array(z.string().refine((p) => { try { new RegExp(p, 'u'); return true; } catch { return false; } }, 'not a valid regular expression')),
  })
  .strict();
type ClubWords = z.infer<typeof clubWordsSchema>;

interface CompiledClubWords {
  interests: [Interest, RegExp[]][];
  noPreference: RegExp[];
  girl: RegExp[];
  anywhere: RegExp[];
  anytime: RegExp[];
  now: RegExp[];
  tonight: RegExp[];
  evening: RegExp[];
  weekend: RegExp[];
  agePatterns: RegExp[];
}

/**
 * Patterns run on normalised text, but are written as people type ("15 år", "yaşında", "عمرها"): fold
 * their letters the way `normalizeText` folds the text (marks stripped, ø→o, ي→ی...), leaving regex
 * syntax alone (no lower-casing, which would turn \\S into \\s).
 */
const PATTERN_FOLD: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ł: 'l', ı: 'i', ي: 'ی', ى: 'ی', ئ: 'ی', ك: 'ک', ة: 'ه', ۀ: 'ه', ہ: 'ه', ە: 'ه', ؤ: 'و', ٱ: 'ا' };
function foldPattern(pattern: string): string {
  const stripped = pattern.normalize('NFD').replace(/\p{M}+/gu, '');
  return [...stripped].map((ch) => PATTERN_FOLD[ch] ?? ch).join('');
}

function compileClubWords(words: ClubWords): CompiledClubWords {
  return {
    interests: INTERESTS.map((i) => [i, compileTerms(words.interests[i])]),
    noPreference: compileTerms(words.noPreference),
    girl: compileTerms(words.girl),
    anywhere: compileTerms(words.anywhere),
    anytime: compileTerms(words.when.anytime),
    now: compileTerms(words.when.now),
    tonight: compileTerms(words.when.tonight),
    evening: compileTerms(words.when.evening),
    weekend: compileTerms(words.when.weekend),
    agePatterns: words.agePatterns.map((p) => new RegExp(foldPattern(p), 'u')),
  };
}

// ---------------------------------------------------------------------------------------------------
// What the dialog gathers (dialog state: plain JSON, so it survives Redis).

/** When the resident wants to go; dates are Copenhagen calendar dates. */
type WantedTime = { kind: 'now' } | { kind: 'day' | 'evening'; date: string } | { kind: 'at'; date: string; time: string } | { kind: 'any' };

interface ClubSlots {
  age?: { min: number; max: number };
  district?: DistrictId | 'any';
  /** "amager": the districts to choose between. */
  districtChoices?: DistrictId[];
  /** [] = no preference. */
  interests?: Interest[];
  when?: WantedTime;
  /** The club is for a girl: girls-only clubs may be shown. */
  girl?: boolean;
}

type Slot = 'age' | 'district' | 'interest' | 'when';

/** Buttons for the age question; each stands for a range (a club fits when its ages overlap). */
const AGE_BANDS: { key: string; min: number; max: number }[] = [
  { key: 'clubs:ageBand.under10', min: 0, max: 9 },
  { key: 'clubs:ageBand.from10to12', min: 10, max: 12 },
  { key: 'clubs:ageBand.from13to15', min: 13, max: 15 },
  { key: 'clubs:ageBand.from16to17', min: 16, max: 17 },
  { key: 'clubs:ageBand.from18', min: 18, max: 99 },
];
const INTEREST_BUTTONS: Interest[] = ['sport', 'football', 'music', 'gaming', 'homework', 'girls_only', 'creative', 'dance'];
const WHEN_BUTTONS = ['clubs:whenButton.now', 'clubs:whenButton.tonight', 'clubs:whenButton.tomorrow', 'clubs:whenButton.weekend', 'clubs:whenButton.any'];
const RESULT_LIMIT = 5;
/** searchClubs' weight for being open at the asked time, kept in step when "tonight" is re-judged. */
const OPEN_WEIGHT = 100;

interface ClubsOptions {
  text?: string;
}

/** Options of the district question: buttons come from data/districts.json, words from locales. */
interface DistrictPromptOptions extends PromptOptions {
  districtPrompt: { promptKey: string; retryKey: string; choices?: DistrictId[]; args?: Record<string, unknown> };
}

/**
 * Clubs and leisure: "anything open tonight near Nørrebro for a 15-year-old who likes football". Reads age,
 * district, interest and time from the first message and from every answer, asks only for what is still
 * missing (with buttons), and shows the best matches from data/clubs.json as a card with a text fallback.
 */
export class ClubsDialog extends ComponentDialog {
  private readonly words: Map<Lang, CompiledClubWords>;
  private readonly dates: DateUnderstanding;

  constructor(private readonly services: DialogServices) {
    super(CLUBS_DIALOG);
    this.dates = dateUnderstanding(services.localesDir);
    const loaded = loadTrainingFile(services.localesDir, 'clubs.json', clubWordsSchema);
    this.words = new Map([...loaded].map(([lang, w]) => [lang, compileClubWords(w)]));

    this.addDialog(new LocalizedTextPrompt('clubsAge', (p) => this.validate(p, 'age')));
    this.addDialog(new CatalogDistrictPrompt('clubsDistrict', services, (p) => this.validate(p, 'district')));
    // "Which part of Amager?" wants one district: "amager" again is asked again.
    this.addDialog(new CatalogDistrictPrompt('clubsPart', services, async (p) => !!p.recognized.value && !!this.understand(p.recognized.value, p.context, 'district').district));
    this.addDialog(new LocalizedTextPrompt('clubsInterest'));
    this.addDialog(new LocalizedTextPrompt('clubsWhen', (p) => this.validate(p, 'when')));
    this.addDialog(
      new WaterfallDialog('clubsFlow', [
        this.understandFirstMessage.bind(this),
        this.askAge.bind(this),
        this.readAnswer.bind(this),
        this.askDistrict.bind(this),
        this.readAnswer.bind(this),
        this.askWhichPart.bind(this),
        this.readAnswer.bind(this),
        this.askInterest.bind(this),
        this.readAnswer.bind(this),
        this.askWhen.bind(this),
        this.readAnswer.bind(this),
        this.showClubs.bind(this),
      ]),
    );
    this.initialDialogId = 'clubsFlow';
  }

  private async understandFirstMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = (step.options as ClubsOptions | undefined)?.text ?? '';
    const slots = this.understand(text, step.context);
    vals(step).slots = slots;
    if (missing(slots).length > 0) await step.context.sendActivity(turnT(step.context)(text ? 'clubs:introUnderstood' : 'clubs:intro'));
    return step.next();
  }

  private async askAge(step: WaterfallStepContext): Promise<DialogTurnResult> {
    vals(step).asking = 'age';
    if (slotsOf(step).age) return step.next();
    return step.prompt('clubsAge', localized({ promptKey: 'clubs:askAge', retryKey: 'clubs:askAgeRetry', suggestionKeys: AGE_BANDS.map((b) => b.key) }));
  }

  private async askDistrict(step: WaterfallStepContext): Promise<DialogTurnResult> {
    vals(step).asking = 'district';
    const slots = slotsOf(step);
    if (slots.district || slots.districtChoices) return step.next();
    const options: DistrictPromptOptions = { districtPrompt: { promptKey: 'clubs:askDistrict', retryKey: 'clubs:askDistrictRetry' } };
    return step.prompt('clubsDistrict', options);
  }

  /** "Amager" is two districts: ask which part. */
  private async askWhichPart(step: WaterfallStepContext): Promise<DialogTurnResult> {
    vals(step).asking = 'district';
    const slots = slotsOf(step);
    if (slots.district || !slots.districtChoices) return step.next();
    const options: DistrictPromptOptions = {
      districtPrompt: { promptKey: 'clubs:askWhichPart', retryKey: 'clubs:askWhichPartRetry', choices: slots.districtChoices },
    };
    return step.prompt('clubsPart', options);
  }

  private async askInterest(step: WaterfallStepContext): Promise<DialogTurnResult> {
    vals(step).asking = 'interest';
    if (slotsOf(step).interests) return step.next();
    return step.prompt(
      'clubsInterest',
      localized({ promptKey: 'clubs:askInterest', suggestionKeys: [...INTEREST_BUTTONS.map((i) => `clubs:interest.${i}`), 'clubs:anything'] }),
    );
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    vals(step).asking = 'when';
    if (slotsOf(step).when) return step.next();
    return step.prompt('clubsWhen', localized({ promptKey: 'clubs:askWhen', retryKey: 'clubs:askWhenRetry', suggestionKeys: WHEN_BUTTONS }));
  }

  /** After each question: take whatever the answer says (an answer to one question may fill others too). */
  private async readAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const asked = vals(step).asking ?? 'age';
    if (typeof step.result === 'string') {
      const found = this.understand(step.result, step.context, asked);
      const slots = slotsOf(step);
      vals(step).slots = merge(slots, found, asked);
    }
    return step.next();
  }

  private async showClubs(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = turnT(context);
    const lang = turnLanguage(context);
    const slots = slotsOf(step);
    const now = this.services.clock();
    const results = this.search(slots, now);

    if (results.length === 0) {
      const ages = this.services.catalog.clubs;
      const min = Math.min(...ages.map((c) => c.minAge));
      const max = Math.max(...ages.map((c) => c.maxAge));
      await context.sendActivity(t('clubs:results.noneForAge', { min, max }));
      return step.endDialog({ found: 0 });
    }

    const when = slots.when ?? { kind: 'any' };
    const noneOpen = (when.kind === 'now' || when.kind === 'evening' || when.kind === 'at') && results.every((r) => !r.open);
    // Said plainly when nothing offers what they asked for ("football"), instead of a list that seems to.
    const asked = (slots.interests ?? []).filter((i) => i !== 'girls_only');
    const interestMet = asked.length === 0 || results.some((r) => r.reasons.some((why) => why.kind === 'interest'));
    const intro = noneOpen ? t(`clubs:results.noneOpen.${when.kind}`) : t('clubs:results.intro', { count: results.length });
    const view: ClubListView = {
      intro: interestMet
        ? intro
        : `${t('clubs:results.noInterest', { interest: asked.map((i) => t(`clubs:interest.${i}`).toLowerCase()).join(t('clubs:listSeparator')) })} ${intro}`,
      clubs: results.map((r) => ({
        name: r.club.name,
        district: this.districtName(r.club.district),
        status: this.status(r, when, now, t),
        open: when.kind === 'any' ? isOpenAt(r.club.hours, now) : r.open,
        ages: t('clubs:ages', { min: r.club.minAge, max: r.club.maxAge }),
        interests: r.club.interests.map((i) => t(`clubs:interest.${i}`)).join(t('clubs:listSeparator')),
        address: r.club.address,
        contact: contactLine(r.club),
        website: r.club.contact.website,
        leisureJob: r.club.helpsWithLeisureJobs ? t('clubs:leisureJob') : undefined,
      })),
      labels: {
        district: t('clubs:label.district'),
        ages: t('clubs:label.ages'),
        activities: t('clubs:label.activities'),
        address: t('clubs:label.address'),
        contact: t('clubs:label.contact'),
        website: t('clubs:label.website'),
      },
      rtl: RTL_LANGUAGES.has(lang),
    };
    if (supportsCards(context.activity.channelId)) {
      await context.sendActivity({ type: 'message', text: view.intro, attachments: [clubsCard(view)] });
    } else {
      await context.sendActivity(clubsText(view));
    }
    return step.endDialog({ found: results.length, clubs: results.map((r) => r.club.id) });
  }

  // -------------------------------------------------------------------------------------------------

  private search(slots: ClubSlots, now: Date): ClubResult[] {
    const catalog = this.services.catalog;
    const district = slots.district && slots.district !== 'any' ? slots.district : undefined;
    const interests = slots.interests ?? [];
    const age = slots.age;
    const exactAge = age && age.min === age.max ? age.min : undefined;
    let results = searchClubs(catalog, { district, interests, when: toClubWhen(slots.when), age: exactAge, limit: catalog.clubs.length }, now);
    // An age band (a pressed button): a club fits when its age range overlaps the band.
    if (age && exactAge === undefined) results = results.filter((r) => r.club.minAge <= age.max && r.club.maxAge >= age.min);
    // A girls-only club is no answer for a boy, or for someone who did not say.
    if (!slots.girl && !interests.includes('girls_only')) results = results.filter((r) => !r.club.interests.includes('girls_only'));
    if (slots.when?.kind === 'evening') results = this.restOfTonight(results, slots.when.date, now);
    return results.slice(0, RESULT_LIMIT);
  }

  /**
   * "Tonight" asked at 19:30 means from now on: a club that closed at 17:30 is not open tonight. The
   * search counts the whole evening, so correct `open` (and the ranking) for the part still to come.
   */
  private restOfTonight(results: ClubResult[], date: string, now: Date): ClubResult[] {
    const here = copenhagenParts(now);
    if (date !== here.date || here.time <= EVENING[0]) return results;
    const fromNow = (r: ClubResult) => isOpenAt(r.club.hours, now) || isOpenDuring(r.club.hours, date, here.time, EVENING[1]);
    return results
      .map((r) => {
        const open = fromNow(r);
        return open === r.open ? r : { ...r, open, score: r.score + (open ? OPEN_WEIGHT : -OPEN_WEIGHT), reasons: r.reasons.filter((x) => x.kind !== 'open') };
      })
      .sort((a, b) => b.score - a.score || a.club.name.localeCompare(b.club.name, 'da'));
  }

  private status(r: ClubResult, when: WantedTime, now: Date, t: TFunction): string {
    const hours = (ranges: TimeRange[]) => ranges.map(([from, to]) => `${from}–${to === '24:00' ? '00:00' : to}`).join(', ');
    switch (when.kind) {
      case 'evening': {
        if (when.date === copenhagenParts(now).date) return r.open ? t('clubs:status.openTonight', { hours: hours(r.hoursThatDay) }) : t('clubs:status.closedTonight');
        // The weekday, not "tomorrow": "Saturday evening" reads well in every language.
        const day = t(`clubs:day.${weekdayOfDate(when.date)}`);
        return r.open ? t('clubs:status.openEvening', { day, hours: hours(r.hoursThatDay) }) : t('clubs:status.closedEvening', { day });
      }
      case 'day': {
        const day = this.dayName(when.date, now, t);
        return r.hoursThatDay.length ? t('clubs:status.day', { day, hours: hours(r.hoursThatDay) }) : t('clubs:status.closedDay', { day });
      }
      case 'at': {
        const args = { day: this.dayName(when.date, now, t), time: when.time };
        if (r.open) return t('clubs:status.openAt', args);
        return this.closedStatus(r.club, fromCopenhagen(when.date, when.time), now, t, 'clubs:status.closedAtOpens', 'clubs:status.closedAt', args);
      }
      default: {
        // "now", or no time asked: say whether it is open at this moment, and when it opens if not.
        const until = closesAt(r.club.hours, now);
        if (until) return t('clubs:status.openNow', { time: copenhagenParts(until).time });
        return this.closedStatus(r.club, now, now, t, 'clubs:status.closedNowOpens', 'clubs:status.closedNow', {});
      }
    }
  }

  private closedStatus(club: Club, at: Date, now: Date, t: TFunction, opensKey: string, closedKey: string, args: Record<string, unknown>): string {
    const next = nextOpening(club.hours, at, { horizonDays: 7 });
    if (!next) return t(closedKey, args);
    const parts = copenhagenParts(next);
    return t(opensKey, { ...args, opensDay: this.dayName(parts.date, now, t), opensTime: parts.time });
  }

  /** "today", "tomorrow" or the weekday, counted in Copenhagen dates. */
  private dayName(date: string, now: Date, t: TFunction): string {
    const today = copenhagenParts(now).date;
    if (date === today) return t('clubs:day.today');
    if (date === addDays(today, 1)) return t('clubs:day.tomorrow');
    return t(`clubs:day.${weekdayOfDate(date)}`);
  }

  /** Districts are proper names: the Danish name in every language, as on the map and the street signs. */
  private districtName(id: DistrictId): string {
    return this.services.catalog.district(id).name;
  }

  private validate(prompt: PromptValidatorContext<string>, slot: Slot): Promise<boolean> {
    if (!prompt.recognized.succeeded || !prompt.recognized.value) return Promise.resolve(false);
    const found = this.understand(prompt.recognized.value, prompt.context, slot);
    const ok = slot === 'age' ? !!found.age : slot === 'district' ? !!found.district || !!found.districtChoices : !!found.when;
    return Promise.resolve(ok);
  }

  /**
   * Everything a message says about age, district, interest and time. `asked` is the question it answers:
   * then a bare number is an age, "doesn't matter" answers that question, and a pressed button counts.
   */
  private understand(text: string, context: TurnContext, asked?: Slot): ClubSlots {
    const lang = turnLanguage(context);
    const t = turnT(context);
    const norm = normalizeText(text);
    const slots: ClubSlots = {};
    if (!norm) return slots;
    const lists = readingLanguages(lang).map((l) => this.words.get(l)!);
    const pressed = (key: string) => normalizeText(t(key)) === norm;

    // Age
    const band = AGE_BANDS.find((b) => pressed(b.key));
    if (band) slots.age = { min: band.min, max: band.max };
    for (const words of lists) {
      if (slots.age) break;
      for (const pattern of words.agePatterns) {
        const m = pattern.exec(norm);
        const age = m ? Number(m[1]) : NaN;
        if (age >= 3 && age <= 99) {
          slots.age = { min: age, max: age };
          break;
        }
      }
    }
    if (!slots.age && asked === 'age') {
      const bare = /(?:^| )(\d{1,2})(?= |$)/.exec(norm);
      if (bare && Number(bare[1]) >= 3) slots.age = { min: Number(bare[1]), max: Number(bare[1]) };
    }

    // District
    const match = this.services.catalog.matchDistrict(text);
    if (match?.kind === 'one') slots.district = match.district.id;
    else if (match?.kind === 'ambiguous') slots.districtChoices = match.districts.map((d) => d.id);

    // Interests
    const interests = new Set<Interest>();
    for (const i of INTERESTS) if (pressed(`clubs:interest.${i}`)) interests.add(i);
    for (const words of lists) for (const [interest, terms] of words.interests) if (firstTermAt(norm, terms) >= 0) interests.add(interest);
    if (interests.size) slots.interests = [...interests];

    // When
    slots.when = this.understandWhen(text, norm, lang, lists, t);

    const says = (pick: (w: CompiledClubWords) => RegExp[]) => lists.some((w) => firstTermAt(norm, pick(w)) >= 0);
    if (says((w) => w.girl)) slots.girl = true;
    if (!slots.district && !slots.districtChoices && (says((w) => w.anywhere) || pressed('clubs:anywhere'))) slots.district = 'any';
    if (!slots.when && says((w) => w.anytime)) slots.when = { kind: 'any' };
    // "Doesn't matter" answers the question that was asked; so does any answer to the interest question
    // (an interest we have no word for means the resident is open to anything we have).
    const noPreference = says((w) => w.noPreference);
    if (asked === 'district' && !slots.district && !slots.districtChoices && noPreference) slots.district = 'any';
    if (asked === 'interest' && !slots.interests) slots.interests = [];
    if (asked === 'when' && !slots.when && (noPreference || pressed('clubs:whenButton.any'))) slots.when = { kind: 'any' };
    return slots;
  }

  private understandWhen(text: string, norm: string, lang: Lang, lists: CompiledClubWords[], t: TFunction): WantedTime | undefined {
    const now = this.services.clock();
    const today = copenhagenParts(now).date;
    const says = (pick: (w: CompiledClubWords) => RegExp[]) => lists.some((w) => firstTermAt(norm, pick(w)) >= 0);
    const pressed = (key: string) => normalizeText(t(key)) === norm;

    if (pressed('clubs:whenButton.now') || says((w) => w.now)) return { kind: 'now' };
    if (pressed('clubs:whenButton.tonight') || says((w) => w.tonight)) return { kind: 'evening', date: today };
    const evening = says((w) => w.evening);
    const day = this.dates.parse(text, lang, now);
    if (day) {
      if (day.time) return { kind: 'at', date: day.date, time: day.time };
      return { kind: evening ? 'evening' : 'day', date: day.date };
    }
    if (pressed('clubs:whenButton.tomorrow')) return { kind: 'day', date: addDays(today, 1) };
    if (pressed('clubs:whenButton.weekend') || says((w) => w.weekend)) {
      // The coming Saturday, or today when it is already Saturday.
      let date = today;
      while (weekdayOfDate(date) !== 'saturday') date = addDays(date, 1);
      return { kind: evening ? 'evening' : 'day', date };
    }
    if (evening) return { kind: 'evening', date: today };
    return undefined;
  }
}

/** The district question, with the districts from data/ as buttons (named as in the resident's language). */
class CatalogDistrictPrompt extends TextPrompt {
  constructor(dialogId: string, private readonly services: DialogServices, validator: (p: PromptValidatorContext<string>) => Promise<boolean>) {
    super(dialogId, validator);
  }

  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const spec = (options as DistrictPromptOptions).districtPrompt;
    const t = turnT(context);
    const ids = spec.choices ?? this.services.catalog.districts.map((d) => d.id);
    // Danish place names in every language: the buttons match the signs (aliases still catch "Amager East").
    const labels = ids.map((id) => this.services.catalog.district(id).name);
    if (!spec.choices) labels.push(t('clubs:anywhere'));
    const message = MessageFactory.suggestedActions(buttons(labels), (spec.args ? t(isRetry ? spec.retryKey : spec.promptKey, spec.args) : t(isRetry ? spec.retryKey : spec.promptKey)));
    options.prompt = message;
    options.retryPrompt = message;
    return super.onPrompt(context, state, options, isRetry);
  }
}

/** This dialog's part of the dialog state. */
interface ClubsValues {
  slots?: ClubSlots;
  /** The question the next answer belongs to. */
  asking?: Slot;
}

function vals(step: WaterfallStepContext): ClubsValues {
  return step.values as ClubsValues;
}

function slotsOf(step: WaterfallStepContext): ClubSlots {
  return vals(step).slots ?? {};
}

function missing(slots: ClubSlots): Slot[] {
  const out: Slot[] = [];
  if (!slots.age) out.push('age');
  if (!slots.district) out.push('district');
  if (!slots.interests) out.push('interest');
  if (!slots.when) out.push('when');
  return out;
}

/** New information fills gaps; the answer to the question asked may also correct it. */
function merge(current: ClubSlots, found: ClubSlots, asked: Slot): ClubSlots {
  const next: ClubSlots = { ...current };
  if (found.age && (!next.age || asked === 'age')) next.age = found.age;
  if (found.district && (!next.district || asked === 'district')) {
    // "Amager" answered with a part that is not on Amager still counts: the resident knows best.
    next.district = found.district;
    delete next.districtChoices;
  } else if (found.districtChoices && !next.district) next.districtChoices = found.districtChoices;
  if (found.interests && (!next.interests || asked === 'interest')) next.interests = found.interests;
  if (found.when && (!next.when || asked === 'when')) next.when = found.when;
  if (found.girl) next.girl = true;
  return next;
}

function toClubWhen(when: WantedTime | undefined): ClubWhen | undefined {
  if (!when || when.kind === 'any') return undefined;
  if (when.kind === 'now') return { kind: 'now' };
  if (when.kind === 'at') return { kind: 'at', at: fromCopenhagen(when.date, when.time) };
  // Midday stands for the whole Copenhagen day (searchClubs reads the date back in Copenhagen time).
  return { kind: when.kind, date: fromCopenhagen(when.date, '12:00') };
}

function contactLine(club: Club): string {
  const c = club.contact;
  return [c.phone, c.email, c.website].filter(Boolean).join(' · ');
}
