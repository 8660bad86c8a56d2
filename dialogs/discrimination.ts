import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { COMPLAINT_AREAS, COMPLAINT_GROUNDS, displayName, type ComplaintArea, type ComplaintBody, type ComplaintGround } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { normalizeText } from '../src/language/normalize';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { compileTerms, loadTrainingFile, readingLanguages } from './clubs';
import { HUMAN_DIALOG, type HumanDialogOptions } from './main';
import { localized, LocalizedChoicePrompt, LocalizedTextPrompt } from './prompts';
import type { DialogServices } from './services';

export const DISCRIMINATION_DIALOG = 'discrimination';

/** Areas and grounds a resident can name; `other` is only ever chosen, never guessed. */
const NAMED_AREAS = COMPLAINT_AREAS.filter((a) => a !== 'other');
const NAMED_GROUNDS = COMPLAINT_GROUNDS.filter((g) => g !== 'other');

const phrases = z.array(z.string().min(1));
const discriminationWordsSchema = z
  .object({
    areas: z.object(Object.fromEntries(NAMED_AREAS.map((a) => [a, phrases])) as Record<Exclude<ComplaintArea, 'other'>, typeof phrases>).strict(),
    grounds: z.object(Object.fromEntries(NAMED_GROUNDS.map((g) => [g, phrases])) as Record<Exclude<ComplaintGround, 'other'>, typeof phrases>).strict(),
  })
  .strict();

type TermTable<K extends string> = [K, RegExp[]][];
interface CompiledWords {
  areas: TermTable<ComplaintArea>;
  grounds: TermTable<ComplaintGround>;
}

/** A first message this long is the resident's account already: the dialog does not ask "what happened?" again. */
const STORY_MIN_WORDS = 8;
/** Enough for a full account; longer texts are cut so the stored draft stays a draft. */
const STORY_MAX_CHARS = 3000;
const WHEN_KEYS = ['today', 'thisWeek', 'thisMonth', 'thisYear', 'longer'] as const;

interface DiscriminationOptions {
  text?: string;
}

/** This dialog's part of the dialog state (plain JSON). */
interface ComplaintValues {
  story?: string;
  area?: ComplaintArea;
  ground?: ComplaintGround;
  /** One of WHEN_KEYS when a button was pressed, otherwise the resident's own words. */
  whenKey?: (typeof WHEN_KEYS)[number];
  whenText?: string;
  bodyId?: string;
  draftDa?: string;
  draftOwn?: string;
}

/**
 * Discrimination complaint: listen first, then where, when and why; explain the resident's rights briefly,
 * name the right body (from data/complaint-bodies.json), draft the complaint in Danish and in the resident's
 * language, store it only with consent, and offer a person.
 */
export class DiscriminationDialog extends ComponentDialog {
  private readonly words: Map<Lang, CompiledWords>;

  constructor(private readonly services: DialogServices) {
    super(DISCRIMINATION_DIALOG);
    const loaded = loadTrainingFile(services.localesDir, 'discrimination.json', discriminationWordsSchema);
    this.words = new Map(
      [...loaded].map(([lang, w]) => [
        lang,
        {
          areas: NAMED_AREAS.map((a) => [a, compileTerms(w.areas[a])] as [ComplaintArea, RegExp[]]),
          grounds: NAMED_GROUNDS.map((g) => [g, compileTerms(w.grounds[g])] as [ComplaintGround, RegExp[]]),
        },
      ]),
    );

    // What happened must be told in words: a reflexive "1" or "ok" would become the whole complaint.
    this.addDialog(new LocalizedTextPrompt('complaintStory', async (p) => {
      const story = (p.recognized.value ?? '').trim();
      return /\p{L}{2,}/u.test(story) && story.split(/\s+/).length >= 2;
    }));
    this.addDialog(new LocalizedChoicePrompt('complaintArea', (p) => this.acceptChoiceOrWords(p, 'areas')));
    this.addDialog(new LocalizedTextPrompt('complaintWhen'));
    this.addDialog(new LocalizedChoicePrompt('complaintGround', (p) => this.acceptChoiceOrWords(p, 'grounds')));
    this.addDialog(new LocalizedChoicePrompt('complaintConsent'));
    this.addDialog(new LocalizedChoicePrompt('complaintHuman'));
    this.addDialog(
      new WaterfallDialog('complaintFlow', [
        this.listen.bind(this),
        this.readStory.bind(this),
        this.askWhere.bind(this),
        this.readWhere.bind(this),
        this.askWhen.bind(this),
        this.readWhen.bind(this),
        this.askGround.bind(this),
        this.readGround.bind(this),
        this.adviseAndDraft.bind(this),
        this.storeIfAllowed.bind(this),
        this.handOverIfWanted.bind(this),
        this.finish.bind(this),
      ]),
    );
    this.initialDialogId = 'complaintFlow';
  }

