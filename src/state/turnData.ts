import type { TurnContext } from 'botbuilder';
import type { ConversationData, TranscriptLine, UserData } from './types';

/**
 * The loaded state of the current turn, put on the TurnContext by the bot pipeline so dialogs and
 * services can read and change it without knowing how it is stored. Per turn, never shared.
 */
const TURN_DATA = Symbol('brobygger.turnData');

export interface TurnData {
  conversation: ConversationData;
  user: UserData;
  /** Asks the pipeline to delete this conversation's and this user's state at the end of the turn. */
  deleteAll(): void;
  /** What was said lately in this conversation, this turn included (for a counsellor taking over). */
  recentTranscript(): Promise<TranscriptLine[]>;
}

export function setTurnData(context: TurnContext, data: TurnData): void {
  context.turnState.set(TURN_DATA, data);
}

export function turnData(context: TurnContext): TurnData {
  const data = context.turnState.get(TURN_DATA) as TurnData | undefined;
  if (!data) throw new Error('turn data not set: the bot pipeline sets it before dialogs run');
  return data;
}
