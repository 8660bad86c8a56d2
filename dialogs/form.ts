import { ActionTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { Dialog, DialogTurnStatus, type DialogContext, type DialogInstance, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import type { Lang } from '../src/language/languages';
import { normalizeText } from '../src/language/normalize';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { turnData } from '../src/state/turnData';
import { recordTrace } from '../src/state/turnTrace';
import { turnDecision, turnUnderstanding } from '../src/state/turnUnderstanding';
import { ANSWER_WORDS } from '../src/understanding/policy';
import type { Entities, Reading, ServiceRoute } from '../src/understanding';
import type { ServiceDialogOptions } from './main';
import { typedButtonNumber } from './menu';
import type { DialogServices } from './services';
import { TooManyOpenRequests } from '../src/limits/openRequests';

/**
 * A guided service as a form over entities (as Rasa's forms, on botbuilder-dialogs): the dialog lists the
 * slots it needs as questions, in order; every message — the first one and every answer — fills whatever
 * slots it speaks to (`absorb`), so nothing said is asked again; only what is still missing is asked; when
 * everything is there, `finish` gives the answer. A message that answers nothing asked is tried against
 * the other services before it is called wrong, and the way out is offered after the first miss.
 *
 * All of it lives in the dialog's state (plain JSON in conversation state), so any instance can take the
 * next turn.
 */
export interface FormContext {
  context: TurnContext;
  t: TFunction;
  lang: Lang;
  now: Date;
  reading: Reading;
  entities: Entities;
  /** The message that began the form (what it understood is said back on this turn). */
  first: boolean;
}

/** A button: its value for the slot, and how it is labelled (an i18n key, or a text such as a place name). */
export interface Choice<V> {
  value: V;
  key?: string;
  label?: string;
  args?: Record<string, unknown>;
}

export interface Prompt<V> {
  key: string;
  args?: Record<string, unknown>;
  /** Said instead of the question after an answer the form could not use. */
  retryKey?: string;
  /** Buttons that are the answers (also recognised when typed, by label or number). */
  choices?: Choice<V>[];
}

export interface Question<S, K extends keyof S & string = keyof S & string> {
  slot: K;
  /** A name of its own when two questions fill one slot ("which district?", then "which part of Amager?"). */
  id?: string;
  /** Asked only when this holds (default: the slot is still empty). */
  needed?(slots: S, f: FormContext): boolean;
  /** Its intro repeats everything understood (a summary before "shall I send it?"): nothing to say back before it. */
  recaps?: boolean;
  /** Said once before the question the first time it is asked (not on a retry, not on a re-ask). */
  intro?(slots: S, f: FormContext): Promise<void>;
  prompt(slots: S, f: FormContext): Prompt<S[K]>;
  /** The answer in the resident's own words, when no button was pressed. Undefined: not an answer. */
  read?(slots: S, f: FormContext): S[K] | undefined;
}

interface FormState<S> {
  slots: S;
  /** The slot the last question was about. */
  asking?: string;
  /** Answers in a row the form could not use. */
  misses: number;
}

/** After this many unusable answers the question also says how to start over or reach a person. */
const WAY_OUT_AFTER = 1;

export abstract class FormDialog<S extends object> extends Dialog {
  protected constructor(
    readonly route: ServiceRoute,
    protected readonly services: DialogServices,
  ) {
    super(route);
  }

  /** The questions, in the order they are asked. */
  protected abstract questions(): Question<S>[];
  /** Takes what a message says into the slots (any slot; `asking` is the question it answers). */
  protected abstract absorb(slots: S, f: FormContext, asking: string | undefined, override: boolean): void;
  /** Everything needed is there: give the answer and end (or hand over). */
  protected abstract finish(dc: DialogContext, slots: S, f: FormContext): Promise<DialogTurnResult>;
  /** What the form understood from the first message, said back ("13-year-old girl, Amager Øst, Sunday"). */
  protected understood?(slots: S, f: FormContext): string | undefined;
  /** Said when the form starts with nothing understood yet. */
  protected intro?(slots: S, f: FormContext): string | undefined;
  /** Runs before the next question: a form may leave here (mediation: "yes, I was threatened" hands over). */
  protected checkpoint?(dc: DialogContext, slots: S, f: FormContext): Promise<DialogTurnResult | undefined>;
  /** The slots as the scenario runner and tests read them. */
  protected traceSlots(slots: S): Record<string, unknown> {
    return { ...(slots as Record<string, unknown>) };
  }

  /** Slots to start from (a search refined after its answer: "and on Saturday?"). */
  protected initialSlots(_options: unknown): S {
    return {} as S;
  }

  override async beginDialog(dc: DialogContext, options?: ServiceDialogOptions): Promise<DialogTurnResult> {
    const refining = !!(options as { slots?: unknown } | undefined)?.slots;
    const state: FormState<S> = { slots: this.initialSlots(options), misses: 0 };
    dc.activeDialog!.state = state;
    let f = { ...this.formContext(dc.context), first: true };
    // Begun with an earlier message (a change of course agreed to with "yes"): that message is read.
    const reread = turnUnderstanding(dc.context)?.reread;
    if (options?.text && options.text.trim() !== f.reading.text && reread) {
      const reading = reread(options.text);
      f = { ...f, reading, entities: reading.entities };
    }
    // What the new message says replaces what the earlier search had ("and on Saturday?").
    if (options?.text) this.absorb(state.slots, f, undefined, refining);
    const missing = this.nextQuestion(state.slots, f);
    if (missing && !missing.recaps && !refining) {
      const said = options?.text ? this.understood?.(state.slots, f) : this.intro?.(state.slots, f);
      if (said) await dc.context.sendActivity(said);
    }
    return this.next(dc, state, f);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as FormState<S>;
    const f = this.formContext(dc.context);
    const asking = this.questions().find((q) => idOf(q) === state.asking);
    if (asking) {
      const before = JSON.stringify(state.slots);
      const chosen = this.chosen(asking, state.slots, f);
      // A correction ("no, she is 12", "sorry, actually…") may change what was said before.
      const override = f.reading.cues.correction || f.entities.answer === 'no';
      const slotBefore = JSON.stringify((state.slots as Record<string, unknown>)[asking.slot]);
      this.absorb(state.slots, f, asking.slot, override);
      // What the message's words filled the asked slot with ("I like making beats": music) is not replaced by
      // the question's catch-all reading of any answer ("an interest we have no word for").
      const filledByWords = JSON.stringify((state.slots as Record<string, unknown>)[asking.slot]) !== slotBefore;
      // A command is never a free-text answer: "please delete my data" is no date, area or interest, even if
      // the turn left it to the form.
      const command = f.reading.command && !ANSWER_WORDS.includes(f.reading.command);
      const typed = chosen === undefined && !filledByWords && !command ? asking.read?.(state.slots, f) : undefined;
      const value = chosen ?? typed;
      if (value !== undefined) (state.slots as Record<string, unknown>)[asking.slot] = value;
      // Anything new counts: "she likes football" to "which district?" is no miss, the district is asked again.
      const answered = value !== undefined || JSON.stringify(state.slots) !== before;
      if (!answered) return this.notAnAnswer(dc, state, f, asking);
      // "No, he is 12": what was said before has changed, so the resident sees what is now understood.
      const earlier = JSON.parse(before) as Record<string, unknown>;
      const changed = Object.keys(earlier).some((k) => JSON.stringify(earlier[k]) !== JSON.stringify((state.slots as Record<string, unknown>)[k]));
      if (override && changed) {
        const said = this.understood?.(state.slots, f);
        if (said) await dc.context.sendActivity(said);
      }
    }
    state.misses = 0;
    return this.next(dc, state, f);
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason): Promise<DialogTurnResult> {
    // An interruption on top of the form ("delete my data" → "no") is over: the question is asked again.
    // (A form leaves for a person with replaceDialog, so it is never resumed from the handoff.)
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return { status: DialogTurnStatus.waiting };
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as FormState<S>;
    const f = this.formContext(context);
    const q = this.questions().find((x) => idOf(x) === state.asking);
    if (q) await this.ask(context, q, state, f, false);
  }

  /** Whether the question last asked is one answered by yes or no. */
  asksYesNo(context: TurnContext, instance: DialogInstance): boolean {
    const state = instance.state as FormState<S>;
    const q = this.questions().find((x) => idOf(x) === state.asking);
    if (!q) return false;
    const values = (q.prompt(state.slots, this.formContext(context)).choices ?? []).map((c) => c.value as unknown);
    return values.includes('yes') && values.includes('no');
  }

  // -------------------------------------------------------------------------------------------------

  protected formContext(context: TurnContext): FormContext {
    const reading = turnUnderstanding(context)?.reading;
    const empty: Reading = {
      text: '',
      normalized: '',
      lang: turnLanguage(context),
      wordCount: 0,
      intent: { route: 'none', confidence: 0, alternatives: [] },
      safety: { soft: false, fiction: false, notInDanger: false },
      cues: { correction: false, rumour: false, dangerNow: false, declines: false },
      entities: { numbers: [] },
    };
    const r = reading ?? empty;
    return { context, t: turnT(context), lang: turnLanguage(context), now: this.services.clock(), reading: r, entities: r.entities, first: false };
  }

  private isNeeded(q: Question<S>, slots: S, f: FormContext): boolean {
    return q.needed ? q.needed(slots, f) : (slots as Record<string, unknown>)[q.slot] === undefined;
  }

  private nextQuestion(slots: S, f: FormContext): Question<S> | undefined {
    return this.questions().find((q) => this.isNeeded(q, slots, f));
  }

  private async next(dc: DialogContext, state: FormState<S>, f: FormContext): Promise<DialogTurnResult> {
    recordTrace(dc.context, { route: this.route, slots: this.traceSlots(state.slots) });
    const left = await this.checkpoint?.(dc, state.slots, f);
    if (left) return left;
    const q = this.nextQuestion(state.slots, f);
    if (!q) {
      state.asking = undefined;
      try {
        return await this.finish(dc, state.slots, f);
      } catch (err) {
        // The request store refused a request over the cap (src/limits/openRequests.ts): nothing was saved.
        if (!(err instanceof TooManyOpenRequests)) throw err;
        await dc.context.sendActivity(f.t('common:tooManyOpenRequests', { max: err.max }));
        return dc.endDialog();
      }
    }
    const first = state.asking !== idOf(q);
    state.asking = idOf(q);
    if (first && q.intro) await q.intro(state.slots, f);
    await this.ask(dc.context, q, state, f, false);
    return { status: DialogTurnStatus.waiting };
  }

  private async notAnAnswer(dc: DialogContext, state: FormState<S>, f: FormContext, q: Question<S>): Promise<DialogTurnResult> {
    // Before calling it wrong: does the message ask for another service? Then ask once whether to go there.
    const candidate = (() => {
      const d = turnDecision(dc.context);
      return d?.action === 'continue' ? d.switchCandidate : undefined;
    })();
    if (candidate) {
      const t = f.t;
      turnData(dc.context).conversation.pendingSwitch = { route: candidate.route, text: f.reading.text };
      const to = t(`common:service.${candidate.route}`);
      const from = t(`common:service.${this.route}`);
      await dc.context.sendActivity(
        MessageFactory.suggestedActions(
          [t('common:switch.yes', { service: to }), t('common:switch.no', { service: from })].map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
          t('common:switch.offer', { from, to }),
        ),
      );
      recordTrace(dc.context, { route: this.route, asked: 'switch', slots: this.traceSlots(state.slots) });
      return { status: DialogTurnStatus.waiting };
    }
    state.misses++;
    recordTrace(dc.context, { route: this.route, slots: this.traceSlots(state.slots) });
    await this.ask(dc.context, q, state, f, true);
    return { status: DialogTurnStatus.waiting };
  }

  /** Sends the question, rendered now in the turn's language (so a language switch re-asks in the new one). */
  private async ask(context: TurnContext, q: Question<S>, state: FormState<S>, f: FormContext, retry: boolean): Promise<void> {
    const p = q.prompt(state.slots, f);
    let text = f.t(retry && p.retryKey ? p.retryKey : p.key, p.args ?? {}) as string;
    if (retry && state.misses >= WAY_OUT_AFTER) text = `${text}\n\n${f.t('common:stuckHint')}`;
    const labels = (p.choices ?? []).map((c) => label(c, f.t));
    const message: Partial<Activity> = labels.length
      ? MessageFactory.suggestedActions(labels.map((title) => ({ type: ActionTypes.ImBack, title, value: title })), text)
      : MessageFactory.text(text);
    recordTrace(context, { asked: q.slot });
    await context.sendActivity(message);
  }

  /** A pressed button (its label in the current language, or its number typed). */
  private chosen<K extends keyof S & string>(q: Question<S, K>, slots: S, f: FormContext): S[K] | undefined {
    const choices = q.prompt(slots, f).choices ?? [];
    if (choices.length === 0) return undefined;
    const typed = typedButtonNumber(f.reading.text);
    if (typed !== undefined && typed >= 1 && typed <= choices.length) return choices[typed - 1].value;
    const said = normalizeText(f.reading.text);
    return choices.find((c) => normalizeText(label(c, f.t)) === said)?.value;
  }
}

function idOf<S>(q: Question<S>): string {
  return q.id ?? q.slot;
}

function label<V>(c: Choice<V>, t: TFunction): string {
  return c.label ?? (t(c.key ?? '', c.args ?? {}) as string);
}

/** Sets a slot when a value was found and the slot is empty, or when the resident corrects it. */
export function fill<S, K extends keyof S>(slots: S, slot: K, value: S[K] | undefined, override: boolean): void {
  if (value === undefined) return;
  if (slots[slot] === undefined || override) slots[slot] = value;
}
