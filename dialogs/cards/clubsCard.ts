import { CardFactory, type Attachment } from 'botbuilder';

/**
 * The club list as the resident sees it, already in their language: the dialog decides the words, this
 * file only lays them out, once as an Adaptive Card and once as plain text for channels without cards.
 */
export interface ClubView {
  name: string;
  district: string;
  /** "Open now, until 21:30", "Closed this evening", "Saturday: 16:00–22:00". */
  status: string;
  /** Open at the asked time: shown in green; closed: shown subdued. Undefined when no time was asked. */
  open?: boolean;
  ages: string;
  interests: string;
  address: string;
  contact: string;
  website?: string;
  /** Set when the club helps with leisure jobs. */
  leisureJob?: string;
}

export interface ClubListView {
  intro: string;
  clubs: ClubView[];
  labels: { district: string; ages: string; activities: string; address: string; contact: string; website: string };
  /** Arabic, Farsi, Urdu: the card is laid out right to left. */
  rtl: boolean;
}

/**
 * Channels known to render Adaptive Cards. Anything else (SMS, Telegram, a terminal chat...) gets the
 * plain-text list, because an unrendered card would leave the resident with nothing.
 */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'emulator', 'directline', 'test']);

export function supportsCards(channelId: string | undefined): boolean {
  return CARD_CHANNELS.has((channelId ?? '').toLowerCase());
}

export function clubsText(view: ClubListView): string {
  const blocks = view.clubs.map((c, i) => {
    const lines = [
      `${i + 1}. ${c.name} – ${c.district}`,
      `   ${c.status}`,
      `   ${view.labels.ages}: ${c.ages} · ${c.interests}`,
      `   ${view.labels.address}: ${c.address}`,
      `   ${view.labels.contact}: ${c.contact}`,
    ];
    if (c.leisureJob) lines.push(`   ${c.leisureJob}`);
    return lines.join('\n');
  });
  return [view.intro, ...blocks].join('\n\n');
}

export function clubsCard(view: ClubListView): Attachment {
  // The intro travels as the message text beside the card, so the card starts with the first club.
  const body: unknown[] = [];
  for (const c of view.clubs) {
    const items: unknown[] = [
      { type: 'TextBlock', text: c.name, wrap: true, weight: 'Bolder', size: 'Medium' },
      {
        type: 'TextBlock',
        text: c.status,
        wrap: true,
        spacing: 'None',
        color: c.open === undefined ? 'Default' : c.open ? 'Good' : 'Attention',
      },
      {
        type: 'FactSet',
        facts: [
          { title: view.labels.district, value: c.district },
          { title: view.labels.ages, value: c.ages },
          { title: view.labels.activities, value: c.interests },
          { title: view.labels.address, value: c.address },
          { title: view.labels.contact, value: c.contact },
        ],
      },
    ];
    if (c.leisureJob) items.push({ type: 'TextBlock', text: c.leisureJob, wrap: true, isSubtle: true });
    if (c.website) items.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: view.labels.website, url: c.website }] });
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    // A client that cannot render the card shows this instead, so nothing is lost.
    fallbackText: clubsText(view),
    ...(view.rtl ? { rtl: true } : {}),
    body,
  });
}
