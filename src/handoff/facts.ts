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
      // The danger's own line first; otherwise the lines the on-call plan names, first one with a phone.
      const categories: HelplineCategory[] = [
        ...(isHelplineCategory(category) ? [category] : []),
        ...catalog.counselling.onCall.helplineCategories,
      ];
      const lines = categories.flatMap((c) => catalog.helplinesFor(c));
      const line = lines.find((l) => l.phone) ?? lines[0];
      if (!line) return undefined;
      return { name: lang === 'da' ? line.name.da : line.name.en, phone: line.phone, website: line.website };
    },
  };
}

function serviceFor(topic: HandoffTopic): CounsellingService {
  return topic === 'none' ? 'counsellor' : topic;
}

function isHelplineCategory(value: string | undefined): value is HelplineCategory {
  return !!value && (HELPLINE_CATEGORIES as readonly string[]).includes(value);
}
