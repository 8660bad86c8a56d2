import type { Command } from '../language/commands';
import type { DangerKind, DangerSignal } from './danger';
import { CONFIDENCE_THRESHOLD, type Reading } from './index';
import { isServiceRoute, type Route, type ServiceRoute } from './trainingData';

/**
 * What a turn does, decided in one place from what understanding read (index.ts) and where the conversation
 * stands. The priority, highest first (each rule has its test in test/understanding-policy.test.ts):
 *
 *  1. A danger word → urgent handoff with the kind's helpline. Event words ("knife", "shooting", "gang")
 *     count only when the message is not a question about an area or a rumour, not film/game talk and not
 *     said with "I'm not in danger" — unless it also says the danger is happening now.
 *  2. The resident's explicit command in their own words (delete my data, a person, start over, stop,
 *     language, "that's not what I mean") → the command. Yes/no, greetings and thanks inside a dialog are
 *     answers, not commands.
 *     A short "I'm not looking for a club" turns down the service asked about or under way: "that's not it".
 *  3. A crisis only the classifier reads (no danger word) → urgent outside a dialog when the model is sure,
 *     else (and always inside a dialog) "are you safe?" with 112 and the kind's helpline at once. Never for a
 *     pressed button, a short answer inside a dialog, "I'm not in danger", film talk — and never while the
 *     chat is with (or waiting for) a person: a guess must not end or re-queue a handoff.
 *  4. Inside a dialog, a message that confidently asks for another service: leave for it at once when the
 *     resident says they changed their mind ("sorry, actually…"); otherwise the dialog decides (the message
 *     may answer its question; if not, it asks once "shall we do Y instead?").
 *  5. Otherwise the active dialog, or the route the message asks for.
 */
export interface Situation {
  /** The guided service in progress, if any. */
  activeService?: ServiceRoute;
  /** Some dialog waits for an answer (a service, or "shall I delete everything?"): yes and no are answers. */
  inDialog?: boolean;
  /** The message is one of the buttons the bot just showed. */
  pressedButton: boolean;
  /** The chat is waiting for or held by a person. */
  handoff?: 'queued' | 'claimed';
  /** The question the active dialog asked last (its slot): "threatened" is the mediation's safety question. */
  asking?: string;
  /** The bot asked "are you safe right now?" after a suspected crisis; `pressedSafe`: the answer is its "I'm safe" button. */
  safetyCheck?: { danger: DangerSignal; pressedSafe: boolean };
}

export type Decision =
  | { action: 'urgent'; danger: DangerSignal }
  | { action: 'askSafe'; danger: DangerSignal }
  | { action: 'resume' }
  | { action: 'command'; command: Command }
  | { action: 'helpline'; kind: DangerKind }
  | { action: 'switch'; route: ServiceRoute | 'counsellor' }
  | { action: 'continue'; switchCandidate?: { route: ServiceRoute | 'counsellor'; confidence: number }; safetyNote?: DangerSignal }
  | { action: 'start'; route: Route; safetyNote?: DangerSignal };

/**
 * Routes where an event word is talked about, not lived: "is it safe in Tingbjerg after the shooting?", "a
 * cooking class where teens learn knife skills", "my son and his gang of mates want a club".
 */
const TALKING_ABOUT_DANGER: readonly Route[] = ['area', 'report', 'information', 'clubs'];
/**
 * A crisis only the classifier reads is handed over at once when it is this sure; below it, the resident is
 * asked "are you safe right now?" with 112 and the kind's helpline in the same message, and any answer but
 * "I'm safe" hands over. A wrong urgent place in the queue is also a harm: it is kept for what is clear.
 */
export const MODEL_URGENT_PROBABILITY = 0.7;
/** A medical emergency is handed over sooner: "are you safe?" is the wrong question to someone who cannot breathe. */
export const MODEL_MEDICAL_URGENT_PROBABILITY = 0.55;
/**
 * Below a suspected crisis, a message in which the classifier still hears one (a hint inside an ordinary
 * request: "...but her husband won't let her speak") goes on with what was asked, with one short line first:
 * 112 and the helpline of that kind. Cheap when wrong, and the help is there when it is not.
 */
