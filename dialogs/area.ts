import { ActionTypes, MessageFactory, type TurnContext } from 'botbuilder';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import { displayName, inLanguage, type AreaFacts, type AreaFigure, type DistrictId } from '../src/catalog';
import type { Lang } from '../src/language/languages';
import { turnData } from '../src/state/turnData';
import { recordTrace } from '../src/state/turnTrace';
import { formatDateWithYear } from '../src/time/dates';
import { fill, FormDialog, type FormContext, type Question } from './form';
import type { DialogServices } from './services';

export const AREA_DIALOG = 'area';

export interface AreaSlots {
  district?: DistrictId;
  /** "Amager": which part. */
  districtChoices?: DistrictId[];
  /** The resident asked about a rumour ("I heard…", "is it true…"): the answer starts from there. */
  rumour?: boolean;
}

/**
 * Facts for your area, instead of rumours: "is it safe in Tingbjerg?", "I heard there was a shooting", "are
 * there many burglaries in Valby?". Gives the district's figures from data/area-facts.json next to the city's
 * (each with its source and date), the trend, where official updates are published, the police's non-urgent
 * line and how to report, and who works locally. Asking about danger is not being in danger: never the
 * emergency queue unless someone is in danger now (the turn policy sends that to the safety path first).
 */
export class AreaDialog extends FormDialog<AreaSlots> {
  constructor(services: DialogServices) {
    super('area', services);
  }

  protected questions(): Question<AreaSlots>[] {
    return [
      {
        slot: 'district',
        needed: (s) => !s.district && !s.districtChoices,
        prompt: () => ({ key: 'area:askDistrict', retryKey: 'area:askDistrictRetry', choices: this.services.catalog.districts.map((d) => ({ value: d.id, label: d.name })) }),
      },
      {
        slot: 'district',
        id: 'districtPart',
        needed: (s) => !s.district && !!s.districtChoices,
        prompt: (s) => ({ key: 'area:askWhichPart', choices: (s.districtChoices ?? []).map((id) => ({ value: id, label: this.services.catalog.district(id).name })) }),
      },
    ];
  }

  protected absorb(s: AreaSlots, f: FormContext, asking: string | undefined, override: boolean): void {
    const e = f.entities;
    if (e.district) {
      fill(s, 'district', e.district, override || asking === 'district' || asking === 'districtPart');
      delete s.districtChoices;
    } else if (e.districtChoices && !s.district) s.districtChoices = e.districtChoices;
    if (f.reading.cues.rumour) s.rumour = true;
  }

  protected override understood(s: AreaSlots, f: FormContext): string | undefined {
    return s.rumour ? f.t('area:rumourFirst') : undefined;
  }

  protected override traceSlots(s: AreaSlots): Record<string, unknown> {
    return { district: s.district };
  }

  protected async finish(dc: DialogContext, s: AreaSlots, f: FormContext): Promise<DialogTurnResult> {
    await sendAreaFacts(f.context, this.services, s.district!, s.rumour === true);
    return dc.endDialog({ quiet: true });
  }
}

/** The facts, then how to report and who works locally; remembered for follow-up questions. */
export async function sendAreaFacts(context: TurnContext, services: DialogServices, district: DistrictId, rumour: boolean): Promise<void> {
  const t = turnT(context);
  const lang = turnLanguage(context);
  const facts = services.catalog.areaFacts(district);
  await context.sendActivity(factsText(facts, services.catalog.district(district).name, rumour, t, lang));
  const local = initiativesText(facts, t, lang);
  const police = services.catalog.helplines.policeNonUrgent;
  const next = [t('area:howToReport', { police: police.phone, emergency: services.catalog.helplines.emergency.phone }), ...(local ? ['', local] : [])].join('\n');
  const buttons = [t('common:menu.report'), t('common:menu.counsellor')];
  await context.sendActivity(MessageFactory.suggestedActions(buttons.map((title) => ({ type: ActionTypes.ImBack, title, value: title })), next));
  turnData(context).conversation.lastAnswer = { kind: 'area', district };
  recordTrace(context, { route: 'area', areaFacts: district });
}

/** The district's figures against the city's, each with source and date; the trend; where updates are published. */
function factsText(facts: AreaFacts, name: string, rumour: boolean, t: TFunction, lang: Lang): string {
  const city = facts.cityAverage;
  const safe = facts.feelSafePercent;
  const incidents = facts.incidentsPer1000;
  const compare = (mine: number, avg: number, higherIsBetter: boolean) => {
    if (Math.abs(mine - avg) / Math.max(avg, 1) < 0.05) return t('area:compare.same');
    return (mine > avg) === higherIsBetter ? t('area:compare.better') : t('area:compare.worse');
  };
  const lines = [
    t(rumour ? 'area:factsIntroRumour' : 'area:factsIntro', { district: name }),
    `• ${t('area:feelSafe', { value: safe.value, city: city.feelSafePercent.value, compare: compare(safe.value, city.feelSafePercent.value, true), source: sourceText(safe, lang) })}`,
    `• ${t('area:incidents', { value: incidents.value, city: city.incidentsPer1000.value, compare: compare(incidents.value, city.incidentsPer1000.value, false), source: sourceText(incidents, lang) })}`,
    `• ${t(`area:trend.${facts.trend.direction}`)} ${inLanguage(facts.trend.note, lang)}`,
    '',
    t('area:updates', { where: facts.officialUpdates.map((u) => `${displayName(u, lang)} – ${u.website}`).join('; ') }),
  ];
  if (facts.isSample) lines.push(t('area:sample'));
  return lines.join('\n');
}

function sourceText(figure: AreaFigure, lang: Lang): string {
  // The year tells how old a figure is: "30 November" alone reads as last week.
  return `${figure.source.name}, ${formatDateWithYear(figure.date, lang)}`;
}

function initiativesText(facts: AreaFacts, t: TFunction, lang: Lang): string | undefined {
  if (facts.initiatives.length === 0) return undefined;
  const lines = facts.initiatives.map((i) => {
    const how = [i.contact.phone, i.contact.website, i.contact.email].filter(Boolean).join(' · ');
    return `• ${displayName({ name: i.name }, lang)}: ${inLanguage(i.about, lang)}${how ? ` (${how})` : ''}`;
  });
  return [t('area:localIntro'), ...lines].join('\n');
}
