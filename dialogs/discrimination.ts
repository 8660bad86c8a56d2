import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { COMPLAINT_AREAS, COMPLAINT_GROUNDS, displayName, type ComplaintArea, type ComplaintBody, type ComplaintGround } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { recordTrace } from '../src/state/turnTrace';
import { fill, FormDialog, type FormContext, type Question } from './form';
import { HUMAN_DIALOG, type HumanDialogOptions } from './main';
import type { DialogServices } from './services';

export const DISCRIMINATION_DIALOG = 'discrimination';

/** A first message this long is the resident's account already: the dialog does not ask "what happened?" again. */
const STORY_MIN_WORDS = 8;
/** Fewer words tell what happened when they name both where and why: Turkish packs a clause into a word ("vermediğini"). */
const STORY_MIN_WORDS_WITH_GROUND = 5;
/** Enough for a full account; longer texts are cut so the stored draft stays a draft. */
const STORY_MAX_CHARS = 3000;
const WHEN_KEYS = ['today', 'thisWeek', 'thisMonth', 'thisYear', 'longer'] as const;
type WhenKey = (typeof WHEN_KEYS)[number];

/** This dialog's part of the dialog state (plain JSON). */
export interface ComplaintValues {
  story?: string;
  /** "Thank you for telling me" was said. */
  heard?: boolean;
  area?: ComplaintArea;
  /** One of WHEN_KEYS when a button was pressed, otherwise the resident's own words. */
  when?: { key?: WhenKey; text?: string };
  ground?: ComplaintGround;
  bodyId?: string;
  draftDa?: string;
  draftOwn?: string;
  consent?: 'yes' | 'no';
  /** The consent answer was acted on (saved or not). */
  stored?: boolean;
  human?: 'yes' | 'no';
}

/**
 * Discrimination complaint: listen first, then where, when and why; explain the resident's rights briefly,
 * name the right body (from data/complaint-bodies.json), draft the complaint in Danish and in the resident's
 * language, store it only with consent, and offer a person.
 */
export class DiscriminationDialog extends FormDialog<ComplaintValues> {
  constructor(services: DialogServices) {
    super('discrimination', services);
  }

  protected questions(): Question<ComplaintValues>[] {
    const yesNo = (yesKey: string, noKey: string) => [
      { value: 'yes' as const, key: yesKey },
      { value: 'no' as const, key: noKey },
    ];
    return [
      {
        // Listen first: the account in their own words. A reflexive "1" or "ok" would become the whole complaint.
        slot: 'story',
        prompt: () => ({ key: 'discrimination:askWhat' }),
        read: (_s, f) => {
          const story = f.reading.text.trim();
          return /\p{L}{2,}/u.test(story) && story.split(/\s+/).length >= 2 ? story.slice(0, STORY_MAX_CHARS) : undefined;
        },
      },
      {
        slot: 'area',
        prompt: () => ({ key: 'discrimination:askWhere', retryKey: 'discrimination:askWhereRetry', choices: COMPLAINT_AREAS.map((a) => ({ value: a, key: `discrimination:area.${a}` })) }),
      },
      {
        slot: 'when',
        prompt: () => ({ key: 'discrimination:askWhen', choices: WHEN_KEYS.map((k) => ({ value: { key: k }, key: `discrimination:when.${k}` })) }),
        // The resident's own words are the answer ("last Saturday", "for years").
        read: (_s, f) => (f.reading.text.trim() ? { text: f.reading.text.trim().slice(0, 200) } : undefined),
      },
      {
        slot: 'ground',
        prompt: () => ({ key: 'discrimination:askGround', retryKey: 'discrimination:askGroundRetry', choices: COMPLAINT_GROUNDS.map((g) => ({ value: g, key: `discrimination:ground.${g}` })) }),
      },
      {
        slot: 'consent',
        intro: (s, f) => this.adviseAndDraft(s, f),
        prompt: () => ({ key: 'discrimination:consent.ask', choices: yesNo('discrimination:consent.yes', 'discrimination:consent.no') }),
        read: (_s, f) => f.entities.answer,
      },
      {
        slot: 'human',
        prompt: () => ({ key: 'discrimination:human.ask', choices: yesNo('discrimination:human.yes', 'discrimination:human.no') }),
        read: (_s, f) => f.entities.answer,
      },
    ];
  }

  protected absorb(s: ComplaintValues, f: FormContext, asking: string | undefined, override: boolean): void {
    const e = f.entities;
    // The first message, when it tells what happened, is the account.
    const tells = f.reading.wordCount >= STORY_MIN_WORDS || (f.reading.wordCount >= STORY_MIN_WORDS_WITH_GROUND && !!e.ground && !!e.complaintArea);
    if (asking === undefined && tells) s.story = f.reading.text.slice(0, STORY_MAX_CHARS);
    const answering = (slot: string) => override || asking === slot;
    // Where and why are taken from the account and from any later message, where the words make it clear.
    if (asking !== 'when' && asking !== 'consent' && asking !== 'human') {
      fill(s, 'area', e.complaintArea, answering('area'));
      fill(s, 'ground', e.ground, answering('ground'));
    }
  }

