import { HELPLINE_CATEGORIES, type Catalog, type CounsellingService, type HelplineCategory } from '../catalog';
import { isOpenAt, nextOpening } from '../time/copenhagen';
import type { HandoffFacts, HandoffTopic } from './types';

/** Opening hours per topic and the helplines, read from the catalogue (data/counselling.json, data/helplines.json). */
export function factsFromCatalog(catalog: Catalog): HandoffFacts {
  const closedDates = catalog.counselling.closedDates.map((d) => d.date);
  const hours = (topic: HandoffTopic) => catalog.counsellingHours(serviceFor(topic));
  return {
    isOpen: (topic, at) => isOpenAt(hours(topic), at, { closedDates }),
    nextOpening: (topic, at) => nextOpening(hours(topic), at, { closedDates }),
    helpline(category, lang) {
      // The danger's own line first (even one with only a website: a gang-exit line beats a general one);
      // otherwise the lines the on-call plan names, the first one with a phone.
      // Threats and being followed are police matters: the non-urgent police line (112 is always given first).
      if (category === 'threat' || category === 'stalking') {
        const police = catalog.helplines.policeNonUrgent;
        return { name: lang === 'da' ? police.name.da : police.name.en, phone: police.phone, website: police.website };
      }
      const own = helplineCategoryFor(category);
      const ownLines = own ? catalog.helplinesFor(own) : [];
      const fallback = catalog.counselling.onCall.helplineCategories.flatMap((c) => catalog.helplinesFor(c));
      const line = ownLines.find((l) => l.phone) ?? ownLines[0] ?? fallback.find((l) => l.phone) ?? fallback[0];
      if (!line) return undefined;
      return { name: lang === 'da' ? line.name.da : line.name.en, phone: line.phone, website: line.website };
    },
  };
}

function serviceFor(topic: HandoffTopic): CounsellingService {
  return topic === 'none' ? 'counsellor' : topic;
}

/**
 * The safety screen names the danger (src/understanding: "self-harm", "gang", ...); the data names helpline
 * categories ("self_harm_suicide", "gang_exit", ...). Threats and stalking get the police's non-urgent line;
 * sexual violence has no line of its own in the data and gets the on-call plan's lines.
 */
const HELPLINE_FOR_DANGER: Record<string, HelplineCategory> = {
  'domestic-violence': 'domestic_violence',
  'self-harm': 'self_harm_suicide',
  'forced-marriage': 'honour_forced_marriage',
  gang: 'gang_exit',
  radicalisation: 'radicalisation',
};

export function helplineCategoryFor(danger: string | undefined): HelplineCategory | undefined {
  if (!danger) return undefined;
  if ((HELPLINE_CATEGORIES as readonly string[]).includes(danger)) return danger as HelplineCategory;
  return HELPLINE_FOR_DANGER[danger];
}
