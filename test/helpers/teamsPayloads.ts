import { randomUUID } from 'node:crypto';

/**
 * Activities shaped as Microsoft Teams posts them to a bot (Bot Framework v3 over HTTP), after the samples
 * in Microsoft's Teams bot documentation: ids with Teams' prefixes (`29:` users, `28:` bots, `19:` chats),
 * `channelData` with tenant, team and channel, `entities` with the mention and `clientInfo`, and the
 * `;messageid=` conversation of a channel thread.
 */
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_APP_ID = '5ea1b5e2-9f3c-4d1e-b6a7-2c8d9e0f1a2b';
export const BOT = { id: `28:${BOT_APP_ID}`, name: 'Brobygger' };
export const TEAM_ID = '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2';
export const STAFF_CHANNEL = '19:0f9e8d7c6b5a49382716f5e4d3c2b1a0@thread.tacv2';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const AMIRA: TeamsUser = { id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ', name: 'Amira Haddad', aadObjectId: '6b0a1e2c-3d4f-4a5b-8c6d-7e8f9a0b1c2d' };
/** Known to data/staff.json by sign-in name only: the bot must ask Teams who this is. */
export const JONAS: TeamsUser = { id: '29:1qP3vB8sXnU2kLmZ7aR4tY6wE9oI0pA5sD1fG3hJ8kL2zX4cV6bN7mQ9wE1rT3yU', name: 'Jonas Madsen', aadObjectId: '0d1c2b3a-4f5e-4d6c-9b8a-7f6e5d4c3b2a' };
export const STRANGER: TeamsUser = { id: '29:1Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpOoNnMmLlKkJjIiHhGgFfEeDdCcBbAa', name: 'Sam Stranger', aadObjectId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' };

const clientInfo = { type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Web', timezone: 'Europe/Copenhagen' };

function base(serviceUrl: string, from: TeamsUser) {
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    locale: 'da-DK',
    localTimezone: 'Europe/Copenhagen',
  };
}

const channelData = (channel = STAFF_CHANNEL) => ({
  teamsChannelId: channel,
  teamsTeamId: TEAM_ID,
  channel: { id: channel },
  team: { id: TEAM_ID },
  tenant: { id: TENANT_ID },
});

/** The app added to a team (the bot itself is the member added), into the channel the user picked. */
export function installInTeam(serviceUrl: string, from: Partial<TeamsUser> & { id: string }) {
  return {
    ...base(serviceUrl, from as TeamsUser),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: TEAM_ID },
    channelData: { team: { id: TEAM_ID, name: 'Brobygger rådgivere', aadGroupId: '4c3b2a19-0817-4f6e-9d5c-4b3a2918f7e6' }, eventType: 'teamMemberAdded', tenant: { id: TENANT_ID }, settings: { selectedChannel: { id: STAFF_CHANNEL } } },
  };
}

/** The app added to a 1:1 chat. */
export function installPersonal(serviceUrl: string, from: TeamsUser) {
  return {
    ...base(serviceUrl, from),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }, { id: from.id, aadObjectId: from.aadObjectId }],
    conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: `a:1${from.aadObjectId.replace(/-/g, '')}` },
    channelData: { tenant: { id: TENANT_ID } },
  };
}

/** A button press on a card (Universal Actions): `adaptiveCard/action` with the verb and the merged inputs. */
export function cardAction(serviceUrl: string, from: TeamsUser, verb: string, data: Record<string, unknown>, cardMessageId: string) {
  return {
    ...base(serviceUrl, from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: `${STAFF_CHANNEL};messageid=${cardMessageId}` },
    replyToId: cardMessageId,
    channelData: { ...channelData(), source: { name: 'message' }, legacy: { replyToId: `1:${cardMessageId}` } },
    entities: [clientInfo],
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: verb === 'handoff.refresh' ? 'automatic' : 'manual' },
  };
}

/** A reply in a card's thread in the staff channel, @mentioning the bot (and its HTML copy, as Teams adds). */
export function threadReply(serviceUrl: string, from: TeamsUser, text: string, cardMessageId: string, options: { mention?: boolean; extraEntities?: unknown[] } = {}) {
  const mention = options.mention ?? true;
  const at = `<at>${BOT.name}</at>`;
  const full = mention ? `${at} ${text}` : text;
  return {
    ...base(serviceUrl, from),
    type: 'message',
    id: String(Date.now()),
    textFormat: 'plain',
    text: full,
    attachments: [{ contentType: 'text/html', content: `<p>${mention ? `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${BOT.name}</span>&nbsp;` : ''}${text}</p>` }],
    entities: [...(mention ? [{ type: 'mention', mentioned: BOT, text: at }] : []), clientInfo, ...(options.extraEntities ?? [])],
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT_ID, id: `${STAFF_CHANNEL};messageid=${cardMessageId}` },
    replyToId: cardMessageId,
    channelData: channelData(),
  };
}

/** A message in the 1:1 chat with the bot. */
export function personalMessage(serviceUrl: string, from: TeamsUser, text: string) {
  return {
    ...base(serviceUrl, from),
    type: 'message',
    id: String(Date.now()),
    textFormat: 'plain',
    text,
    entities: [clientInfo],
    conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: `a:1${from.aadObjectId.replace(/-/g, '')}` },
    channelData: { tenant: { id: TENANT_ID } },
  };
}
