import { TestAdapter, type Activity } from 'botbuilder';
import { createBrobygger, type Brobygger, type ComposeOptions } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createMemoryBackend } from '../../src/storage/backend';
import { sharedDetector, sharedUnderstanding } from './sharedModel';

/**
 * The whole bot (every part the server has) driven in-process through botbuilder's TestAdapter:
 * conversations read as "resident says X, bot answers Y".
 */
export async function createTestBot(options: ComposeOptions & { env?: Record<string, string> } = {}): Promise<Brobygger> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env });
  return createBrobygger(config, { backend: createMemoryBackend(), understanding: await sharedUnderstanding(), detector: sharedDetector(), ...options });
}

export function conversation(brobygger: Brobygger, id: string, user = `user-${id}`, locale?: string): TestAdapter {
  const adapter = new TestAdapter((context) => brobygger.bot.run(context));
  // A conversation of its own (TestAdapter would call every one "Convo1"), and no channel locale unless given.
  adapter.locale = locale ?? '';
  Object.assign(adapter.conversation, {
    channelId: 'test',
    serviceUrl: 'http://localhost/test',
    conversation: { id } as Activity['conversation'],
    user: { id: user, name: 'Resident' },
    bot: { id: 'brobygger', name: 'Brobygger' },
    locale: locale ?? '',
  });
  adapter.onTurnError = brobygger.adapter.onTurnError;
  return adapter;
}

/** Everything the bot said in reply to one message (TestAdapter queues them). */
export async function say(adapter: TestAdapter, text: string): Promise<Partial<Activity>[]> {
  adapter.activeQueue.splice(0);
  await adapter.receiveActivity(text);
  return adapter.activeQueue.splice(0);
}

export function texts(replies: Partial<Activity>[]): string {
  return replies.map((r) => (r.text ?? '').replace(/\u200F/g, '')).join('\n');
}

export function buttonTitles(replies: Partial<Activity>[]): string[] {
  return replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);
}
