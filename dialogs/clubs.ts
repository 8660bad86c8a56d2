import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { searchClubs, type Club, type ClubResult, type ClubWhen, type DistrictId, type Interest } from '../src/catalog';
import { EVENING } from '../src/catalog/clubSearch';
import { RTL_LANGUAGES, type Lang } from '../src/language/languages';
import { turnData } from '../src/state/turnData';
import { recordTrace } from '../src/state/turnTrace';
import { addDays, closesAt, copenhagenParts, fromCopenhagen, isOpenAt, isOpenDuring, nextOpening, weekdayOfDate, type TimeRange } from '../src/time/copenhagen';
import type { WantedTime, WhoFor } from '../src/understanding';
import { comingSaturday } from '../src/understanding/entities';
import { clubsCard, clubsText, supportsCards, type ClubListView } from './cards/clubsCard';
import { fill, FormDialog, type Choice, type FormContext, type Question } from './form';
import type { DialogServices } from './services';

export const CLUBS_DIALOG = 'clubs';

/** What the dialog gathers (dialog state: plain JSON, so it survives Redis). */
export interface ClubSlots {
  age?: { min: number; max: number };
  whoFor?: WhoFor;
  district?: DistrictId | 'any';
  /** "Amager": the districts to choose between. */
  districtChoices?: DistrictId[];
  /** [] = no preference. */
  interests?: Interest[];
  when?: WantedTime;
  /** The club is for a girl: girls-only clubs may be shown. */
  girl?: boolean;
}

/** Buttons for the age question; each stands for a range (a club fits when its ages overlap). */
const AGE_BANDS: { key: string; min: number; max: number }[] = [
  { key: 'clubs:ageBand.under10', min: 0, max: 9 },
  { key: 'clubs:ageBand.from10to12', min: 10, max: 12 },
  { key: 'clubs:ageBand.from13to15', min: 13, max: 15 },
  { key: 'clubs:ageBand.from16to17', min: 16, max: 17 },
  { key: 'clubs:ageBand.from18', min: 18, max: 99 },
];
const INTEREST_BUTTONS: Interest[] = ['sport', 'football', 'music', 'gaming', 'homework', 'girls_only', 'creative', 'dance'];
const RESULT_LIMIT = 5;
/** Days after the one asked for that are looked at when nothing fits is open then. */
const NEAREST_DAYS = 6;
/** searchClubs' weight for being open at the asked time, kept in step when "tonight" is re-judged. */
const OPEN_WEIGHT = 100;
/** Whom a question names: "How old is your daughter?", "How old are you?". */
const WORDING: Record<WhoFor, string> = { self: 'self', son: 'son', daughter: 'daughter', child: 'child', sibling: 'other', grandchild: 'child', other: 'other' };

/**
 * Clubs and leisure for all ages: "anything open tonight near Nørrebro for a 15-year-old who likes football".
 * Age, who it is for, district, interest and time come from any message; only what is missing is asked
 * (with buttons). A day asked for is respected: only places open then, or a plain "nothing is open then" and
 * the nearest day something is. The list is remembered for follow-up questions ("when is it open?").
 */
export class ClubsDialog extends FormDialog<ClubSlots> {
  constructor(services: DialogServices) {
    super('clubs', services);
  }

  /** "And on Saturday?" after a list: the same search, with what the new message changes. */
  protected override initialSlots(options: { slots?: Record<string, unknown> } | undefined): ClubSlots {
    return { ...((options?.slots as ClubSlots | undefined) ?? {}) };
  }

