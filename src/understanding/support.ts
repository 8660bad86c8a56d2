import type { Route } from './trainingData';
import type { Reading } from './index';

/**
 * The route a message's own words fill the form of, when the classifier reads that route among its first
 * guesses: "15 yaşındaki oğlum pazar günleri Valby'de futbol oynamak istiyor" names an interest, an age and a
 * district, which only a club search asks for; "the light in our stairwell in Tingbjerg has been broken for
 * weeks" names a worry of the reporting desk, though the district alone reads as a question about the area.
 * (Rasa's split: the entities support the intent.) Never a crisis: the safety screen and the policy come
 * first, and this never makes a turn urgent.
 */
const MIN_SUPPORTED_CONFIDENCE = 0.2;
/** A route among the alternatives is taken only when the classifier gives it at least this much. */
const MIN_ALTERNATIVE_CONFIDENCE = 0.1;
/** A first guess this sure is not given up for what a weaker guess's words fill (the bot acts on it anyway). */
const CLEAR_FIRST_GUESS = 0.45;
/**
 * A neighbour problem the classifier already puts first needs only its topic: "someone keeps taking our
 * parking space", "they put their rubbish on the stairs" name no housing and no talk, but nothing else.
 */
const MIN_MEDIATION_TOPIC_CONFIDENCE = 0.3;
/** How close behind the first guess the mediation reading may be for the topic to decide. */
const MEDIATION_NECK_AND_NECK = 0.05;

function filled(route: Route, reading: Reading): boolean {
  const e = reading.entities;
  switch (route) {
    case 'clubs': {
      const person = e.age !== undefined || (!!e.whoFor && e.whoFor !== 'other');
      // An interest with someone or somewhere; or a young person's age with the district ("my son, 14, Valby").
      return (!!e.interests?.length && (person || !!e.district)) || (e.age !== undefined && e.age < 30 && !!e.district);
    }
    case 'discrimination':
      // On what ground and where: "the landlord won't rent to us because we are Arabs".
      return !!e.ground && !!e.complaintArea;
    case 'interpreter':
      return !!e.language && !!e.setting;
    case 'report':
      // A worry of the desk's, told as such: not a question about a rumour.
      return !!e.worry && !reading.cues.rumour;
    case 'mediation':
      return !!e.conflict && (!!e.housing || e.talked !== undefined);
    default:
      return false;
  }
}

export function supportedRoute(reading: Reading): Route | undefined {
  const { route, confidence, alternatives } = reading.intent;
  if (confidence >= MIN_SUPPORTED_CONFIDENCE && filled(route, reading)) return route;
  if (route === 'mediation' && confidence >= MIN_MEDIATION_TOPIC_CONFIDENCE && !!reading.entities.conflict) return route;
  // Neck and neck with a worry to report or a general question, the neighbour problem's topic decides.
  const mediation = alternatives.find((a) => a.route === 'mediation');
  if (mediation && reading.entities.conflict && ['report', 'information', 'none', 'counsellor'].includes(route) && mediation.confidence >= MIN_MEDIATION_TOPIC_CONFIDENCE - MEDIATION_NECK_AND_NECK && confidence - mediation.confidence < MEDIATION_NECK_AND_NECK) return 'mediation';
  // The first guess fills nothing; the second is what the words say.
  if (filled(route, reading)) return undefined;
  // ...unless the first guess is a clear one and the second far behind: "worried about a pupil's extreme views"
  // asks for advice (information) though "worried about a" is a reporting-desk word; "after the shooting the
  // children can't sleep, a psychologist?" is no neighbour conflict for naming the block.
  const needed = confidence >= CLEAR_FIRST_GUESS ? Math.max(MIN_ALTERNATIVE_CONFIDENCE, confidence / 2) : MIN_ALTERNATIVE_CONFIDENCE;
  const second = alternatives.find((a) => a.confidence >= needed && filled(a.route, reading));
  return second && ['area', 'information', 'none', 'counsellor'].includes(route) ? second.route : undefined;
}

/**
 * Takes the supported route as the reading's route (the classifier's first guess becomes an alternative).
 * True when the reading's route is now one the words support: the turn may act on it although unsure.
 */
export function withSupportedRoute(reading: Reading): boolean {
  const supported = supportedRoute(reading);
  if (!supported) return false;
  if (supported !== reading.intent.route) {
    const was = { route: reading.intent.route, confidence: reading.intent.confidence };
    const chosen = reading.intent.alternatives.find((a) => a.route === supported)!;
    reading.intent = { route: supported, confidence: chosen.confidence, alternatives: [was, ...reading.intent.alternatives.filter((a) => a.route !== supported)] };
  }
  return true;
}
