import type { Storage, StoreItems, TurnContext } from 'botbuilder';
import { TurnState } from '@microsoft/teams-ai';
import type { TurnLease } from '../storage/conversationLock';
import type { ConversationData, UserData } from '../state/types';

/**
 * Teams AI's turn state, fed by the turn lock: the state documents were read together with the lock request
 * (one round trip instead of two), and the save is the lease's commit, which writes the conversation's state
 * and transcript lines and lets the lock go in one script, refused if the lock was lost (see conversationLock.ts).
 */
const LEASE = Symbol('brobygger.turnLease');

export function setTurnLease(context: TurnContext, lease: TurnLease): void {
  context.turnState.set(LEASE, lease);
}

export function turnLease(context: TurnContext): TurnLease | undefined {
  return context.turnState.get(LEASE) as TurnLease | undefined;
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
    const lease = turnLease(context);
    if (!storage || !lease?.prefetched) return super.load(context, storage);
    const prefetched = lease.prefetched;
    return super.load(context, { ...bind(storage), read: async () => prefetched });
  }

  override save(context: TurnContext, storage?: Storage): Promise<void> {
    const lease = turnLease(context);
    if (!storage || !lease) return super.save(context, storage);
    // Teams AI issues the write and the delete (of "delete my data") in the same tick: both join one commit.
    let committing: Promise<void> | undefined;
    const commitSoon = () => (committing ??= new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => lease.commit()));
    return super.save(context, {
      ...bind(storage),
      write: (changes: StoreItems) => {
        lease.stage({ changes });
        return commitSoon();
      },
      delete: (keys: string[]) => {
        lease.stage({ deletions: keys });
        return commitSoon();
      },
    });
  }
}

function bind(storage: Storage): Storage {
  return { read: (keys) => storage.read(keys), write: (changes) => storage.write(changes), delete: (keys) => storage.delete(keys) };
}