  protected questions(): Question<ClubSlots>[] {
    return [
      {
        slot: 'age',
        prompt: (s) => ({ key: `clubs:askAge.${wording(s)}`, retryKey: 'clubs:askAgeRetry', choices: AGE_BANDS.map((b) => ({ key: b.key, value: { min: b.min, max: b.max } })) }),
        // "12" alone, asked for the age, is the age.
        read: (_s, f) => {
          const n = f.entities.numbers.find((x) => x >= 3 && x <= 99);
          return n === undefined ? undefined : { min: n, max: n };
        },
      },
      {
        slot: 'district',
        needed: (s) => !s.district && !s.districtChoices,
        prompt: () => ({
          key: 'clubs:askDistrict',
          retryKey: 'clubs:askDistrictRetry',
          choices: [...this.services.catalog.districts.map((d): Choice<DistrictId | 'any'> => ({ value: d.id, label: d.name })), { value: 'any', key: 'clubs:anywhere' }],
        }),
        read: (_s, f) => (f.entities.noPreference ? 'any' : undefined),
      },
      {
        slot: 'district',
        id: 'districtPart',
        needed: (s) => !s.district && !!s.districtChoices,
        prompt: (s) => ({
          key: 'clubs:askWhichPart',
          retryKey: 'clubs:askWhichPartRetry',
          choices: (s.districtChoices ?? []).map((id) => ({ value: id, label: this.services.catalog.district(id).name })),
        }),
      },
      {
        slot: 'interests',
        prompt: (s) => ({
          key: `clubs:askInterest.${wording(s)}`,
          choices: [...INTEREST_BUTTONS.map((i): Choice<Interest[]> => ({ value: [i], key: `clubs:interest.${i}` })), { value: [], key: 'clubs:anything' }],
        }),
        // Any answer to the interest question: an interest we have no word for means open to anything we have.
        read: (_s, f) => (f.reading.text ? [] : undefined),
      },
      {
        slot: 'when',
        prompt: (_s, f) => {
          const today = copenhagenParts(f.now).date;
          return {
            key: 'clubs:askWhen',
            retryKey: 'clubs:askWhenRetry',
            choices: [
              { key: 'clubs:whenButton.now', value: { kind: 'now' } },
              { key: 'clubs:whenButton.tonight', value: { kind: 'evening', date: today } },
              { key: 'clubs:whenButton.tomorrow', value: { kind: 'day', date: addDays(today, 1) } },
              { key: 'clubs:whenButton.weekend', value: { kind: 'day', date: comingSaturday(today), weekend: true } },
              { key: 'clubs:whenButton.any', value: { kind: 'any' } },
            ],
          };
        },
        read: (_s, f) => (f.entities.noPreference ? { kind: 'any' } : undefined),
      },
    ];
  }

  protected absorb(s: ClubSlots, f: FormContext, asking: string | undefined, override: boolean): void {
    const e = f.entities;
    fill(s, 'whoFor', e.whoFor, override);
    if (e.age !== undefined) fill(s, 'age', { min: e.age, max: e.age }, override || asking === 'age');
    if (e.district) {
      fill(s, 'district', e.district, override || asking === 'district' || asking === 'districtPart');
      if (s.district === e.district) delete s.districtChoices;
    } else if (e.districtChoices && !s.district) s.districtChoices = e.districtChoices;
    else if (e.anywhere && !s.district) s.district = 'any';
    if (e.interests) fill(s, 'interests', e.interests, override || asking === 'interests');
    if (e.when) fill(s, 'when', e.when, override || asking === 'when');
    if (e.girl || s.whoFor === 'daughter') s.girl = true;
    if (s.whoFor === 'son' && !e.girl) s.girl = s.girl ?? false;
  }

  protected override intro(_s: ClubSlots, f: FormContext): string {
    return f.t('clubs:intro');
  }

  protected override understood(s: ClubSlots, f: FormContext): string {
    const t = f.t;
    const parts: string[] = [];
    if (s.age) parts.push(s.age.min === s.age.max ? t(`clubs:understood.age.${wording(s)}`, { age: s.age.min }) : t(`clubs:understood.ageBand`, { min: s.age.min, max: s.age.max }));
    else if (s.whoFor) parts.push(t(`clubs:understood.for.${wording(s)}`));
    if (s.district && s.district !== 'any') parts.push(this.services.catalog.district(s.district).name);
    if (s.interests?.length) parts.push(s.interests.map((i) => t(`clubs:interest.${i}`).toLowerCase()).join(t('clubs:listSeparator')));
    if (s.when && s.when.kind !== 'any') parts.push(whenText(s.when, f.now, t));
    return parts.length ? t('clubs:introUnderstoodWith', { what: parts.join(' · ') }) : t('clubs:introUnderstood');
  }

