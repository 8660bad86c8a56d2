import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { turnT } from '../src/language/turnLanguage';
import { turnData } from '../src/state/turnData';
import { turnUnderstanding, type TurnUnderstanding } from '../src/state/turnUnderstanding';
import { buttons, languageMessage, MENU_ROUTES, menuMessage } from './menu';
import { PRIVACY_DIALOG } from './privacy';

export const MAIN_DIALOG = 'main';
export const HUMAN_DIALOG = 'human';

/** Options the `human` dialog is begun with. */
export interface HumanDialogOptions {
  reason: 'asked' | 'not_understood' | 'danger';
  urgent: boolean;
  topic: TurnUnderstanding['route'];
  dangerCategory?: string;
}

type Route = TurnUnderstanding['route'];
const SERVICE_ROUTES: Route[] = ['interpreter', 'mediation', 'discrimination', 'clubs'];

/**
 * The router. Each message first passes the interruptions (danger, help, cancel, menu, a person, delete my
 * data, language), which work at every step of every service dialog; then the active service dialog
 * continues, or the message is routed to one.
 *
 * Service dialogs are registered under their route's name (`interpreter`, `mediation`, ...), the handoff
 * dialog as `human`, the delete-my-data dialog as `privacy`.
 */
export class MainDialog extends ComponentDialog {
  constructor(children: Dialog[]) {
    super(MAIN_DIALOG);
    for (const child of children) this.addDialog(child);
    this.addDialog(new WaterfallDialog('mainFlow', [this.routeStep.bind(this), this.finishStep.bind(this)]));
    this.initialDialogId = 'mainFlow';
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const understood = turnUnderstanding(innerDc.context);
    if (!understood) return undefined;
    const t = turnT(innerDc.context);
    const topic = this.activeRoute(innerDc) ?? understood.route;

    const conversation = turnData(innerDc.context).conversation;
    if (conversation.safetyCheckPending) {
      conversation.safetyCheckPending = undefined;
      // Only a clear "I'm safe" goes back to the question; any other answer is taken as a call for help.
      const safe = !understood.dangerWord && (understood.text === t('common:safetyCheck.safe') || understood.command === 'yes');
      if (safe && innerDc.activeDialog) {
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
      if (!safe) return this.urgentHandoff(innerDc, { ...understood, urgent: true }, topic);
    }
    if (understood.urgent) {
      // In the middle of a service dialog, a crisis the classifier only suspects (no danger word) is asked
      // about first: an answer phrased oddly should not bring 112 and the queue at once.
      if (!understood.dangerWord && innerDc.activeDialog) {
        conversation.safetyCheckPending = true;
        await innerDc.context.sendActivity(
          MessageFactory.suggestedActions(buttons([t('common:safetyCheck.safe'), t('common:safetyCheck.help')]), t('common:safetyCheck.question')),
        );
        return { status: DialogTurnStatus.waiting };
      }
      return this.urgentHandoff(innerDc, understood, topic);
    }
    switch (understood.command) {
      case 'help':
        await innerDc.context.sendActivity(t('common:help'));
        return this.resumeOrMenu(innerDc);
      case 'cancel':
      case 'menu':
        await innerDc.cancelAllDialogs();
        await innerDc.context.sendActivity(menuMessage(t, understood.command === 'cancel' ? `${t('common:cancelled')} ${t('common:menuPrompt')}` : t('common:menuPrompt')));
        return { status: DialogTurnStatus.complete };
      case 'human': {
        await innerDc.cancelAllDialogs();
        const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: topic === 'none' ? 'counsellor' : topic };
        return this.beginOrSay(innerDc, HUMAN_DIALOG, options);
      }
      case 'deleteData':
        // On top of the current dialog: if the resident keeps their data, the question they were answering
        // is asked again.
        return innerDc.beginDialog(PRIVACY_DIALOG);
      case 'yes':
      case 'no':
        // "ja", "ok", "no" with nothing asked: show what the bot can do.
        if (innerDc.activeDialog) return undefined;
        await innerDc.context.sendActivity(menuMessage(t, t('common:menuPrompt')));
        return { status: DialogTurnStatus.complete };
      case 'greeting':
      case 'thanks':
        // Inside a dialog "hej" or "tak" is part of the answer; only between dialogs is it small talk.
        if (innerDc.activeDialog) return undefined;
        await innerDc.context.sendActivity(menuMessage(t, t(understood.command === 'greeting' ? 'common:greetingBack' : 'common:thanksBack')));
        return { status: DialogTurnStatus.complete };
      case 'language':
        turnData(innerDc.context).conversation.languageMenuOpen = true;
        await innerDc.context.sendActivity(languageMessage(t('common:languageChoicePrompt')));
        return innerDc.activeDialog ? { status: DialogTurnStatus.waiting } : { status: DialogTurnStatus.complete };
      default:
        return undefined;
    }
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const t = turnT(context);
    const understood = turnUnderstanding(context);
    const conversation = turnData(context).conversation;
    if (!understood?.text) {
      await context.sendActivity(menuMessage(t, t('common:menuPrompt')));
      return step.endDialog();
    }
    const route = understood.route;
    if (understood.exact || understood.confident) {
      if (route === 'counsellor') {
        conversation.misses = 0;
        const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: 'counsellor' };
        return this.beginOrSay(step, HUMAN_DIALOG, options);
      }
      if (SERVICE_ROUTES.includes(route) && this.findDialog(route)) {
        conversation.misses = 0;
        return step.beginDialog(route, { text: understood.exact ? '' : understood.text });
      }
    }
    // Not understood, or nothing of ours: after two misses in a row, offer a person.
    conversation.misses = (conversation.misses ?? 0) + 1;
    if (conversation.misses >= 2) {
      await context.sendActivity(
        MessageFactory.suggestedActions(buttons([t('common:menu.counsellor'), ...SERVICE_ROUTES.map((r) => t(`common:menu.${r}`))]), t('common:offerHuman')),
      );
      return step.endDialog();
    }
    if (understood.confident && route === 'none') {
      await context.sendActivity(menuMessage(t, t('common:outOfScope')));
      return step.endDialog();
    }
    const guesses = [route, ...understood.alternatives.map((a) => a.route)]
      .filter((r, i, all): r is (typeof MENU_ROUTES)[number] => (MENU_ROUTES as readonly string[]).includes(r) && all.indexOf(r) === i)
      .slice(0, 2);
    if (guesses.length > 0) {
      const labels = guesses.map((r) => t(`common:menu.${r}`));
      if (!guesses.includes('counsellor')) labels.push(t('common:menu.counsellor'));
      await context.sendActivity(MessageFactory.suggestedActions(buttons(labels), t('common:didYouMean')));
    } else {
      await context.sendActivity(menuMessage(t, t('common:notUnderstood')));
    }
    return step.endDialog();
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as { quiet?: boolean } | undefined;
    // A service dialog that handed the chat to a person, or said its own goodbye, needs no menu after it.
    if (!result?.quiet && !turnData(step.context).conversation.handoff) {
      const t = turnT(step.context);
      await step.context.sendActivity(menuMessage(t, t('common:anythingElse')));
    }
    return step.endDialog();
  }

  private async urgentHandoff(innerDc: DialogContext, understood: TurnUnderstanding, topic: Route): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    const options: HumanDialogOptions = { reason: 'danger', urgent: true, topic, dangerCategory: understood.danger };
    return this.beginOrSay(innerDc, HUMAN_DIALOG, options);
  }

  private async resumeOrMenu(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.activeDialog) {
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const t = turnT(innerDc.context);
    await innerDc.context.sendActivity(menuMessage(t, t('common:menuPrompt')));
    return { status: DialogTurnStatus.complete };
  }

  private activeRoute(innerDc: DialogContext): Route | undefined {
    const id = innerDc.stack.find((entry) => (SERVICE_ROUTES as string[]).includes(entry.id))?.id;
    return id as Route | undefined;
  }

  /** Begins a dialog that may not be registered yet in a partial build, saying so instead of failing. */
  private async beginOrSay(dc: DialogContext, id: string, options: object): Promise<DialogTurnResult> {
    if (this.findDialog(id)) return dc.beginDialog(id, options);
    await dc.context.sendActivity(turnT(dc.context)('common:error'));
    return { status: DialogTurnStatus.complete };
  }
}