export const SAFETY_NOTE_PROBABILITY = 0.4;
/** A suspected crisis names the classifier's kind when that kind has at least this share of the crisis reading. */
const MODEL_KIND_SHARE = 0.25;
/** A faint signal is weaker evidence: its line names a kind only when the kind stands out this clearly. */
const NOTE_KIND_SHARE = 0.4;
/** Answers inside a dialog shorter than this are answers to its question, not a crisis the model reads. */
const SHORT_ANSWER_WORDS = 4;
/** Inside a dialog, a faint crisis signal is heard only in a message of this many words or more. */
const IN_DIALOG_NOTE_WORDS = 6;
/** A change of course needs at least this many words: "music" in the clubs dialog is an answer. */
const MIN_WORDS_TO_CHANGE_COURSE = 3;
/** A crisis read by the classifier alone needs a few words: "tonight" or "caawa" alone says nothing of one. */
const MIN_WORDS_FOR_MODEL_DANGER = 3;
/** Questions that ask about danger: "no, nobody threatened me" answers them and is no threat. */
const SAFETY_QUESTIONS: readonly string[] = ['threatened'];
/** Commands that inside a dialog are an answer to its question. */
export const ANSWER_WORDS: readonly Command[] = ['yes', 'no', 'greeting', 'thanks'];

/** The danger this message signals, if any, by the rules above (also used by the handoff gate). */
export function dangerOf(reading: Reading, situation: Situation): DangerSignal | undefined {
  // The answer to "has anyone threatened you?" in words: "no, nobody threatened me" says no, not danger.
  if (situation.asking && SAFETY_QUESTIONS.includes(situation.asking) && saysNo(reading)) return undefined;
  const word = reading.safety.word;
  // Film, game and news talk, and figures of speech ("this heat is killing me"), are not a threat or a gang
  // unless the message says it is happening now.
  const notLived = reading.safety.fiction && !reading.cues.dangerNow && (word?.kind === 'threat' || word?.kind === 'gang');
  if (word && !word.event && !notLived) return { kind: kindOfWord(word.kind, reading), by: 'word', term: word.term };
  if (word && !notLived && (!talksAboutDanger(reading) || reading.cues.dangerNow)) return { kind: kindOfWord(word.kind, reading), by: 'word', term: word.term };
  const guess = reading.modelDanger;
  if (!guess || situation.handoff) return undefined;
  if (reading.safety.notInDanger || reading.safety.fiction) return undefined;
  if (situation.pressedButton || reading.wordCount < MIN_WORDS_FOR_MODEL_DANGER) return undefined;
  if (situation.activeService && reading.wordCount < SHORT_ANSWER_WORDS) return undefined;
  return { kind: modelKind(reading, guess.kind, MODEL_KIND_SHARE), by: 'model' };
}

/**
 * The kind the classifier names, when it names one clearly enough among the crisis kinds; else "unknown"
 * (112 and lines that fit any crisis): never the line of a kind the message gives no sign of.
 */
function modelKind(reading: Reading, kind: DangerKind, minShare: number): DangerKind {
  return (reading.kindReading?.share ?? 0) >= minShare ? kind : 'unknown';
}

/** "No", or the dialog's own words for "nobody threatened me", with no words that say someone did. */
function saysNo(reading: Reading): boolean {
  const e = reading.entities;
  return e.threatened === false || (e.answer === 'no' && e.threatened !== true);
}