  protected override traceSlots(s: ClubSlots): Record<string, unknown> {
    return {
      age: s.age ? (s.age.min === s.age.max ? s.age.min : `${s.age.min}-${s.age.max}`) : undefined,
      whoFor: s.whoFor,
      district: s.district,
      interests: s.interests,
      day: s.when ? dayOf(s.when, this.services.clock()) : undefined,
    };
  }

  protected async finish(dc: DialogContext, s: ClubSlots, f: FormContext): Promise<DialogTurnResult> {
    const { context, t, lang, now } = f;
    const when = s.when ?? { kind: 'any' };
    let results = this.search(s, when, now);
    if (results.length === 0) {
      const ages = this.services.catalog.clubs;
      await context.sendActivity(t('clubs:results.noneForAge', { min: Math.min(...ages.map((c) => c.minAge)), max: Math.max(...ages.map((c) => c.maxAge)) }));
      return dc.endDialog({ found: 0 });
    }
    let intro = t('clubs:results.intro', { count: results.length });
    let shownWhen: WantedTime = when;
    const timeAsked = when.kind !== 'any';
    if (timeAsked) {
      const open = results.filter((r) => r.open);
      if (open.length > 0) results = open;
      // Nothing open right now: the same places, each saying when it opens (later today, most often).
      else if (when.kind === 'now') {
        intro = t('clubs:results.noneOpenNow');
        recordTrace(context, { noneOpen: 'now' });
      } else {
        recordTrace(context, { noneOpen: dayOf(when, now) });
        // Nothing that fits is open then: say so plainly, and show the nearest day something is.
        const nearest = this.nearestOpenDay(s, when, now);
        const none = t('clubs:results.noneOpen', { when: whenText(when, now, t) });
        if (nearest) {
          results = nearest.results;
          shownWhen = nearest.when;
          intro = `${none} ${t('clubs:results.nearestDay', { when: whenText(nearest.when, now, t) })}`;
        } else {
          intro = none;
        }
      }
    }
    // Said plainly when nothing offers what they asked for ("football"), instead of a list that seems to.
    const asked = (s.interests ?? []).filter((i) => i !== 'girls_only');
    const interestMet = asked.length === 0 || results.some((r) => r.reasons.some((why) => why.kind === 'interest'));
    if (!interestMet) intro = `${t('clubs:results.noInterest', { interest: asked.map((i) => t(`clubs:interest.${i}`).toLowerCase()).join(t('clubs:listSeparator')) })} ${intro}`;
    const view: ClubListView = {
      intro,
      clubs: results.map((r) => ({
        name: r.club.name,
        district: this.services.catalog.district(r.club.district).name,
        status: clubStatus(r, r.shownDay ?? shownWhen, now, t),
        open: shownWhen.kind === 'any' ? isOpenAt(r.club.hours, now) : r.open,
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
    if (supportsCards(context.activity.channelId)) await context.sendActivity({ type: 'message', text: view.intro, attachments: [clubsCard(view)] });
    else await context.sendActivity(clubsText(view));
    // Remembered for "when is it open?", "where is it?", "the second one".
    turnData(context).conversation.lastAnswer = { kind: 'clubs', ids: results.map((r) => r.club.id), when: dayOf(shownWhen, now), slots: { ...s } };
    recordTrace(context, { clubs: results.map((r) => ({ id: r.club.id, open: timeAsked ? !!r.open : true })), openDay: timeAsked ? dayOf(shownWhen, now) : undefined });
    return dc.endDialog({ found: results.length, clubs: results.map((r) => r.club.id) });
  }

  // -------------------------------------------------------------------------------------------------

  private search(s: ClubSlots, when: WantedTime, now: Date): WeekendResult[] {
    if ((when.kind === 'day' || when.kind === 'evening') && when.weekend) {
      // "The weekend" is Saturday and Sunday: a club open on either fits, shown with the day it is open.
      const saturday: WantedTime = { kind: when.kind, date: when.date };
      const sunday: WantedTime = { kind: when.kind, date: addDays(when.date, 1) };
      const bySunday = new Map(this.searchDay(s, sunday, now, Infinity).map((r) => [r.club.id, r]));
      return this.searchDay(s, saturday, now, Infinity)
        .map((sat): WeekendResult => {
          const sun = bySunday.get(sat.club.id);
          return !sat.open && sun?.open ? { ...sun, shownDay: sunday } : { ...sat, shownDay: saturday };
        })
        .sort((a, b) => b.score - a.score || a.club.name.localeCompare(b.club.name, 'da'))
        .slice(0, RESULT_LIMIT);
    }
    return this.searchDay(s, when, now, RESULT_LIMIT);
  }

  private searchDay(s: ClubSlots, when: WantedTime, now: Date, limit: number): ClubResult[] {
    const catalog = this.services.catalog;
    const district = s.district && s.district !== 'any' ? s.district : undefined;
    const interests = s.interests ?? [];
    const age = s.age;
    const exactAge = age && age.min === age.max ? age.min : undefined;
    let results = searchClubs(catalog, { district, interests, when: toClubWhen(when), age: exactAge, limit: catalog.clubs.length }, now);
    // An age band (a pressed button): a club fits when its age range overlaps the band.
    if (age && exactAge === undefined) results = results.filter((r) => r.club.minAge <= age.max && r.club.maxAge >= age.min);
    // A girls-only club is no answer for a boy, or for someone who did not say.
    if (!s.girl && !interests.includes('girls_only')) results = results.filter((r) => !r.club.interests.includes('girls_only'));
    // A girls' club asked for: girls' clubs only (where one exists for that age), so that "none is open on
    // Saturday" is said of them, not hidden behind mixed clubs that happen to be open.
    if (interests.includes('girls_only')) {
      const girls = results.filter((r) => r.club.interests.includes('girls_only'));
      if (girls.length) results = girls;
    }
    if (when.kind === 'evening') results = restOfTonight(results, when.date, now);
    return results.slice(0, limit);
  }

  /** The first day after the one asked for on which one of the best-fitting places is open. */
  private nearestOpenDay(s: ClubSlots, when: WantedTime, now: Date): { when: WantedTime; results: ClubResult[] } | undefined {
    const start = when.kind === 'now' ? copenhagenParts(now).date : 'date' in when ? when.date : copenhagenParts(now).date;
    // After a weekend, Sunday was already looked at.
    const skip = (when.kind === 'day' || when.kind === 'evening') && when.weekend ? 1 : 0;
    for (let i = 1 + skip; i <= NEAREST_DAYS + skip; i++) {
      const date = addDays(start, i);
      const day: WantedTime = when.kind === 'evening' ? { kind: 'evening', date } : { kind: 'day', date };
      const open = this.search(s, day, now).filter((r) => r.open);
      if (open.length > 0) return { when: day, results: open };
    }
    return undefined;
  }
}

/** A club found for the weekend carries the day (Saturday or Sunday) it is shown for. */
type WeekendResult = ClubResult & { shownDay?: WantedTime };

function wording(s: ClubSlots): string {
  return s.whoFor ? WORDING[s.whoFor] : 'other';
}

/** "Tonight" asked at 19:30 means from now on: a club that closed at 17:30 is not open tonight. */
function restOfTonight(results: ClubResult[], date: string, now: Date): ClubResult[] {
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

/** The status line of a club for the time asked about, in the resident's language. */
export function clubStatus(r: Pick<ClubResult, 'club' | 'open' | 'hoursThatDay'>, when: WantedTime, now: Date, t: TFunction): string {
  const hours = (ranges: TimeRange[]) => ranges.map(([from, to]) => `${from}–${to === '24:00' ? '00:00' : to}`).join(', ');
  switch (when.kind) {
    case 'evening': {
      if (when.date === copenhagenParts(now).date) return r.open ? t('clubs:status.openTonight', { hours: hours(r.hoursThatDay) }) : t('clubs:status.closedTonight');
      // The weekday, not "tomorrow": "Saturday evening" reads well in every language.
      const day = t(`clubs:day.${weekdayOfDate(when.date)}`);
      return r.open ? t('clubs:status.openEvening', { day, hours: hours(r.hoursThatDay) }) : t('clubs:status.closedEvening', { day });
    }
    case 'day': {
      const day = dayName(when.date, now, t);
      return r.hoursThatDay.length ? t('clubs:status.day', { day, hours: hours(r.hoursThatDay) }) : t('clubs:status.closedDay', { day });
    }
    case 'at': {
      const args = { day: dayName(when.date, now, t), time: when.time };
      if (r.open) return t('clubs:status.openAt', args);
      return closedStatus(r.club, fromCopenhagen(when.date, when.time), now, t, 'clubs:status.closedAtOpens', 'clubs:status.closedAt', args);
    }
    default: {
      // "now", or no time asked: say whether it is open at this moment, and when it opens if not.
      const until = closesAt(r.club.hours, now);
      if (until) return t('clubs:status.openNow', { time: copenhagenParts(until).time });
      return closedStatus(r.club, now, now, t, 'clubs:status.closedNowOpens', 'clubs:status.closedNow', {});
    }
  }
}

function closedStatus(club: Club, at: Date, now: Date, t: TFunction, opensKey: string, closedKey: string, args: Record<string, unknown>): string {
  const next = nextOpening(club.hours, at, { horizonDays: 7 });
  if (!next) return t(closedKey, args);
  const parts = copenhagenParts(next);
  return t(opensKey, { ...args, opensDay: dayName(parts.date, now, t), opensTime: parts.time });
}

/** "today", "tomorrow" or the weekday, counted in Copenhagen dates. */
export function dayName(date: string, now: Date, t: TFunction): string {
  const today = copenhagenParts(now).date;
  if (date === today) return t('clubs:day.today');
  if (date === addDays(today, 1)) return t('clubs:day.tomorrow');
  return t(`clubs:day.${weekdayOfDate(date)}`);
}

/** "today", "tomorrow", "on Sunday": a day as it is said inside a sentence. */
function dayPhrase(date: string, now: Date, t: TFunction): string {
  const today = copenhagenParts(now).date;
  if (date === today) return t('clubs:whenText.today');
  if (date === addDays(today, 1)) return t('clubs:whenText.tomorrow');
  return t('clubs:whenText.day', { day: t(`clubs:day.${weekdayOfDate(date)}`) });
}

/** "right now", "this evening", "on Sunday", "on Saturday at 16:00" in the resident's language. */
function whenText(when: WantedTime, now: Date, t: TFunction): string {
  switch (when.kind) {
    case 'now':
      return t('clubs:whenText.now');
    case 'evening':
      return when.date === copenhagenParts(now).date ? t('clubs:whenText.tonight') : t('clubs:whenText.evening', { day: t(`clubs:day.${weekdayOfDate(when.date)}`) });
    case 'day':
      return when.weekend ? t('clubs:whenButton.weekend').toLowerCase() : dayPhrase(when.date, now, t);
    case 'at':
      return t('clubs:whenText.at', { day: dayPhrase(when.date, now, t), time: when.time });
    default:
      return t('clubs:whenText.any');
  }
}

/** The day a time is on, as scenario checks name it: "now", "tonight", or the weekday. */
function dayOf(when: WantedTime, now: Date): string {
  if (when.kind === 'any') return 'any';
  if (when.kind === 'now') return 'now';
  if (when.kind === 'evening' && when.date === copenhagenParts(now).date) return 'tonight';
  return weekdayOfDate(when.date);
}

function toClubWhen(when: WantedTime | undefined): ClubWhen | undefined {
  if (!when || when.kind === 'any') return undefined;
  if (when.kind === 'now') return { kind: 'now' };
  if (when.kind === 'at') return { kind: 'at', at: fromCopenhagen(when.date, when.time) };
  // Midday stands for the whole Copenhagen day (searchClubs reads the date back in Copenhagen time).
  return { kind: when.kind, date: fromCopenhagen(when.date, '12:00') };
}

export function contactLine(club: Club): string {
  const c = club.contact;
  return [c.phone, c.email, c.website].filter(Boolean).join(' · ');
}

export type { Lang };
