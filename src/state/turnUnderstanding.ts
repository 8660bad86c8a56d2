import type { TurnContext } from 'botbuilder';

/**
 * What the pipeline understood of this turn's message (route, confidence, danger), computed once and read
 * by the main dialog, so a message is classified once per turn.
 */
const UNDERSTOOD = Symbol('brobygger.understood');

export interface TurnUnderstanding {
  text: string;
  route: 'interpreter' | 'mediation' | 'discrimination' | 'clubs' | 'counsellor' | 'none';
  confidence: number;
  alternatives: { route: TurnUnderstanding['route']; confidence: number }[];
  /** Sure enough to act on without asking back. */
  confident: boolean;
  urgent: boolean;
  /** The safety screen found a danger word (not only the classifier's guess). */
  dangerWord: boolean;
  danger?: string;
  /** A command word recognised in the resident's language (help, cancel, human, ...). */
  command?: string;
  /** The resident pressed a menu button or otherwise named a route exactly. */
  exact?: boolean;
}

export function setTurnUnderstanding(context: TurnContext, understood: TurnUnderstanding): void {
  context.turnState.set(UNDERSTOOD, understood);
}

export function turnUnderstanding(context: TurnContext): TurnUnderstanding | undefined {
  return context.turnState.get(UNDERSTOOD);
}
