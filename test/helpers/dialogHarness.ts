import { MemoryStorage, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import * as path from 'node:path';
import type { DialogServices } from '../../dialogs/services';
import { loadCatalog, type Catalog } from '../../src/catalog';
import { createTranslator, type Translator } from '../../src/language/i18n';
import { RequestStore } from '../../src/requests/requestStore';
import type { Lang } from '../../src/language/languages';
import { setTurnLanguage } from '../../src/language/turnLanguage';
import { setTurnData, type TurnData } from '../../src/state/turnData';
import { setTurnUnderstanding } from '../../src/state/turnUnderstanding';
import { CONFIDENCE_THRESHOLD, EntityReader, withEntities } from '../../src/understanding';
import { sharedUnderstanding } from './sharedModel';
import type { ConversationData, UserData } from '../../src/state/types';

let translatorPromise: Promise<Translator> | undefined;
export function testTranslator(): Promise<Translator> {
  translatorPromise ??= createTranslator(path.join(__dirname, '..', '..', 'locales'));
  return translatorPromise;
}

/** Text as a resident sees it: without the invisible right-to-left marks the bot adds for ar/fa/ur. */
export function visible(text: string | undefined): string {
  return (text ?? '').replace(/\u200F/g, '');
}

/**
 * Drives one dialog through botbuilder-testing's DialogTestClient, with what the bot pipeline normally puts
 * on each turn: the resident's language (fixed `t`) and the conversation/user state objects.
 */
export async function dialogClient(dialog: Dialog, lang: Lang, options?: unknown, now: Date = THURSDAY_10, channelId = 'test', localesDir = path.join(ROOT, 'locales')) {
  const translator = await testTranslator();
  const understanding = await sharedUnderstanding();
  let entities = entityReaders.get(localesDir);
  if (!entities) {
    entities = EntityReader.load(localesDir, loadCatalog(path.join(ROOT, 'data')));
    entityReaders.set(localesDir, entities);
  }
  const state: { conversation: ConversationData; user: UserData; deleted: boolean } = {
    conversation: { language: lang },
    user: { language: lang },
    deleted: false,
  };
  const turnSetup: Middleware = {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      setTurnLanguage(context, lang, translator.fixed(lang));
      const data: TurnData = { conversation: state.conversation, user: state.user, deleteAll: () => (state.deleted = true), recentTranscript: async () => [] };
      setTurnData(context, data);
      // What the pipeline reads in every message (the dialogs fill their slots from it).
      const text = context.activity.text ?? '';
      const reading = withEntities(understanding.read(text, lang), entities!, now);
      setTurnUnderstanding(context, {
        reading,
        pressedButton: false,
        confident: reading.intent.confidence >= CONFIDENCE_THRESHOLD,
        reread: (other) => withEntities(understanding.read(other, lang), entities!, now),
      });
      await next();
    },
  };
  const client = new DialogTestClient(channelId, dialog, options, [turnSetup], undefined);
  return { client, state, t: translator.fixed(lang) };
}

const ROOT = path.join(__dirname, '..', '..');
/** Entity readers by locales directory (the word lists are read once per directory). */
const entityReaders = new Map<string, EntityReader>();
let sharedCatalog: Catalog | undefined;

/** Thursday 26 November 2026, 10:00 in Copenhagen (UTC+1 in November). */
export const THURSDAY_10 = new Date('2026-11-26T09:00:00Z');

/** What a service dialog is built with in tests: the real data and word lists, memory storage, a fixed clock. */
export function testServices(now: Date = THURSDAY_10): DialogServices & { requests: RequestStore } {
  sharedCatalog ??= loadCatalog(path.join(ROOT, 'data'));
  const clock = () => now;
  return { catalog: sharedCatalog, requests: new RequestStore(new MemoryStorage(), clock), clock, localesDir: path.join(ROOT, 'locales') };
}

/** The button titles of a reply. */
export const buttonsOf = (a: Partial<Activity> | undefined) => (a?.suggestedActions?.actions ?? []).map((x) => String(x.title));

/** A request's reference number as residents are given it. */
export const REFERENCE = /BB-[2-9A-HJKMNP-Z]{6}/;

/** Takes every reply still waiting in the test client's queue (the replies of a turn already read in part). */
export function drain(client: { getNextReply(): Partial<Activity> | undefined }): Partial<Activity>[] {
  const out: Partial<Activity>[] = [];
  for (let r = client.getNextReply(); r; r = client.getNextReply()) out.push(r);
  return out;
}
