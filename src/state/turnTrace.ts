import type { TurnContext } from 'botbuilder';

/**
 * What the bot did in a turn, in words a test can check: the route it is on, the slot it asked for, what it
 * understood, the results it showed. Collected in turn state (never stored, never logged); the pipeline hands
 * it to an optional observer (the conversation scenario runner, tests).
 */
export interface TurnTrace {
  decision?: string;
  route?: string;
  switchedTo?: string;
  /** The slot the bot's question in this turn is about. */
  asked?: string;
  /** The service's slots after this turn (plain values). */
  slots?: Record<string, unknown>;
  /** Clubs shown: id and whether each is open at the time asked for. */
  clubs?: { id: string; open: boolean }[];
  /** The day (weekday, "now", "tonight") the clubs shown are open on, when a time was asked for. */
  openDay?: string;
  /** The day asked for, when the bot said plainly that nothing that fits is open then. */
  noneOpen?: string;
  /** Directory entries shown. */
  directory?: { id: string; topic: string; reachable: boolean }[];
  /** The district whose area facts were given. */
  areaFacts?: string;
  reference?: string;
  /** 112 and this kind's helpline were said before going on with the request. */
  safetyNote?: string;
}

const TRACE = Symbol('brobygger.trace');

export function recordTrace(context: TurnContext, part: TurnTrace): void {
  const trace = (context.turnState.get(TRACE) as TurnTrace | undefined) ?? {};
  context.turnState.set(TRACE, Object.assign(trace, part));
}

export function turnTrace(context: TurnContext): TurnTrace {
  return (context.turnState.get(TRACE) as TurnTrace | undefined) ?? {};
}