  protected override async checkpoint(_dc: DialogContext, s: ComplaintValues, f: FormContext): Promise<DialogTurnResult | undefined> {
    if (s.story && !s.heard) {
      s.heard = true;
      await f.context.sendActivity(f.t('discrimination:heard'));
    }
    if (s.consent && !s.stored) {
      s.stored = true;
      await this.storeIfAllowed(s, f);
    }
    return undefined;
  }

  protected override traceSlots(s: ComplaintValues): Record<string, unknown> {
    return { ground: s.ground, area: s.area };
  }

  protected async finish(dc: DialogContext, s: ComplaintValues, f: FormContext): Promise<DialogTurnResult> {
    if (s.human === 'yes') {
      if (dc.findDialog(HUMAN_DIALOG)) {
        const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: 'discrimination' };
        return dc.replaceDialog(HUMAN_DIALOG, options);
      }
      // A build without the handoff dialog: at least say where free advice is.
      const advice = this.services.catalog.complaintBody(this.services.catalog.pickComplaintBody(s.area ?? 'other', s.ground ?? 'other').advice[0]?.id ?? '');
      if (advice) await f.context.sendActivity(f.t('discrimination:human.unavailable', { name: bodyName(advice, f.lang), website: advice.website }));
    }
    return dc.endDialog({ quiet: s.human === 'yes' });
  }

  // -------------------------------------------------------------------------------------------------

  /** Rights, the body to turn to, and the draft in Danish (and in the resident's language). */
  private async adviseAndDraft(v: ComplaintValues, f: FormContext): Promise<void> {
    const { context, t, lang } = f;
    const pick = this.services.catalog.pickComplaintBody(v.area!, v.ground!);
    v.bodyId = pick.primary?.id;
    await context.sendActivity(t(`discrimination:rights.${rightsFor(v.area!)}`));
    await context.sendActivity(this.whereToTurn(t, lang, pick.primary, pick.alternatives, pick.advice));
    v.draftDa = this.draft(t, 'da', lang, v, pick.primary);
    await context.sendActivity(pick.primary ? t('discrimination:draft.introTo', { body: bodyName(pick.primary, lang) }) : t('discrimination:draft.introNoBody'));
    await context.sendActivity(v.draftDa);
    if (lang !== 'da') {
      v.draftOwn = this.draft(t, lang, lang, v, pick.primary);
      await context.sendActivity(t('discrimination:draft.ownIntro', { language: t(`discrimination:languageName.${lang}`) }));
      await context.sendActivity(v.draftOwn);
    }
  }

  /** Nothing is stored without a yes. */
  private async storeIfAllowed(v: ComplaintValues, f: FormContext): Promise<void> {
    const { context, t, lang } = f;
    if (v.consent !== 'yes') {
      await context.sendActivity(t('discrimination:consent.notSaved'));
      return;
    }
    const body = v.bodyId ? this.services.catalog.complaintBody(v.bodyId) : undefined;
    const stored = await this.services.requests.save({
      kind: 'complaint',
      language: lang,
      conversationId: context.activity.conversation.id,
      userId: context.activity.from.id,
      summary: t('discrimination:summary', {
        lng: 'da',
        area: t(`discrimination:area.${v.area}`, { lng: 'da' }),
        ground: t(`discrimination:ground.${v.ground}`, { lng: 'da' }),
        body: body?.name ?? '–',
      }),
      details: {
        area: v.area,
        ground: v.ground,
        when: v.when?.key ?? v.when?.text,
        body: v.bodyId ?? null,
        story: v.story,
        draftDa: v.draftDa,
        ...(v.draftOwn ? { draftResidentLanguage: v.draftOwn } : {}),
      },
    });
    recordTrace(context, { reference: stored.reference });
    await context.sendActivity(t('discrimination:consent.saved', { reference: stored.reference }));
  }

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
    const when = v.when?.key ? t(`discrimination:when.${v.when.key}`, o) : t('discrimination:draft.ownWordsWhen', { ...o, text: v.when?.text ?? '' });
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
}

function rightsFor(area: ComplaintArea): 'work' | 'police' | 'municipality' | 'outsideWork' {
  return area === 'work' || area === 'police' || area === 'municipality' ? area : 'outsideWork';
}

/** The official (Danish) name, which is what the resident must look for, with what it is in their language. */
function bodyName(body: ComplaintBody, lang: Lang): string {
  return displayName(body, lang);
}
