import { copenhagenParts, fromCopenhagen, hoursOnDate, isOpenAt, isOpenDuring, nextOpening, nextRangeStart, type TimeRange } from '../time/copenhagen';
import type { Club, District, DistrictId, Interest } from './types';

/** When the resident wants to go: right now, at a given instant, some time that day, or that evening. */
export type ClubWhen = { kind: 'now' } | { kind: 'at'; at: Date } | { kind: 'day'; date: Date } | { kind: 'evening'; date: Date };

export interface ClubQuery {
  age?: number;
  district?: DistrictId;
  interests?: readonly string[];
  when?: ClubWhen;
  /** Leave out clubs that are closed at the asked time (default: keep them, ranked last, with `nextOpening`). */
  onlyOpen?: boolean;
  /** How many results (default 5). */
  limit?: number;
}

/** Why a club was picked; the dialog turns these into a short "matches: ..." line. */
export type MatchReason =
  | { kind: 'district' }
  | { kind: 'neighbouring_district'; district: DistrictId }
  | { kind: 'other_district'; district: DistrictId }
  | { kind: 'age' }
  | { kind: 'interest'; interest: Interest }
  /** The club offers a broader interest that covers the asked one (sport for football). */
  | { kind: 'related_interest'; asked: string; interest: Interest }
  | { kind: 'open' };

export interface ClubResult {
  club: Club;
  /** Open at the asked time (`now`/`at`), or at some point of the asked day/evening; undefined when no time was asked. */
  open?: boolean;
  /** The asked day's ranges (today when `now` or no time was asked), Europe/Copenhagen wall-clock. */
  hoursThatDay: TimeRange[];
  /** When closed at the asked moment: when it next opens (for "opens at 14:00"). */
  nextOpening?: Date;
  reasons: MatchReason[];
  score: number;
}

/** An evening in Copenhagen, as "tonight" is meant by young people asking about clubs. */
export const EVENING: readonly [string, string] = ['18:00', '23:00'];

/**
 * Asked interest -> broader interests that also serve it. Weighted so that a nearby sports club beats a
 * music club next door for "likes football", but an exact match still beats a related one.
 */
const RELATED: Partial<Record<string, Interest[]>> = {
  football: ['sport'],
  boxing_martial_arts: ['sport'],
  dance: ['music', 'creative'],
  music: ['creative'],
  gaming: ['tech'],
  tech: ['gaming'],
  cooking: ['creative'],
};

const WEIGHT = { open: 100, district: 30, neighbour: 18, interest: 20, related: 14 };
/** With a district asked, other districts only fill up when fewer than this many are nearby. */
const MIN_NEARBY = 3;

/**
 * Ranks clubs for a resident's question. Age is a hard filter (a club for 10-13-year-olds is no answer
 * for a 16-year-old); district, interests and opening only rank. `now` is injected so "open now" can be
 * tested at any hour.
 */
export function searchClubs(catalog: { clubs: Club[]; districts: District[] }, query: ClubQuery, now: Date): ClubResult[] {
  const limit = query.limit ?? 5;
  const asked = query.district ? catalog.districts.find((d) => d.id === query.district) : undefined;
  const wanted = (query.interests ?? []).filter(Boolean);

  const results: (ClubResult & { nearby: boolean })[] = [];
  for (const club of catalog.clubs) {
    if (query.age !== undefined && (query.age < club.minAge || query.age > club.maxAge)) continue;
    const reasons: MatchReason[] = [];
    let score = 0;
    let nearby = true;

    if (query.age !== undefined) reasons.push({ kind: 'age' });

    if (asked) {
      if (club.district === asked.id) {
        score += WEIGHT.district;
        reasons.push({ kind: 'district' });
      } else if (asked.neighbours.includes(club.district)) {
        score += WEIGHT.neighbour;
        reasons.push({ kind: 'neighbouring_district', district: club.district });
      } else {
        nearby = false;
        reasons.push({ kind: 'other_district', district: club.district });
      }
    }

    let interestScore = 0;
    for (const interest of wanted) {
      if ((club.interests as string[]).includes(interest)) {
        interestScore += WEIGHT.interest;
        reasons.push({ kind: 'interest', interest: interest as Interest });
        continue;
      }
      const related = RELATED[interest]?.find((r) => club.interests.includes(r));
      if (related) {
        interestScore += WEIGHT.related;
        reasons.push({ kind: 'related_interest', asked: interest, interest: related });
      }
    }
    // Two matching interests are plenty: more would let a club that does everything beat a nearer one.
    score += Math.min(interestScore, 2 * WEIGHT.interest);

    const timing = judgeTime(club, query.when, now);
    if (timing.open) {
      score += WEIGHT.open;
      reasons.push({ kind: 'open' });
    }
    if (query.onlyOpen && query.when && !timing.open) continue;

    results.push({ club, reasons, score, nearby, ...timing });
  }

  results.sort((a, b) => b.score - a.score || a.club.name.localeCompare(b.club.name, 'da'));
  const near = results.filter((r) => r.nearby);
  const chosen = near.length >= Math.min(MIN_NEARBY, limit) ? near : [...near, ...results.filter((r) => !r.nearby)];
  return chosen.slice(0, limit).map(({ nearby: _nearby, ...r }) => r);
}

function judgeTime(club: Club, when: ClubWhen | undefined, now: Date): Pick<ClubResult, 'open' | 'hoursThatDay' | 'nextOpening'> {
  if (!when) return { hoursThatDay: hoursOnDate(club.hours, copenhagenParts(now).date) };
  if (when.kind === 'now' || when.kind === 'at') {
    const at = when.kind === 'now' ? now : when.at;
    const open = isOpenAt(club.hours, at);
    return {
      open,
      hoursThatDay: hoursOnDate(club.hours, copenhagenParts(at).date),
      nextOpening: open ? undefined : nextOpening(club.hours, at),
    };
  }
  const date = copenhagenParts(when.date).date;
  const hoursThatDay = hoursOnDate(club.hours, date);
  // "Saturday" means ranges starting on Saturday, not Friday's late night spilling past midnight.
  const open = when.kind === 'evening' ? isOpenDuring(club.hours, date, EVENING[0], EVENING[1]) : hoursThatDay.length > 0;
  const from = fromCopenhagen(date, when.kind === 'evening' ? EVENING[0] : '00:00');
  // A fresh start, not the tail of the night before that happens to run past midnight.
  return { open, hoursThatDay, nextOpening: open ? undefined : nextRangeStart(club.hours, from) };
}
