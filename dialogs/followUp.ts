import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import type { Club, DirectoryEntry, DistrictId } from '../src/catalog';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { sendAreaFacts } from './area';
import { entryText } from './information';
import { turnData } from '../src/state/turnData';
import { recordTrace } from '../src/state/turnTrace';
import { turnUnderstanding } from '../src/state/turnUnderstanding';
import { WEEKDAYS, weekdayOfDate, type Weekday } from '../src/time/copenhagen';
import type { FollowUp } from '../src/understanding';
import { contactLine } from './clubs';
import { FOLLOW_UP_DIALOG } from './main';
import type { DialogServices } from './services';

/**
 * Questions about the bot's last answer, outside any dialog: after a club list, "when is it open?", "where
 * is it?", "the second one", "is it free?", "Goorma ayay furan tahay Tingbjerg Pigeklub?"; after area facts,
 * "how does that compare?"; after directory entries, "how do I reach them?". Answered from what was shown
 * (`lastAnswer` in conversation state), never by starting the search again.
 */
export class FollowUpDialog extends Dialog {
  constructor(private readonly services: DialogServices) {
    super(FOLLOW_UP_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = turnT(context);
    const last = turnData(context).conversation.lastAnswer;
    const reading = turnUnderstanding(context)?.reading;
    if (!last || !reading) return dc.endDialog({ quiet: false });
    if (last.kind === 'area' && reading.cues.followUp === 'contact') {
      // "Where do I call if I see something?": the police's lines and the reporting desk.
      const { policeNonUrgent, emergency } = this.services.catalog.helplines;
      await context.sendActivity(t('area:howToReport', { police: policeNonUrgent.phone, emergency: emergency.phone }));
      recordTrace(context, { route: 'area' });
      return dc.endDialog({ quiet: true });
    }
    if (last.kind === 'area') {
      // "How does that compare?", "I'm not in danger, just the facts": the district's facts again.
      // "And what about Valby?": the district now named, else the one just given.
      await sendAreaFacts(context, this.services, reading.entities.district ?? (last.district as DistrictId), reading.cues.rumour);
      return dc.endDialog({ quiet: true });
    }
    if (last.kind === 'directory') {
      const entries = last.ids.map((id) => this.services.catalog.directory.find((e) => e.id === id)).filter((e): e is DirectoryEntry => !!e);
      const chosen = reading.cues.ordinal ? entries[reading.cues.ordinal - 1] : undefined;
      await context.sendActivity((chosen ? [chosen] : entries).map((e) => entryText(e, t, turnLanguage(context))).join('\n\n'));
      recordTrace(context, { route: 'information', directory: entries.map((x) => ({ id: x.id, topic: x.topic, reachable: !!(x.contact.phone || x.contact.website) })) });
      return dc.endDialog({ quiet: true });
    }
    const clubs = last.ids.map((id) => this.services.catalog.club(id)).filter((c): c is Club => !!c);
    // Which one: named ("Tingbjerg Pigeklub"), by number ("the second one"), or the only one listed.
    const named = reading.entities.club ? this.services.catalog.club(reading.entities.club) : undefined;
    const byNumber = reading.cues.ordinal ? clubs[reading.cues.ordinal - 1] : undefined;
    // "The one in Sydhavnen": the only listed club in the district named.
    const inDistrict = reading.entities.district ? clubs.filter((c) => c.district === reading.entities.district) : [];
    const picked = named ?? byNumber ?? (inDistrict.length === 1 ? inDistrict[0] : undefined);
    if (picked) {
      last.focus = picked.id;
      // A club named that was not in the list is now one of those talked about ("and where is it?").
      if (!last.ids.includes(picked.id)) last.ids = [...last.ids, picked.id];
    }
    const focus = last.focus ? (clubs.find((c) => c.id === last.focus) ?? this.services.catalog.club(last.focus)) : undefined;
    const chosen = picked ?? focus ?? (clubs.length === 1 ? clubs[0] : undefined);
    const ask: FollowUp = reading.cues.followUp ?? 'more';
    recordTrace(context, { route: 'clubs', decision: 'followUp' });
    const when = reading.entities.when;
    const day = when && 'date' in when ? weekdayOfDate(when.date) : undefined;
    if (chosen) {
      await context.sendActivity(this.answer(chosen, reading.cues.followUp ?? (day ? 'hours' : ask), t, day));
    } else {
      // "When is it open?" about a list of several: each of them, briefly.
      const lines = clubs.map((c, i) => `${i + 1}. ${c.name}: ${this.short(c, ask, t)}`);
      await context.sendActivity([t(ask === 'price' ? 'clubs:followUp.severalPrice' : 'clubs:followUp.several'), ...lines].join('\n'));
    }
    return dc.endDialog({ quiet: true });
  }

  private answer(club: Club, ask: FollowUp, t: TFunction, day?: Weekday): string {
    switch (ask) {
      case 'hours':
        // "Is it open on Saturday?": that day's hours, or plainly closed.
        if (day) {
          const ranges = club.hours[day] ?? [];
          const dayName = t(`clubs:day.${day}`);
          return ranges.length
            ? t('clubs:followUp.hoursOn', { name: club.name, day: dayName, hours: ranges.map(([a, b]) => `${a}–${b === '24:00' ? '00:00' : b}`).join(', ') })
            : t('clubs:followUp.closedOn', { name: club.name, day: dayName });
        }
        return t('clubs:followUp.hours', { name: club.name, hours: weekHours(club, t) });
      case 'where':
        return t('clubs:followUp.where', { name: club.name, address: club.address, district: this.services.catalog.district(club.district).name });
      case 'price':
        return t('clubs:followUp.price', { name: club.name, contact: contactLine(club) });
      case 'contact':
        return t('clubs:followUp.contact', { name: club.name, contact: contactLine(club) });
      default:
        return [
          `${club.name} – ${this.services.catalog.district(club.district).name}`,
          t('clubs:followUp.where', { name: club.name, address: club.address, district: this.services.catalog.district(club.district).name }),
          t('clubs:followUp.hours', { name: club.name, hours: weekHours(club, t) }),
          t('clubs:followUp.contact', { name: club.name, contact: contactLine(club) }),
        ].join('\n');
    }
  }

  private short(club: Club, ask: FollowUp, t: TFunction): string {
    if (ask === 'where') return club.address;
    if (ask === 'price' || ask === 'contact') return contactLine(club);
    return weekHours(club, t);
  }
}

/** "Monday–Thursday 14:00–21:30, Friday 14:00–17:00" in the resident's language. */
export function weekHours(club: Club, t: TFunction): string {
  const parts: { days: Weekday[]; hours: string }[] = [];
  for (const day of WEEKDAYS) {
    const ranges = club.hours[day];
    if (!ranges?.length) continue;
    const hours = ranges.map(([a, b]) => `${a}–${b === '24:00' ? '00:00' : b}`).join(', ');
    const prev = parts.at(-1);
    if (prev && prev.hours === hours && WEEKDAYS.indexOf(prev.days.at(-1)!) === WEEKDAYS.indexOf(day) - 1) prev.days.push(day);
    else parts.push({ days: [day], hours });
  }
  if (parts.length === 0) return t('clubs:followUp.noHours');
  const name = (d: Weekday) => t(`clubs:day.${d}`);
  return parts.map((p) => `${p.days.length > 2 ? `${name(p.days[0])}–${name(p.days.at(-1)!)}` : p.days.map(name).join(t('clubs:listSeparator'))} ${p.hours}`).join('; ');
}

