import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type * as AdaptiveCards from 'adaptivecards';

// The package's lib/ is ES modules without file extensions, which Node cannot load; dist/ is its UMD build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC: typeof AdaptiveCards = require('adaptivecards/dist/adaptivecards.js');

/** What the bot sent to Teams' connector: a new message (post), a reply, a card update (put) or a deletion. */
export interface ConnectorCall {
  method: string;
  /** Decoded conversation id from the URL (with `;messageid=` for a channel thread). */
  conversationId: string;
  /** The message replied to (reply) or updated (put). */
  activityId?: string;
  /** The id this fake gave a new message. */
  id?: string;
  activity: Partial<Activity>;
}

export interface FakeTeamsConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Members Teams would return for `GET …/members/{id}` (aadObjectId, userPrincipalName). */
  members: Map<string, Record<string, unknown>>;
  waitFor(match: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

/**
 * Teams' side of the Bot Framework connector protocol (the `serviceUrl` of Teams activities): takes posts,
 * replies and updates like Teams does and answers with message ids, and answers member look-ups.
 */
export async function startFakeTeamsConnector(): Promise<FakeTeamsConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, Record<string, unknown>>();
  let next = 1700000000000;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      // v3 / conversations / {conversationId} / (activities [/ {id}] | members / {id})
      const conversationId = parts[2] ?? '';
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (parts[3] === 'members' && req.method === 'GET') {
        const member = members.get(parts[4] ?? '');
        return member ? send(200, { id: parts[4], ...member }) : send(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      }
      let activity: Partial<Activity> = {};
      try {
        activity = JSON.parse(body || '{}');
      } catch {
        return send(400, { error: { code: 'BadSyntax', message: 'bad json' } });
      }
      const id = req.method === 'PUT' || req.method === 'DELETE' ? parts[4] : String(++next);
      const method = req.method === 'PUT' || req.method === 'DELETE' ? req.method : parts[4] ? 'REPLY' : 'POST';
      calls.push({ method, conversationId, activityId: parts[4], id, activity });
      send(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    members,
    async waitFor(match, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching call to Teams; got ${JSON.stringify(calls.map((c) => [c.method, c.conversationId, c.activity.text ?? c.activity.attachments?.[0]?.contentType]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Adaptive Card in a connector call, if any. */
export function cardOf(call: ConnectorCall | undefined): any {
  return call?.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every text a card shows (TextBlocks, TextRuns, facts, choices, action titles), for assertions. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.text === 'string') out.push(node.text);
    if (typeof node.title === 'string') out.push(node.title);
    if (typeof node.value === 'string' && node.title) out.push(node.value);
    if (typeof node.label === 'string') out.push(node.label);
    for (const [k, v] of Object.entries(node)) if (k !== 'data' && typeof v === 'object') walk(v);
  };
  walk(card);
  return out.join('\n');
}

function types(node: any, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => types(n, out));
    return out;
  }
  if (typeof node.type === 'string') out.push(node.type);
  for (const [k, v] of Object.entries(node)) if (k !== 'data' && typeof v === 'object') types(v, out);
  return out;
}

/**
 * Parses a card with the Adaptive Cards library, as a Teams client would: no parse warnings (unknown
 * element, action or property value), a fallback text, and nothing dropped in the round trip.
 */
export function validateCard(card: any): string[] {
  const problems: string[] = [];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  if (typeof card.fallbackText !== 'string' || card.fallbackText.trim() === '') problems.push('no fallbackText');
  const before = types(card).sort();
  const after = types(parsed.toJSON()).sort();
  if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(`elements changed in the round trip: ${before} -> ${after}`);
  return problems;
}
