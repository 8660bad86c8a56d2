import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { displayName, inLanguage, REPORT_CATEGORIES, type DistrictId, type ReportCategory, type ReportCategoryFacts } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { recordTrace } from '../src/state/turnTrace';
import { fill, FormDialog, type FormContext, type Question } from './form';
import type { DialogServices } from './services';

export const REPORT_DIALOG = 'report';

export interface ReportSlots {
  /** The resident's own account, when the first message told it: where and when are in it, not asked again. */
  account?: string;
  worry?: ReportCategory;
  district?: DistrictId;
  districtChoices?: DistrictId[];
  /** Where exactly, in the resident's words ('' when they skipped it). */
  place?: string;
  /** When it happens or happened, in their words ('' when skipped). */
  when?: string;
  /** Anonymous, or staff may contact them. */
  reach?: 'anonymous' | 'contact';
  /** How to reach them (phone or e-mail), given only if they want to be contacted. */
  contact?: string;
  confirm?: 'yes' | 'no';
}

/** Longest free answer kept (place, when, the account). */
const MAX_FREE_TEXT = 300;
/** A first message this long is the resident's account of the worry. */
const ACCOUNT_MIN_WORDS = 7;

/**
 * The reporting desk: a worry in the area that is not an emergency (dealing near a school, broken lighting in
 * a stairwell, vandalism, a young person at risk). What, where, when, anonymous or with a way to reach the
 * resident; with their yes, a report with a reference number for staff (the requests store: it expires like
 * other requests and goes with "delete my data"). Who follows each kind up comes from data/reporting.json.
 * Anything happening now and dangerous is for 112: said at the start, and the safety path takes danger words.
 */
export class ReportDialog extends FormDialog<ReportSlots> {
  constructor(services: DialogServices) {
    super('report', services);
  }

  protected questions(): Question<ReportSlots>[] {
    const skip = { value: '', key: 'report:skip' };
    return [
      {
        slot: 'worry',
        prompt: (_s, f) => ({
          key: 'report:askWhat',
          retryKey: 'report:askWhatRetry',
          choices: this.services.catalog.reporting.categories.map((c) => ({ value: c.id, label: inLanguage(c.label, f.lang) })),
        }),
      },
      {
        slot: 'district',
        needed: (s) => !s.district && !s.districtChoices,
        prompt: () => ({ key: 'report:askDistrict', retryKey: 'report:askDistrictRetry', choices: this.services.catalog.districts.map((d) => ({ value: d.id, label: d.name })) }),
      },
      {
        slot: 'district',
        id: 'districtPart',
        needed: (s) => !s.district && !!s.districtChoices,
        prompt: (s) => ({ key: 'report:askWhichPart', choices: (s.districtChoices ?? []).map((id) => ({ value: id, label: this.services.catalog.district(id).name })) }),
      },
      {
        slot: 'place',
        needed: (s) => s.place === undefined && !s.account,
        prompt: () => ({ key: 'report:askPlace', choices: [skip] }),
        read: (_s, f) => freeText(f),
      },
      {
        slot: 'when',
        needed: (s) => s.when === undefined && !s.account,
        prompt: () => ({ key: 'report:askWhen', choices: [skip] }),
        read: (_s, f) => freeText(f),
      },
      {
        slot: 'reach',
        needed: (s) => !s.reach && this.services.catalog.reporting.anonymousAllowed,
        prompt: () => ({
          key: 'report:askReach',
          retryKey: 'report:askReachRetry',
          choices: [
            { value: 'anonymous' as const, key: 'report:reach.anonymous' },
            { value: 'contact' as const, key: 'report:reach.contact' },
          ],
        }),
      },
      {
        slot: 'contact',
        needed: (s) => (s.reach === 'contact' || !this.services.catalog.reporting.anonymousAllowed) && !s.contact,
        prompt: () => ({ key: 'report:askContact', retryKey: 'report:askContactRetry' }),
        read: (_s, f) => contactIn(f.reading.text),
      },
      {
        slot: 'confirm',
        recaps: true,
        intro: (s, f) => this.summarise(s, f),
        prompt: () => ({
          key: 'report:confirm',
          retryKey: 'report:confirmRetry',
          choices: [
            { value: 'yes' as const, key: 'report:send.yes' },
            { value: 'no' as const, key: 'report:send.no' },
          ],
        }),
        read: (_s, f) => f.entities.answer,
      },
    ];
  }

