import type { Storage, StoreItems, TurnContext } from 'botbuilder';
import { TurnState } from '@microsoft/teams-ai';
import type { TurnLease } from '../storage/conversationLock';
import type { ConversationData, UserData } from '../state/types';

/**
 * Teams AI's turn state, fed by the turn lock: the state documents were read together with the lock request
 * (one round trip instead of two), and the lock is let go right after the state write is issued (Redis runs
 * the write first), instead of one more round trip after it has come back.
 */
const LEASE = Symbol('brobygger.turnLease');

export function setTurnLease(context: TurnContext, lease: TurnLease<StoreItems>): void {
  context.turnState.set(LEASE, lease);
}

/** The keys Teams AI's TurnState reads, computed the same way; undefined when the activity lacks a part. */
export function stateKeys(context: TurnContext): string[] | undefined {
  const a = context.activity;
  const channelId = a?.channelId;
  const botId = a?.recipient?.id;
  const conversationId = a?.conversation?.id;
  const userId = a?.from?.id;
  if (!channelId || !botId || !conversationId || !userId) return undefined;
  return [`${channelId}/${botId}/conversations/${conversationId}`, `${channelId}/${botId}/users/${userId}`];
}

export class AppTurnState extends TurnState<ConversationData, UserData> {
  override load(context: TurnContext, storage?: Storage): Promise<boolean> {
    const lease = context.turnState.get(LEASE) as TurnLease<StoreItems> | undefined;
    if (!storage || !lease?.prefetched) return super.load(context, storage);
    const prefetched = lease.prefetched;
    return super.load(context, { ...bind(storage), read: async () => prefetched });
  }

  override save(context: TurnContext, storage?: Storage): Promise<void> {
    const lease = context.turnState.get(LEASE) as TurnLease<StoreItems> | undefined;
    if (!storage || !lease) return super.save(context, storage);
    return super.save(context, {
      ...bind(storage),
      write: (changes: StoreItems) => {
        const written = storage.write(changes);
        // After the current synchronous code, so a delete issued beside the write also goes out first.
        queueMicrotask(() => lease.releaseAfterIssuedWrite());
        return written;
      },
    });
  }
}

function bind(storage: Storage): Storage {
  return { read: (keys) => storage.read(keys), write: (changes) => storage.write(changes), delete: (keys) => storage.delete(keys) };
}
