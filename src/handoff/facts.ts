import { COUNSELLING_SERVICES, type Catalog, type CounsellingService, type Helpline } from '../catalog';
import { isOpenAt, nextOpening } from '../time/copenhagen';
import type { Lang } from '../language/languages';
import type { DangerKind } from '../understanding/danger';
import type { HandoffFacts, HandoffTopic } from './types';

/** Opening hours per topic and the helplines, read from the catalogue (data/counselling.json, data/helplines.json). */
export function factsFromCatalog(catalog: Catalog): HandoffFacts {
  const closedDates = catalog.counselling.closedDates.map((d) => d.date);
  const hours = (topic: HandoffTopic) => catalog.counsellingHours(serviceFor(topic));
  return {
    isOpen: (topic, at) => isOpenAt(hours(topic), at, { closedDates }),
    nextOpening: (topic, at) => nextOpening(hours(topic), at, { closedDates }),
    helplines(kind, lang) {
      return linesFor(catalog, kind ?? 'unknown').map((line) => ({ name: nameIn(line.name, lang), phone: line.phone, website: line.website }));
    },
  };
}

/**
 * The lines that fit a kind of danger, best first (112 is always said before them). An unknown kind gets only
 * lines that fit any crisis: never a helpline of a kind the message gives no sign of.
 */
const LINES_FOR_KIND: Record<DangerKind, string[]> = {
  self_harm: ['livslinien'],
  domestic_violence: ['lev-uden-vold', 'lokk'],
  threat: ['police-non-urgent'],
  honour: ['lev-uden-vold-aere', 'lokk-aere'],
  gang: ['exit-bander', 'police-non-urgent'],
  radicalisation: ['kk-ekstremisme', 'police-non-urgent'],
  child: ['bornetelefonen'],
  medical: ['akuttelefonen-1813'],
  unknown: ['police-non-urgent'],
};

/** What a safety message needs of a line. */
type Line = { name: Helpline['name']; phone?: string; website?: string };

function linesFor(catalog: Catalog, kind: DangerKind): Line[] {
  return LINES_FOR_KIND[kind].flatMap((id): Line[] => {
    if (id === 'police-non-urgent') return [catalog.helplines.policeNonUrgent];
    const line = catalog.helplines.helplines.find((h) => h.id === id);
    return line ? [line] : [];
  });
}

function nameIn(name: { da: string; en: string }, lang: Lang): string {
  return lang === 'da' ? name.da : name.en;
}

/** Services without staffed hours of their own (area, report, information) follow the counsellors'. */
function serviceFor(topic: HandoffTopic): CounsellingService {
  return (COUNSELLING_SERVICES as readonly string[]).includes(topic) ? (topic as CounsellingService) : 'counsellor';
}
