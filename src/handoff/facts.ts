import { COUNSELLING_SERVICES, DANGER_KINDS, displayName, type Catalog, type CounsellingService, type DangerKind, type Helpline } from '../catalog';
import type { Lang } from '../language/languages';
import { isOpenAt, nextOpening } from '../time/copenhagen';
import type { HandoffFacts, HandoffTopic, SpokenHelpline } from './types';

/** Opening hours per topic and the helplines, read from the catalogue (data/counselling.json, data/helplines.json). */
export function factsFromCatalog(catalog: Catalog): HandoffFacts {
  const closedDates = catalog.counselling.closedDates.map((d) => d.date);
  const hours = (topic: HandoffTopic) => catalog.counsellingHours(serviceFor(topic));
  const spoken = (line: Helpline, lang: Lang): SpokenHelpline => ({ id: line.id, name: displayName(line, lang), phone: line.phone, website: line.website, alwaysOpen: line.alwaysOpen });
  return {
    isOpen: (topic, at) => isOpenAt(hours(topic), at, { closedDates }),
    nextOpening: (topic, at) => nextOpening(hours(topic), at, { closedDates }),
    helpline(kind, lang) {
      // Someone in danger needs a number to call: the first line with a phone, else the first line.
      const lines = catalog.helplinesForDanger(dangerKindFor(kind));
      const line = lines.find((l) => l.phone) ?? lines[0];
      return line && spoken(line, lang);
    },
    helplines(kind, lang) {
      return catalog.helplinesForDanger(dangerKindFor(kind)).map((l) => spoken(l, lang));
    },
  };
}

/** Services without staffed hours of their own (area, report, information) follow the counsellors'. */
function serviceFor(topic: HandoffTopic): CounsellingService {
  return (COUNSELLING_SERVICES as readonly string[]).includes(topic) ? (topic as CounsellingService) : 'counsellor';
}

/**
 * Older names for a danger that are still in circulation: the safety screen's categories ("self-harm",
 * "forced-marriage", ...) and the helpline categories ("self_harm_suicide", ...), until both speak the
 * danger kinds. Sexual violence by a stranger has no line of its own: the neutral crisis answer.
 */
const LEGACY_DANGER_NAMES: Record<string, DangerKind> = {
  'self-harm': 'self_harm',
  'domestic-violence': 'domestic_violence',
  'forced-marriage': 'honour',
  stalking: 'threat',
  'sexual-violence': 'unknown',
  self_harm_suicide: 'self_harm',
  children_young_people: 'child',
  honour_forced_marriage: 'honour',
  gang_exit: 'gang',
  medical_non_emergency: 'medical',
};

/** The danger kind for whatever the understanding or a stored session calls it; no name at all is `unknown`. */
export function dangerKindFor(danger: string | undefined): DangerKind {
  if (!danger) return 'unknown';
  if ((DANGER_KINDS as readonly string[]).includes(danger)) return danger as DangerKind;
  return LEGACY_DANGER_NAMES[danger] ?? 'unknown';
}
