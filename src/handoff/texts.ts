import type { TFunction } from 'i18next';
import type { Translator } from '../language/i18n';
import type { Lang } from '../language/languages';
import type { HandoffFacts, HandoffSession, ResidentMessage, StaffMember } from './types';

const TIME_ZONE = 'Europe/Copenhagen';
/** Helplines named in one safety message: more would bury the one to call. */
const MAX_HELPLINES = 2;

/**
 * Everything the bot says to a resident about the handoff, from `locales/<lng>/handoff.json`, built as
 * plain messages so the same sentences serve the dialog (in a turn) and the staff side (proactively).
 */
export class HandoffTexts {
  constructor(private readonly translator: Translator, private readonly facts: HandoffFacts) {}

  t(lang: Lang): TFunction {
    return this.translator.fixed(lang);
  }

  /** First words after escalation: safety first, then who is coming and when, then how to leave. */
  queued(session: HandoffSession, position: number, estimateMinutes: number | undefined, now: Date): ResidentMessage[] {
    const lang = session.language;
    const t = this.t(lang);
    const out: ResidentMessage[] = [];
    if (session.urgent) out.push(this.safety(session, lang));
    const parts: string[] = [];
    if (session.outOfHours) {
      parts.push(this.closedNow(session, now));
      // Their place in the queue is said out of hours too: it is what they will be when staff are back.
      parts.push(t('handoff:queuedOutOfHours', { position }));
      parts.push(t('handoff:leaveMessage'));
    } else {
      parts.push(t('handoff:queued', { position }));
      parts.push(estimateMinutes === undefined ? t('handoff:estimateUnknown') : t('handoff:estimate', { minutes: estimateMinutes }));
    }
    out.push({ text: parts.join(' '), locale: lang, suggestions: [this.cancelButton(lang)] });
    return out;
  }

  /**
   * 112 first, then the lines that fit the kind of danger (at most two: one to call, one more to turn to).
   * An unknown kind gets only lines that fit any crisis.
   */
  safety(session: Pick<HandoffSession, 'dangerKind'>, lang: Lang): ResidentMessage {
    const t = this.t(lang);
    // Someone who needs medical help now is told plainly to call 112; the rest is for after.
    const parts = [t(session.dangerKind === 'medical' ? 'handoff:call112Medical' : 'handoff:call112')];
    for (const line of this.facts.helplines(session.dangerKind, lang).slice(0, MAX_HELPLINES)) {
      if (line.phone) parts.push(t(line.alwaysOpen ? 'handoff:helplinePhoneAlwaysOpen' : 'handoff:helplinePhone', { name: line.name, phone: line.phone }));
      else if (line.website) parts.push(t('handoff:helplineWebsite', { name: line.name, website: line.website }));
    }
    return { text: joinSafetyLines(parts), locale: lang };
  }

  noted(session: HandoffSession, position: number | undefined, safetySaid = false): ResidentMessage {
    const t = this.t(session.language);
    let text = session.outOfHours ? t('handoff:notedOutOfHours') : t('handoff:noted', { position: position ?? 1 });
    // Someone in danger who writes again while nobody is there yet is reminded of 112 and the helpline
    // (once: not when this very message already brought them).
    if (session.urgent && session.outOfHours && !safetySaid) text = `${text} ${this.safety(session, session.language).text}`;
    return { text, locale: session.language, suggestions: [this.cancelButton(session.language)] };
  }

  positionChanged(session: HandoffSession, position: number): ResidentMessage {
    return { text: this.t(session.language)('handoff:positionUpdate', { position }), locale: session.language };
  }

  stillWaiting(session: HandoffSession, position: number): ResidentMessage {
    const key = session.outOfHours ? 'handoff:openNow' : 'handoff:stillWaiting';
    return { text: this.t(session.language)(key, { position }), locale: session.language, suggestions: [this.cancelButton(session.language)] };
  }

  /** A person joined; the button is the resident's way back to the bot at any moment. */
  joined(session: HandoffSession, staff: StaffMember): ResidentMessage {
    const t = this.t(session.language);
    return { text: t('handoff:joined', { name: staff.name, role: t(`handoff:roles.${staff.role}`) }), locale: session.language, suggestions: [this.leaveButton(session.language)] };
  }

