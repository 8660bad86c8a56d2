import type { Translator } from '../language/i18n';
import type { Lang } from '../language/languages';
import type { Logger } from '../log';
import type { ConversationLock } from '../storage/conversationLock';
import type { HandoffStore } from './store';
import type { HandoffEvent, HandoffSession, ResidentAddress, ResidentMessage } from './types';

/**
 * When Redis loses its data (restarted without persistence), the handoffs go with it: the queue, who holds
 * which chat, the residents' addresses. The bot could then not tell anyone, and a resident talking to a
 * counsellor would simply be answered by the bot.
 *
 * So each instance keeps the last queue it read (refreshed with every sweep, at most 30 s old): for each
 * open chat only its conversation, channel address, language and whether a person had it, nothing anyone
 * wrote. When a loss is noticed, each of those residents is told in their language that the chat with the
 * person ended (or their place in the queue was lost) and how to reach a person again, with the button.
 * Several instances may hold the same list: each resident is told once, by whichever instance first writes
 * the conversation's new state under its turn lock (the others then find it). That state also keeps the
 * resident's language and tells the resident's next turn that the conversation is known again.
 */
interface OpenChat {
  conversationId: string;
  address: ResidentAddress;
  language: Lang;
  withPerson: boolean;
}

export interface HandoffRecoveryDeps {
  store: HandoffStore;
  lock: ConversationLock;
  translator: Translator;
  sendToResident(address: ResidentAddress, messages: ResidentMessage[]): Promise<void>;
  publish(event: HandoffEvent): Promise<void>;
  logger?: Logger;
}

export class HandoffRecovery {
  private lastSeen: OpenChat[] = [];

  constructor(private readonly deps: HandoffRecoveryDeps) {}

  /** Reads the open chats now (a failure keeps the previous list: Redis may be away). */
  async refresh(): Promise<void> {
    const ids = await this.deps.store.queuedConversationIds();
    const sessions = await this.deps.store.getSessions(ids);
    this.lastSeen = [...sessions.values()].filter((s) => s.status !== 'ended').map(openChat);
  }

  /** Tells the residents of the last known open chats; returns how many this instance told. */
  async dataLost(): Promise<number> {
    const chats = this.lastSeen;
    this.lastSeen = [];
    let told = 0;
    for (const chat of chats) {
      try {
        if (await this.tell(chat)) told++;
      } catch (err) {
        this.deps.logger?.warn({ event: 'handoff.recoveryFailed', error: (err as Error).name }, 'could not tell a resident their handoff was lost');
      }
    }
    if (chats.length) this.deps.logger?.warn({ event: 'handoff.lostWithData', open: chats.length, told }, 'handoffs lost with the Redis data');
    return told;
  }

  private async tell(chat: OpenChat): Promise<boolean> {
    const a = chat.address as { channelId?: string; bot?: { id?: string }; conversation?: { id?: string } };
    if (!a.channelId || !a.bot?.id || !a.conversation?.id) return false;
    const stateKey = `${a.channelId}/${a.bot.id}/conversations/${a.conversation.id}`;
    let first = false;
    await this.deps.lock.run(
      `${a.channelId}/${a.conversation.id}`,
      async (lease) => {
        // Written again since the loss (the resident wrote, or another instance told them): nothing to do.
        if (lease.prefetched?.[stateKey]) return;
        lease.stage({ changes: { [stateKey]: { turns: 0, language: chat.language } } });
        await lease.commit();
        first = true;
      },
      [stateKey],
    );
    if (!first) return false;
    const t = this.deps.translator.fixed(chat.language);
    const human = t('common:menu.counsellor');
    await this.deps.sendToResident(chat.address, [
      { text: t(chat.withPerson ? 'recovery:handoffEnded' : 'recovery:queueLost', { human }), locale: chat.language, suggestions: [{ title: human, value: human }] },
    ]);
    await this.deps.publish({ type: 'queue', change: 'ended', conversationId: chat.conversationId, at: new Date().toISOString() });
    return true;
  }
}

function openChat(s: HandoffSession): OpenChat {
  return { conversationId: s.conversationId, address: s.address, language: s.language, withPerson: s.status === 'claimed' };
}