/** The turn's decision, for a conversation that is not with a person (the handoff gate has its own). */
export function decideTurn(reading: Reading, situation: Situation): Decision {
  const danger = dangerOf(reading, situation);
  if (danger?.by === 'word') return { action: 'urgent', danger };

  if (situation.safetyCheck) {
    // Only a clear "I'm safe" goes back to the question; any other answer is taken as a call for help.
    // "Yes, I'm safe — it's my daughter I'm worried about" is no all-clear: someone else may be in danger.
    const aboutSomeoneElse = !situation.safetyCheck.pressedSafe && (!!reading.cues.someoneElse || (!!reading.cues.whoFor && reading.cues.whoFor !== 'self'));
    const safe = !aboutSomeoneElse && (situation.safetyCheck.pressedSafe || reading.command === 'yes' || reading.safety.notInDanger);
    if (safe) return { action: 'resume' };
    if (!reading.command || ANSWER_WORDS.includes(reading.command)) return { action: 'urgent', danger: situation.safetyCheck.danger };
  }

  const command = reading.command;
  const waitingForAnswer = !!situation.activeService || !!situation.inDialog;
  if (command && !(waitingForAnswer && ANSWER_WORDS.includes(command))) return { action: 'command', command };
  if (declinesService(reading, situation)) return { action: 'command', command: 'notThis' };

  // "Is the violence hotline open at night?", "what's Livslinien's number?": the line itself is the answer
  // (with 112 first), not a guess at a service. A crisis the classifier is sure of still goes to a person.
  const line = reading.safety.helpline;
  if (line && !situation.pressedButton && (reading.modelDanger?.probability ?? 0) < MODEL_URGENT_PROBABILITY) return { action: 'helpline', kind: line };

  if (danger) {
    // Someone who needs medical help now is not asked "are you safe?" first, once the classifier is fairly sure
    // ("my father has diabetes and can't explain it to the doctor" is an interpreter request it reads at 0.5).
    const probability = reading.modelDanger?.probability ?? 0;
    const sure = probability >= MODEL_URGENT_PROBABILITY || (danger.kind === 'medical' && probability >= MODEL_MEDICAL_URGENT_PROBABILITY);
    return !situation.activeService && sure ? { action: 'urgent', danger } : { action: 'askSafe', danger };
  }

  const { route, confidence } = reading.intent;
  const safetyNote = noteOf(reading, situation);
  if (situation.activeService) {
    const other = route !== situation.activeService && (isServiceRoute(route) || route === 'counsellor') ? route : undefined;
    if (!other || situation.pressedButton || reading.wordCount < MIN_WORDS_TO_CHANGE_COURSE || confidence < CONFIDENCE_THRESHOLD) return { action: 'continue', ...(safetyNote ? { safetyNote } : {}) };
    if (reading.cues.correction) return { action: 'switch', route: other };
    return { action: 'continue', switchCandidate: { route: other, confidence }, ...(safetyNote ? { safetyNote } : {}) };
  }
  return { action: 'start', route, ...(safetyNote ? { safetyNote } : {}) };
}

/** Longer messages that decline something usually go on to say what is wanted; the classifier reads those. */
const MAX_DECLINE_WORDS = 7;

/**
 * "I'm not looking for a club", "nie szukam klubu", "دنبال کلاب نیستم": the service the message is about, or
 * the one under way, is not what the resident wants. Not when it answers the dialog's yes/no question.
 */
function declinesService(reading: Reading, situation: Situation): boolean {
  if (!reading.cues.declines || reading.wordCount > MAX_DECLINE_WORDS || situation.pressedButton) return false;
  if ((situation.activeService || situation.inDialog) && reading.entities.answer) return false;
  const { route, confidence } = reading.intent;
  return !!situation.activeService || ((isServiceRoute(route) || route === 'counsellor') && confidence >= CONFIDENCE_THRESHOLD * 0.5);
}

