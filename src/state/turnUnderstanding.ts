import type { TurnContext } from 'botbuilder';
import type { Reading, Route } from '../understanding';
import type { Decision } from '../understanding/policy';

/**
 * What understanding read in this turn's message, computed once by the pipeline and read by the dialogs
 * (the router decides with the turn policy; service dialogs fill their slots from it).
 */
const UNDERSTOOD = Symbol('brobygger.understood');
const DECISION = Symbol('brobygger.decision');

export interface TurnUnderstanding {
  reading: Reading;
  /** The resident pressed a menu button (its label names a route exactly). */
  menuRoute?: Route;
  /** The message is one of the buttons the bot just showed. */
  pressedButton: boolean;
  /** The intent is sure enough to act on without asking back. */
  confident: boolean;
  /** Reads another message the same way (a dialog begun with an earlier message: "shall we do Y?" → "yes"). */
  reread?: (text: string) => Reading;
}

export function setTurnUnderstanding(context: TurnContext, understood: TurnUnderstanding): void {
  context.turnState.set(UNDERSTOOD, understood);
}

export function turnUnderstanding(context: TurnContext): TurnUnderstanding | undefined {
  return context.turnState.get(UNDERSTOOD);
}

/** The router's decision for this turn (service dialogs read a change-of-course candidate from it). */
export function setTurnDecision(context: TurnContext, decision: Decision): void {
  context.turnState.set(DECISION, decision);
}

export function turnDecision(context: TurnContext): Decision | undefined {
  return context.turnState.get(DECISION);
}