  protected absorb(s: ReportSlots, f: FormContext, asking: string | undefined, override: boolean): void {
    const e = f.entities;
    // A first message that tells what is going on is the account staff read ("dealing by the school in Nordvest
    // every afternoon"): where exactly and when are in it.
    if (asking === undefined && f.reading.wordCount >= ACCOUNT_MIN_WORDS) s.account = f.reading.text.slice(0, MAX_FREE_TEXT);
    if (e.worry) fill(s, 'worry', e.worry, override || asking === 'worry');
    if (e.district) {
      fill(s, 'district', e.district, override || asking === 'district' || asking === 'districtPart');
      delete s.districtChoices;
    } else if (e.districtChoices && !s.district) s.districtChoices = e.districtChoices;
    if (e.anonymous && !s.reach) s.reach = 'anonymous';
    // A phone number or e-mail said at any point ("you may call me on 20 30 40 50") is the way to reach them.
    const contact = contactIn(f.reading.text);
    if (contact && (asking === undefined || asking !== 'worry' || !e.worry)) {
      s.reach = 'contact';
      s.contact = contact;
    }
  }

  protected override intro(_s: ReportSlots, f: FormContext): string {
    return f.t('report:intro', { emergency: this.services.catalog.helplines.emergency.phone });
  }

  protected override understood(s: ReportSlots, f: FormContext): string {
    return this.intro(s, f);
  }

  protected override traceSlots(s: ReportSlots): Record<string, unknown> {
    return { worry: s.worry, district: s.district, anonymous: s.reach === undefined ? undefined : s.reach === 'anonymous' };
  }

  protected async finish(dc: DialogContext, s: ReportSlots, f: FormContext): Promise<DialogTurnResult> {
    const { context, t, lang } = f;
    if (s.confirm !== 'yes') {
      await context.sendActivity(t('report:notSent'));
      return dc.endDialog();
    }
    const category = this.services.catalog.reporting.category(s.worry!);
    const da = { lng: 'da' };
    const saved = await this.services.requests.save({
      kind: 'report',
      language: lang,
      conversationId: context.activity.conversation.id,
      userId: context.activity.from.id,
      summary: t('report:staffSummary', {
        ...da,
        worry: inLanguage(category.label, 'da'),
        district: this.services.catalog.district(s.district!).name,
        reach: t(`report:reach.${s.reach ?? 'contact'}`, da),
      }),
      details: {
        worry: s.worry,
        district: s.district,
        account: s.account ?? null,
        place: s.place || null,
        when: s.when || null,
        anonymous: s.reach === 'anonymous',
        // Only with the resident's choice to be contacted; never logged.
        contact: s.reach === 'anonymous' ? null : (s.contact ?? null),
        followUps: category.followUps.map((x) => x.id),
      },
    });
    recordTrace(context, { reference: saved.reference });
    const lines = [t('report:saved', { reference: saved.reference }), followUpLine(category, t, lang)];
    if (category.mayBeCrime) lines.push(t('report:police', { police: this.services.catalog.helplines.policeNonUrgent.phone, emergency: this.services.catalog.helplines.emergency.phone }));
    await context.sendActivity(lines.join('\n'));
    return dc.endDialog({ reference: saved.reference });
  }

  private async summarise(s: ReportSlots, f: FormContext): Promise<void> {
    const { t, lang } = f;
    const category = this.services.catalog.reporting.category(s.worry!);
    const lines = [
      t('report:summaryIntro'),
      `• ${t('report:summary.what', { what: inLanguage(category.label, lang) })}`,
      `• ${t('report:summary.where', { where: [this.services.catalog.district(s.district!).name, s.place].filter(Boolean).join(', ') })}`,
      ...(s.account ? [`• ${t('report:summary.account', { account: s.account })}`] : []),
      ...(s.when ? [`• ${t('report:summary.when', { when: s.when })}`] : []),
      `• ${t(s.reach === 'anonymous' ? 'report:summary.anonymous' : 'report:summary.contact', { contact: s.contact ?? '' })}`,
    ];
    await f.context.sendActivity(lines.join('\n'));
  }
}

/** A phone number or an e-mail address in the text: something staff can actually reach. */
function contactIn(text: string): string | undefined {
  return /[\w.+-]+@[\w-]+\.[\w.]+|(?:\+?\d[\d ]{6,}\d)/.exec(text)?.[0].trim();
}

function freeText(f: FormContext): string | undefined {
  const text = f.reading.text.trim();
  return /\p{L}|\d/u.test(text) ? text.slice(0, MAX_FREE_TEXT) : undefined;
}

/** Who follows this kind of report up, and how to reach them. */
function followUpLine(category: ReportCategoryFacts, t: TFunction, lang: Lang): string {
  const who = category.followUps
    .map((x) => {
      const how = [x.contact?.phone, x.contact?.website].filter(Boolean).join(' · ');
      return `${displayName({ name: x.name, about: x.about }, lang)}${how ? ` (${how})` : ''}`;
    })
    .join('; ');
  return t('report:followedUpBy', { who });
}

export { REPORT_CATEGORIES };