/** A crisis the classifier hears faintly in an ordinary request (see SAFETY_NOTE_PROBABILITY). */
function noteOf(reading: Reading, situation: Situation): DangerSignal | undefined {
  const k = reading.kindReading;
  if (!k || k.total < SAFETY_NOTE_PROBABILITY || situation.handoff || situation.pressedButton) return undefined;
  if (reading.safety.notInDanger || reading.safety.fiction || reading.wordCount < SHORT_ANSWER_WORDS) return undefined;
  // "No, he is 12": a correction or a short answer to the dialog's question is no faint crisis.
  if (situation.activeService && (reading.cues.correction || reading.wordCount < IN_DIALOG_NOTE_WORDS)) return undefined;
  if (situation.asking && SAFETY_QUESTIONS.includes(situation.asking) && saysNo(reading)) return undefined;
  if (TALKING_ABOUT_DANGER.includes(reading.intent.route) && reading.intent.route !== 'clubs') return undefined;
  return { kind: modelKind(reading, k.kind, NOTE_KIND_SHARE), by: 'model' };
}

/** Kinds whose helpline is for a situation, which the words around a general danger word can tell. */
const PARTICULAR_KINDS: readonly DangerKind[] = ['child', 'honour', 'gang', 'radicalisation', 'self_harm', 'domestic_violence'];
const GENERAL_KINDS: readonly DangerKind[] = ['threat', 'domestic_violence', 'unknown'];
/** How clearly the classifier must name a particular kind to outrank a general danger word's kind. */
const KIND_SHARE = 0.45;
/**
 * ...unless the classifier also reads the word's own kind this strongly: then word and model agree on it, and only
 * a clear lead of the particular kind (CLEAR_KIND_SHARE) moves it ("my husband hits me" stays violence at home
 * when the model, unsure, leans slightly towards a child).
 */
const OWN_KIND_SHARE = 0.3;
const CLEAR_KIND_SHARE = 0.6;

/**
 * A danger word of a general kind ("he'll kill me", "hits me") takes the particular kind the classifier reads
 * in the whole message when it reads one clearly: a child hit at home gets the children's line, a threat over a
 * boyfriend the honour line, a threat from a partner the line on violence at home.
 */
function kindOfWord(kind: DangerKind, reading: Reading): DangerKind {
  // "I'm 11 and my mum's boyfriend hits me": a child in danger gets the children's line and the city's.
  if (GENERAL_KINDS.includes(kind) && speaksAsChild(reading)) return 'child';
  const k = reading.kindReading;
  if (!GENERAL_KINDS.includes(kind) || !k || k.kind === kind || !PARTICULAR_KINDS.includes(k.kind)) return kind;
  const own = k.shares?.[kind] ?? 0;
  const needed = own >= OWN_KIND_SHARE ? CLEAR_KIND_SHARE : KIND_SHARE;
  return k.share >= needed && k.total >= 0.15 ? k.kind : kind;
}

/** Below this age the resident speaking of themselves is a child (the children's helpline is for under 18s). */
const CHILD_AGE = 18;

/** Who else an age in the message may be of: "my son is 14 and his father hits him" is a parent speaking. */
const SOMEONE_ELSES_AGE: readonly string[] = ['son', 'daughter', 'child', 'grandchild', 'sibling'];

/** The resident gives an age under 18 that is not a child's of theirs: "I'm 14 and my dad hits me". */
function speaksAsChild(reading: Reading): boolean {
  const e = reading.entities;
  return e?.age !== undefined && e.age < CHILD_AGE && !SOMEONE_ELSES_AGE.includes(e.whoFor ?? '');
}

function talksAboutDanger(reading: Reading): boolean {
  return (
    reading.cues.rumour ||
    reading.safety.fiction ||
    reading.safety.notInDanger ||
    talkingConfidence(reading) >= CONFIDENCE_THRESHOLD
  );
}

/**
 * How sure the classifier is that the message asks about an area, reports a worry, asks for information or a
 * club, together: "boys sell drugs by the school" may read 0.38 area and 0.30 report, and either way it is a
 * resident telling about danger, not living it.
 */
function talkingConfidence(reading: Reading): number {
  const { route, confidence, alternatives } = reading.intent;
  const own = TALKING_ABOUT_DANGER.includes(route) ? confidence : 0;
  if (own === 0) return 0;
  return own + alternatives.filter((a) => TALKING_ABOUT_DANGER.includes(a.route)).reduce((sum, a) => sum + a.confidence, 0);
}