  /** Listen first: the resident's account in their own words. */
  private async listen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = ((step.options as DiscriminationOptions | undefined)?.text ?? '').trim();
    const v = vals(step);
    if (text) this.guess(text, step, v);
    if (normalizeText(text).split(' ').filter(Boolean).length >= STORY_MIN_WORDS) {
      v.story = text.slice(0, STORY_MAX_CHARS);
      return step.next();
    }
    return step.prompt('complaintStory', localized({ promptKey: 'discrimination:askWhat' }));
  }

  private async readStory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = vals(step);
    if (typeof step.result === 'string') {
      v.story = step.result.trim().slice(0, STORY_MAX_CHARS);
      this.guess(v.story, step, v);
    }
    await step.context.sendActivity(turnT(step.context)('discrimination:heard'));
    return step.next();
  }

  private async askWhere(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (vals(step).area) return step.next();
    return step.prompt(
      'complaintArea',
      localized({ promptKey: 'discrimination:askWhere', retryKey: 'discrimination:askWhereRetry', choiceKeys: COMPLAINT_AREAS.map((a) => `discrimination:area.${a}`) }),
    );
  }

  private async readWhere(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = vals(step);
    if (!v.area) v.area = this.chosen(step, COMPLAINT_AREAS) ?? this.findIn(step.context.activity.text ?? '', step, 'areas') ?? 'other';
    return step.next();
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt('complaintWhen', localized({ promptKey: 'discrimination:askWhen', suggestionKeys: WHEN_KEYS.map((k) => `discrimination:when.${k}`) }));
  }

  private async readWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = vals(step);
    const answer = String(step.result ?? '').trim();
    const t = turnT(step.context);
    const pressed = WHEN_KEYS.find((k) => normalizeText(t(`discrimination:when.${k}`)) === normalizeText(answer));
    if (pressed) v.whenKey = pressed;
    else v.whenText = answer.slice(0, 200);
    return step.next();
  }

  private async askGround(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (vals(step).ground) return step.next();
    return step.prompt(
      'complaintGround',
      localized({ promptKey: 'discrimination:askGround', retryKey: 'discrimination:askGroundRetry', choiceKeys: COMPLAINT_GROUNDS.map((g) => `discrimination:ground.${g}`) }),
    );
  }

  private async readGround(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = vals(step);
    if (!v.ground) v.ground = this.chosen(step, COMPLAINT_GROUNDS) ?? this.findIn(step.context.activity.text ?? '', step, 'grounds') ?? 'other';
    return step.next();
  }

  /** Rights, the body to turn to, and the draft in Danish (and in the resident's language); then ask consent. */
  private async adviseAndDraft(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = turnT(context);
    const lang = turnLanguage(context);
    const v = vals(step);
    const area = v.area!;
    const ground = v.ground!;
    const pick = this.services.catalog.pickComplaintBody(area, ground);
    v.bodyId = pick.primary?.id;

    await context.sendActivity(t(`discrimination:rights.${rightsFor(area)}`));
    await context.sendActivity(this.whereToTurn(t, lang, pick.primary, pick.alternatives, pick.advice));

    v.draftDa = this.draft(t, 'da', lang, v, pick.primary);
    await context.sendActivity(pick.primary ? t('discrimination:draft.introTo', { body: bodyName(pick.primary, lang) }) : t('discrimination:draft.introNoBody'));
    await context.sendActivity(v.draftDa);
    if (lang !== 'da') {
      v.draftOwn = this.draft(t, lang, lang, v, pick.primary);
      await context.sendActivity(t('discrimination:draft.ownIntro', { language: t(`discrimination:languageName.${lang}`) }));
      await context.sendActivity(v.draftOwn);
    }
    return step.prompt('complaintConsent', localized({ promptKey: 'discrimination:consent.ask', choiceKeys: ['discrimination:consent.yes', 'discrimination:consent.no'] }));
  }

  /** Nothing is stored without a yes. */
  private async storeIfAllowed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnT(step.context);
    const lang = turnLanguage(step.context);
    const v = vals(step);
    if ((step.result as FoundChoice | undefined)?.index === 0) {
      const body = v.bodyId ? this.services.catalog.complaintBody(v.bodyId) : undefined;
      const stored = await this.services.requests.save({
        kind: 'complaint',
        language: lang,
        conversationId: step.context.activity.conversation.id,
        userId: step.context.activity.from.id,
        summary: t('discrimination:summary', {
          lng: 'da',
          area: t(`discrimination:area.${v.area}`, { lng: 'da' }),
          ground: t(`discrimination:ground.${v.ground}`, { lng: 'da' }),
          body: body?.name ?? '–',
        }),
        details: {
          area: v.area,
          ground: v.ground,
          when: v.whenKey ?? v.whenText,
          body: v.bodyId ?? null,
          story: v.story,
          draftDa: v.draftDa,
          ...(v.draftOwn ? { draftResidentLanguage: v.draftOwn } : {}),
        },
      });
      await step.context.sendActivity(t('discrimination:consent.saved', { reference: stored.reference }));
    } else {
      await step.context.sendActivity(t('discrimination:consent.notSaved'));
    }
    return step.prompt('complaintHuman', localized({ promptKey: 'discrimination:human.ask', choiceKeys: ['discrimination:human.yes', 'discrimination:human.no'] }));
  }

  private async handOverIfWanted(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice | undefined)?.index !== 0) return step.endDialog();
    if (step.findDialog(HUMAN_DIALOG)) {
      const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: 'discrimination' };
      return step.beginDialog(HUMAN_DIALOG, options);
    }
    // A build without the handoff dialog: at least say where free advice is.
    const t = turnT(step.context);
    const advice = this.services.catalog.complaintBody(this.services.catalog.pickComplaintBody(vals(step).area ?? 'other', vals(step).ground ?? 'other').advice[0]?.id ?? '');
    if (advice) await step.context.sendActivity(t('discrimination:human.unavailable', { name: bodyName(advice, turnLanguage(step.context)), website: advice.website }));
    return step.endDialog();
  }

  /** The person has taken over (or said goodbye): no "anything else?" menu after that. */
  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog({ quiet: true });
  }

  // -------------------------------------------------------------------------------------------------

  private whereToTurn(t: TFunction, lang: Lang, primary: ComplaintBody | undefined, alternatives: ComplaintBody[], advice: ComplaintBody[]): string {
    const lines: string[] = [];
    if (primary) {
      const name = bodyName(primary, lang);
      const args = { name, website: primary.website };
      lines.push(t(primary.kind === 'report' ? 'discrimination:advice.primaryReport' : 'discrimination:advice.primary', args));
      for (const key of primary.beforeYouComplainKeys ?? []) lines.push(t(key, args));
      if (primary.deadlineMonths !== null && primary.deadlineFromKey) {
        lines.push(t('discrimination:advice.deadline', { period: t('discrimination:months', { count: primary.deadlineMonths }), from: t(primary.deadlineFromKey) }));
        if (primary.deadlineNoteKey) lines.push(t(primary.deadlineNoteKey, args));
      } else {
        // No deadline we are sure of: say what the data says, or send the resident to the body to check.
        lines.push(t(primary.deadlineNoteKey ?? 'discrimination:deadline.checkWithBody', args));
      }
      if (primary.free === true) lines.push(t('discrimination:advice.free'));
      else if (primary.free === null) lines.push(t('discrimination:advice.freeUnknown'));
      lines.push(t('discrimination:advice.website', { website: primary.website }));
      if (primary.phone) lines.push(t('discrimination:advice.phone', { phone: primary.phone }));
    } else {
      lines.push(t('discrimination:advice.noPrimary'));
    }
    const bullet = (b: ComplaintBody) => [`• ${bodyName(b, lang)}`, b.website, ...(b.phone ? [t('discrimination:advice.phone', { phone: b.phone })] : [])].join(' – ');
    if (alternatives.length) lines.push('', t('discrimination:advice.alternatives'), ...alternatives.map(bullet));
    if (advice.length) lines.push('', t('discrimination:advice.adviceBodies'), ...advice.map(bullet));
    return lines.join('\n');
  }

  /**
   * The complaint as the resident could send it, written in `lng`. The account is quoted exactly as the
   * resident wrote it, and says which language that is, so the body knows it may need translating.
   */
  private draft(t: TFunction, lng: Lang, residentLang: Lang, v: ComplaintValues, body: ComplaintBody | undefined): string {
    const o = { lng };
    const when = v.whenKey ? t(`discrimination:when.${v.whenKey}`, o) : t('discrimination:draft.ownWordsWhen', { ...o, text: v.whenText ?? '' });
    const lines = [t('discrimination:draft.title', o)];
    if (body) lines.push(t('discrimination:draft.to', { ...o, body: bodyName(body, lng) }));
    lines.push(
      '',
      t('discrimination:draft.what', { ...o, language: t(`discrimination:languageName.${residentLang}`, o) }),
      t('discrimination:draft.quote', { ...o, text: v.story ?? '' }),
      '',
      t('discrimination:draft.where', { ...o, area: t(`discrimination:area.${v.area}`, o) }),
      t('discrimination:draft.when', { ...o, when }),
      v.ground === 'other' ? t('discrimination:draft.groundUnsure', o) : t('discrimination:draft.ground', { ...o, ground: t(`discrimination:ground.${v.ground}`, o) }),
      '',
      t('discrimination:draft.request', o),
      '',
      t('discrimination:draft.name', o),
      t('discrimination:draft.contact', o),
    );
    return lines.join('\n');
  }

  /** Fills area and ground from what the resident wrote, where the words make it clear. */
  private guess(text: string, step: WaterfallStepContext, v: ComplaintValues): void {
    v.area ??= this.findIn(text, step, 'areas');
    v.ground ??= this.findIn(text, step, 'grounds');
  }

  /**
   * The area or ground the text names most clearly: most words found, then the longest phrase ("job centre"
   * is the municipality, though "job" alone is work), then the earliest.
   */
  private findIn<K extends 'areas' | 'grounds'>(text: string, step: WaterfallStepContext, table: K): CompiledWords[K][number][0] | undefined {
    const norm = normalizeText(text);
    if (!norm) return undefined;
    const lists = readingLanguages(turnLanguage(step.context)).map((l) => this.words.get(l)!);
    const score = new Map<string, { hits: number; longest: number; first: number }>();
    for (const words of lists) {
      for (const [key, terms] of words[table] as [string, RegExp[]][]) {
        for (const term of terms) {
          const m = term.exec(norm);
          if (!m) continue;
          const s = score.get(key) ?? { hits: 0, longest: 0, first: Infinity };
          s.hits += 1;
          s.longest = Math.max(s.longest, m[0].trim().length);
          s.first = Math.min(s.first, m.index);
          score.set(key, s);
        }
      }
    }
    const best = [...score].sort(([, a], [, b]) => b.hits - a.hits || b.longest - a.longest || a.first - b.first)[0];
    return best?.[0] as CompiledWords[K][number][0] | undefined;
  }

  private chosen<T extends string>(step: WaterfallStepContext, options: readonly T[]): T | undefined {
    const index = (step.result as FoundChoice | undefined)?.index;
    return index === undefined ? undefined : options[index];
  }

  /** A button, or words that say it clearly ("at my job"); anything else is asked again. */
  private async acceptChoiceOrWords(prompt: PromptValidatorContext<FoundChoice>, table: 'areas' | 'grounds'): Promise<boolean> {
    if (prompt.recognized.succeeded) return true;
    const norm = normalizeText(prompt.context.activity.text ?? '');
    const lists = readingLanguages(turnLanguage(prompt.context)).map((l) => this.words.get(l)!);
    return lists.some((w) => (w[table] as [string, RegExp[]][]).some(([, terms]) => terms.some((term) => term.test(norm))));
  }
}

function vals(step: WaterfallStepContext): ComplaintValues {
  return step.values as ComplaintValues;
}

function rightsFor(area: ComplaintArea): 'work' | 'police' | 'municipality' | 'outsideWork' {
  return area === 'work' || area === 'police' || area === 'municipality' ? area : 'outsideWork';
}

/** The official (Danish) name, which is what the resident must look for, with what it is in their language. */
function bodyName(body: ComplaintBody, lang: Lang): string {
  return displayName(body, lang);
}