  joinedUnnamed(session: HandoffSession): ResidentMessage {
    return { text: this.t(session.language)('handoff:joinedUnnamed'), locale: session.language, suggestions: [this.leaveButton(session.language)] };
  }

  /** A file reached the chat: staff see that it came, but only text is passed on. */
  attachmentNotRelayed(lang: Lang): ResidentMessage {
    return { text: this.t(lang)('handoff:attachmentNotRelayed'), locale: lang };
  }

  cutShort(lang: Lang, max: number): ResidentMessage {
    return { text: this.t(lang)('handoff:cutShort', { max }), locale: lang };
  }

  released(session: HandoffSession, staffName: string): ResidentMessage {
    return { text: this.t(session.language)('handoff:released', { name: staffName }), locale: session.language, suggestions: this.menu(session.language) };
  }

  closed(session: HandoffSession, staffName: string): ResidentMessage {
    return { text: this.t(session.language)('handoff:closed', { name: staffName }), locale: session.language, suggestions: this.menu(session.language) };
  }

  backToBot(session: HandoffSession): ResidentMessage {
    return { text: this.t(session.language)('handoff:backToBot'), locale: session.language, suggestions: this.menu(session.language) };
  }

  cancelled(lang: Lang): ResidentMessage {
    return { text: this.t(lang)('handoff:cancelled'), locale: lang, suggestions: this.menu(lang) };
  }

  /** Back with the bot: the main menu's buttons, as the bot shows them. */
  private menu(lang: Lang): { title: string; value: string }[] {
    const t = this.t(lang);
    return ['interpreter', 'mediation', 'discrimination', 'clubs', 'area', 'report', 'information', 'counsellor', 'language'].map((k) => {
      const title = t(`common:menu.${k}`);
      return { title, value: title };
    });
  }

  cancelButton(lang: Lang): { title: string; value: string } {
    const t = this.t(lang);
    return { title: t('handoff:cancelButton'), value: t('handoff:cancelButton') };
  }

  leaveButton(lang: Lang): { title: string; value: string } {
    const t = this.t(lang);
    return { title: t('handoff:leaveButton'), value: t('handoff:leaveButton') };
  }

  /** "stop", "annuller", either button's own text...: what counts as leaving the queue or the chat in this language. */
  isCancel(text: string, lang: Lang): boolean {
    const said = normalise(text);
    if (!said) return false;
    const words = new Set<string>();
    for (const l of new Set<Lang>([lang, 'da', 'en'])) {
      const t = this.t(l);
      words.add(normalise(t('handoff:cancelButton')));
      words.add(normalise(t('handoff:leaveButton')));
      for (const w of String(t('handoff:cancelWords')).split(',')) words.add(normalise(w));
    }
    words.delete('');
    return words.has(said);
  }

  private closedNow(session: HandoffSession, now: Date): string {
    const t = this.t(session.language);
    const next = this.facts.nextOpening(session.urgent ? 'counsellor' : session.topic, now);
    if (!next) return t('handoff:outOfHoursUnknown');
    return t('handoff:outOfHours', { day: this.dayName(session.language, next, now), time: formatTime(session.language, next) });
  }

  private dayName(lang: Lang, at: Date, now: Date): string {
    const t = this.t(lang);
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    if (day(at) === day(now)) return t('handoff:today');
    if (day(at) === day(new Date(now.getTime() + 86400000))) return t('handoff:tomorrow');
    return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: TIME_ZONE }).format(at);
  }
}

function formatTime(lang: Lang, at: Date): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(at);
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The safety lines as one message: sentences run on, but a line that ends with a web address ends its line,
 * so the address is never glued to the next sentence ("…exit-fra-bander You can also call…").
 */
export function joinSafetyLines(parts: readonly string[]): string {
  return parts.reduce((text, part, i) => (i === 0 ? part : `${text}${/https?:\/\/\S+$/.test(parts[i - 1]) ? '\n' : ' '}${part}`), '');
}
