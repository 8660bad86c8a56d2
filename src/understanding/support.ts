import type { Reading } from './index';

/**
 * The classifier's best route, unsure, is taken as understood when the message's own words fill that
 * service's form: "15 yaşındaki oğlum pazar günleri Valby'de futbol oynamak istiyor" names an interest, an
 * age and a district, which only a club search asks for. (Rasa's split: the entities support the intent.)
 * Not for a crisis: what the safety screen and the policy read comes first, and this never makes a turn urgent.
 */
const MIN_SUPPORTED_CONFIDENCE = 0.2;

export function entitiesSupportIntent(reading: Reading): boolean {
  const { route, confidence } = reading.intent;
  if (confidence < MIN_SUPPORTED_CONFIDENCE) return false;
  const e = reading.entities;
  switch (route) {
    case 'clubs': {
      const person = e.age !== undefined || (!!e.whoFor && e.whoFor !== 'other');
      return !!e.interests?.length && (person || !!e.district);
    }
    case 'interpreter':
      return !!e.language && !!e.setting;
    default:
      return false;
  }
}
