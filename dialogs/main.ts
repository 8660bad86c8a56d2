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
import type { TFunction } from 'i18next';
import type { Lang } from '../src/language/languages';
import { turnLanguage, turnT } from '../src/language/turnLanguage';
import { turnData } from '../src/state/turnData';
import { setTurnDecision, turnDecision, turnUnderstanding } from '../src/state/turnUnderstanding';
import { recordTrace } from '../src/state/turnTrace';
import type { DangerKind, DangerSignal, Route, ServiceRoute } from '../src/understanding';
import { isServiceRoute } from '../src/understanding';
import { decideTurn, type Decision } from '../src/understanding/policy';
import { joinSafetyLines } from '../src/handoff/texts';
import { buttons, languageMessage, MENU_ROUTES, menuMessage, typedButtonNumber } from './menu';
import { PRIVACY_DIALOG } from './privacy';
import { FormDialog } from './form';

export const MAIN_DIALOG = 'main';
export const HUMAN_DIALOG = 'human';
/** Answers questions about the last answer ("when is it open?", "the second one") outside a dialog. */
export const FOLLOW_UP_DIALOG = 'followUp';
const INFORMATION_DIALOG = 'information';
/** A question about the last answer is short ("when is it open?", "and the second one?"). */
const MAX_FOLLOW_UP_WORDS = 12;
/** A message that answers the form's yes/no question leaves the form only when it asks for another service this clearly. */
const CLEAR_SWITCH_CONFIDENCE = 0.6;
/** "Where is it?", "is it free?": a follow-up word and hardly anything else. */
const MAX_SHORT_FOLLOW_UP_WORDS = 4;

/** Options the `human` dialog is begun with. */
export interface HumanDialogOptions {
  reason: 'asked' | 'not_understood' | 'danger';
  urgent: boolean;
  topic: Route;
  dangerKind?: DangerKind;
  /** How the danger was known: a danger word, or the classifier's reading only. */
  dangerBy?: DangerSignal['by'];
}

/** Options every service dialog is begun with: the message that started it (its slots are read from it). */
export interface ServiceDialogOptions {
  text: string;
}

/**
 * The router. Each message first goes through the turn policy (src/understanding/policy.ts: danger, the
 * resident's commands, a suspected crisis, a change of course), which works at every step of every service
 * dialog; then the active service dialog continues, or the message starts one.
 *
 * Service dialogs are registered under their route's name (`interpreter`, `mediation`, ...), the handoff
 * dialog as `human`, the delete-my-data dialog as `privacy`.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    children: Dialog[],
    /** The helplines for a kind of danger, as the handoff says them (src/handoff/facts.ts). */
    private readonly helplines: (kind: DangerKind, lang: Lang) => { name: string; phone?: string; website?: string; alwaysOpen?: boolean }[] = () => [],
  ) {
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
    const context = innerDc.context;
    const t = turnT(context);
    const conversation = turnData(context).conversation;
    const activeService = this.activeService(innerDc);

    const safetyCheck = conversation.safetyCheck;
    conversation.safetyCheck = undefined;
    const pendingSwitch = conversation.pendingSwitch;
    conversation.pendingSwitch = undefined;

    const decision: Decision = decideTurn(understood.reading, {
      activeService,
      inDialog: !!innerDc.activeDialog,
      asking: this.activeQuestion(innerDc),
      pressedButton: understood.pressedButton,
      handoff: conversation.handoff ? 'queued' : undefined,
      // Its first button is "I'm safe": typed as "1" it is that button.
      safetyCheck: safetyCheck && { danger: safetyCheck, pressedSafe: understood.reading.text === t('common:safetyCheck.safe') || typedButtonNumber(understood.reading.text) === 1 },
    });
    setTurnDecision(context, decision);
    recordTrace(context, { decision: decision.action });

    switch (decision.action) {
      case 'urgent':
        return this.urgentHandoff(innerDc, decision.danger, activeService ?? understood.reading.intent.route);
      case 'askSafe':
        // In the middle of a service dialog, a crisis the classifier only suspects is asked about first: an
        // answer phrased oddly should not bring 112 and the queue at once.
        conversation.safetyCheck = decision.danger;
        // The help comes with the question: whoever is not safe has 112 and the right line already.
        await context.sendActivity(
          MessageFactory.suggestedActions(
            buttons([t('common:safetyCheck.safe'), t('common:safetyCheck.help')]),
            `${t('common:safetyCheck.question')}\n\n${this.safetyLines(t, decision.danger.kind, turnLanguage(context))}`,
          ),
        );
        recordTrace(context, { asked: 'safe' });
        return { status: DialogTurnStatus.waiting };
      case 'resume':
        return this.resumeOrMenu(innerDc);
      case 'helpline':
        // A question about a helpline: its name, number and hours, 112 first; then back to where we were.
        await context.sendActivity(this.safetyLines(t, decision.kind, turnLanguage(context)));
        recordTrace(context, { safetyNote: decision.kind });
        if (innerDc.activeDialog) {
          await innerDc.repromptDialog();
          return { status: DialogTurnStatus.waiting };
        }
        await context.sendActivity(menuMessage(t, t('common:anythingElse')));
        return { status: DialogTurnStatus.complete };
      case 'command':
        return this.command(innerDc, decision.command, activeService);
      case 'switch':
        // "No, nobody threatened us, it's just annoying" opens with the answer to the yes/no question asked,
        // which is also how a correction opens; only a clear request for another service leaves the form.
        if (understood.reading.entities.answer && understood.reading.intent.confidence < CLEAR_SWITCH_CONFIDENCE && this.asksYesNo(innerDc)) break;
        return this.changeCourse(innerDc, decision.route);
      default:
        // A faint crisis signal in an ordinary request: the request goes on, after one line with the help.
        if (decision.safetyNote) {
          await context.sendActivity(this.safetyLines(t, decision.safetyNote.kind, turnLanguage(context)));
          recordTrace(context, { safetyNote: decision.safetyNote.kind });
        }
        break;
    }

    // "When is Tingbjerg Pigeklub open?" in the middle of the club questions: that club is the answer wanted.
    const r = understood.reading;
    if (activeService === 'clubs' && r.entities.club && r.cues.followUp && !understood.pressedButton && this.findDialog(FOLLOW_UP_DIALOG)) {
      const slots = (innerDc.stack.find((e) => e.id === 'clubs')?.state as { slots?: Record<string, unknown> } | undefined)?.slots;
      await innerDc.cancelAllDialogs();
      conversation.lastAnswer = { kind: 'clubs', ids: [r.entities.club], focus: r.entities.club, ...(slots ? { slots } : {}) };
      return innerDc.beginDialog(FOLLOW_UP_DIALOG);
    }

    // "Shall we leave X and do Y instead?" was asked last turn: its buttons, or yes/no.
    if (pendingSwitch && activeService) {
      const typed = typedButtonNumber(understood.reading.text);
      const yes = typed === 1 || understood.reading.text === t('common:switch.yes', { service: t(`common:service.${pendingSwitch.route}`) }) || understood.reading.command === 'yes';
      const no = typed === 2 || understood.reading.text === t('common:switch.no', { service: t(`common:service.${activeService}`) }) || understood.reading.command === 'no';
      if (yes) return this.changeCourse(innerDc, pendingSwitch.route, pendingSwitch.text);
      if (no) {
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
    }
    return undefined;
  }

  private async command(innerDc: DialogContext, command: NonNullable<Extract<Decision, { action: 'command' }>['command']>, activeService: ServiceRoute | undefined): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const t = turnT(context);
    const conversation = turnData(context).conversation;
    switch (command) {
      case 'help':
        await context.sendActivity(t('common:help'));
        return this.resumeOrMenu(innerDc);
      case 'cancel':
      case 'menu':
        await innerDc.cancelAllDialogs();
        conversation.lastAnswer = undefined;
        await context.sendActivity(menuMessage(t, command === 'cancel' ? `${t('common:cancelled')} ${t('common:menuPrompt')}` : t('common:menuPrompt')));
        return { status: DialogTurnStatus.complete };
      case 'notThis':
        // "That's not what I mean": whatever the bot was doing was wrong; ask afresh.
        await innerDc.cancelAllDialogs();
        conversation.lastAnswer = undefined;
        await context.sendActivity(menuMessage(t, t('common:notThis')));
        return { status: DialogTurnStatus.complete };
      case 'human': {
        await innerDc.cancelAllDialogs();
        const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: activeService ?? 'counsellor' };
        return this.beginOrSay(innerDc, HUMAN_DIALOG, options);
      }
      case 'deleteData':
        // "Yes, delete it all" to "shall I delete everything?" is its answer, not the question again.
        if (innerDc.activeDialog?.id === PRIVACY_DIALOG) return undefined;
        // On top of the current dialog: if the resident keeps their data, the question they were answering
        // is asked again.
        return innerDc.beginDialog(PRIVACY_DIALOG);
      case 'language':
        conversation.languageMenuOpen = true;
        await context.sendActivity(languageMessage(t('common:languageChoicePrompt')));
        return innerDc.activeDialog ? { status: DialogTurnStatus.waiting } : { status: DialogTurnStatus.complete };
      case 'yes':
      case 'no':
        // "ja", "ok", "no" with nothing asked: show what the bot can do.
        await context.sendActivity(menuMessage(t, t('common:menuPrompt')));
        return { status: DialogTurnStatus.complete };
      case 'greeting':
      case 'thanks':
        await context.sendActivity(menuMessage(t, t(command === 'greeting' ? 'common:greetingBack' : 'common:thanksBack')));
        return { status: DialogTurnStatus.complete };
      default:
        return undefined;
    }
  }

  /** Leaves the current dialog for another service, taking the message along so nothing said is lost. */
  private async changeCourse(innerDc: DialogContext, route: ServiceRoute | 'counsellor', text = turnUnderstanding(innerDc.context)?.reading.text ?? ''): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    const conversation = turnData(innerDc.context).conversation;
    conversation.lastAnswer = undefined;
    recordTrace(innerDc.context, { switchedTo: route });
    if (route === 'counsellor') {
      const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: 'counsellor' };
      return this.beginOrSay(innerDc, HUMAN_DIALOG, options);
    }
    const t = turnT(innerDc.context);
    await innerDc.context.sendActivity(t('common:switch.done', { service: t(`common:service.${route}`) }));
    return this.beginMain(innerDc, { route, text });
  }

  private beginMain(innerDc: DialogContext, options: { route: ServiceRoute; text: string }): Promise<DialogTurnResult> {
    return innerDc.beginDialog('mainFlow', options);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const t = turnT(context);
    const conversation = turnData(context).conversation;
    // Begun by a change of course: that service, with the message that asked for it.
    const forced = step.options as { route?: ServiceRoute; text?: string } | undefined;
    if (forced?.route) return this.beginService(step, forced.route, forced.text ?? '');

    const understood = turnUnderstanding(context);
    if (!understood?.reading.text) {
      await context.sendActivity(menuMessage(t, t('common:menuPrompt')));
      return step.endDialog();
    }
    // A question about the bot's last answer ("when is it open?", "the second one").
    // Asked with a follow-up word, by number, by naming a club — or anything unclear right after an answer.
    const r = understood.reading;
    const last = conversation.lastAnswer;
    // Unclear words right after a club list or area facts are most likely about them ("the one in Valby", "how
    // does that compare to the rest of the city?", "I'm not in danger, just the facts").
    const unclear = !understood.confident && !understood.menuRoute && r.intent.route !== 'none';
    // "Where is it, the one in Sydhavnen?" names a district, which alone reads as a question about the area.
    const asksAboutListedPlace = last?.kind === 'clubs' && !!r.cues.followUp && !!r.entities.district && r.intent.route === 'area';
    // "Where is it?", "xagee ku taal?": too short to be a new request, whatever the classifier makes of it.
    const shortQuestionAboutIt = !!last && !!r.cues.followUp && r.wordCount <= MAX_SHORT_FOLLOW_UP_WORDS;
    // "Is it dangerous to live on Amager?" after facts on Vanløse: another district is a new question.
    const otherDistrict =
      last?.kind === 'area' && ((!!r.entities.district && r.entities.district !== last.district) || (!r.entities.district && !!r.entities.districtChoices?.length));
    // A new, clear request is not a follow-up: another service, or another directory topic.
    const somethingNew =
      otherDistrict ||
      (!asksAboutListedPlace &&
      !shortQuestionAboutIt &&
      understood.confident &&
      r.intent.route !== 'none' &&
      ((last?.kind === 'clubs' && r.intent.route !== 'clubs') ||
        (last?.kind === 'area' && r.intent.route !== 'area') ||
        (last?.kind === 'directory' && (r.intent.route !== 'information' || !!r.intent.topic))));
    // A long message, or one in which a crisis is faintly heard, is a new message, not a question about the list.
    const decided = turnDecision(context);
    const faintCrisis = (decided?.action === 'start' || decided?.action === 'continue') && !!decided.safetyNote;
    const aboutLastAnswer =
      !somethingNew &&
      !faintCrisis &&
      // "I'm not in danger, I just want to know what is true" after area facts is about them, however long.
      (r.wordCount <= MAX_FOLLOW_UP_WORDS || (last?.kind === 'area' && r.safety.notInDanger)) &&
      (!!r.cues.followUp || !!r.cues.ordinal || !!r.entities.club || (last?.kind === 'clubs' && unclear) || (last?.kind === 'area' && (r.safety.notInDanger || r.intent.route === 'area' || unclear)));
    // "And on Saturday?", "what about Østerbro?": the club search again, with what this message changes.
    const refinesClubs = last?.kind === 'clubs' && !r.cues.followUp && !r.cues.ordinal && !r.entities.club && !!(r.entities.when || r.entities.district || r.entities.interests || r.entities.age);
    // "None" is no other request: "hvad så om lørdagen?" is read as nothing of ours, and is about the clubs.
    if (last?.kind === 'clubs' && refinesClubs && (!understood.confident || r.intent.route === 'clubs' || r.intent.route === 'none') && this.findDialog('clubs')) {
      recordTrace(context, { route: 'clubs' });
      return step.beginDialog('clubs', { text: r.text, slots: last.slots ?? {} });
    }
    if (last && this.findDialog(FOLLOW_UP_DIALOG) && aboutLastAnswer) return step.beginDialog(FOLLOW_UP_DIALOG);
    const { route, confidence, alternatives } = understood.reading.intent;
    const confident = !!understood.menuRoute || understood.confident;
    const chosen = understood.menuRoute ?? route;
    if (confident) {
      if (chosen === 'counsellor') {
        conversation.misses = 0;
        const options: HumanDialogOptions = { reason: 'asked', urgent: false, topic: 'counsellor' };
        return this.beginOrSay(step, HUMAN_DIALOG, options);
      }
      if (isServiceRoute(chosen) && this.findDialog(chosen)) {
        conversation.misses = 0;
        return this.beginService(step, chosen, understood.menuRoute ? '' : understood.reading.text);
      }
    }
    // Not understood, or nothing of ours: after two misses in a row, offer a person.
    conversation.misses = (conversation.misses ?? 0) + 1;
    if (conversation.misses >= 2) {
      await context.sendActivity(MessageFactory.suggestedActions(buttons([t('common:menu.counsellor'), ...MENU_ROUTES.filter((r) => r !== 'counsellor').map((r) => t(`common:menu.${r}`))]), t('common:offerHuman')));
      return step.endDialog();
    }
    if (confident && chosen === 'none') {
      // An honest "not here", with the place that handles most other municipal matters and a person.
      if (this.findDialog(INFORMATION_DIALOG)) {
        recordTrace(context, { route: 'menu' });
        return step.beginDialog(INFORMATION_DIALOG, { outOfScope: true });
      }
      await context.sendActivity(menuMessage(t, t('common:outOfScope')));
      return step.endDialog();
    }
    const guesses = [route, ...alternatives.map((a) => a.route)]
      .filter((r, i, all): r is (typeof MENU_ROUTES)[number] => (MENU_ROUTES as readonly string[]).includes(r) && all.indexOf(r) === i)
      .slice(0, 2);
    if (guesses.length > 0 && confidence > 0) {
      const labels = guesses.map((r) => t(`common:menu.${r}`));
      if (!guesses.includes('counsellor')) labels.push(t('common:menu.counsellor'));
      await context.sendActivity(MessageFactory.suggestedActions(buttons(labels), t('common:didYouMean')));
    } else {
      await context.sendActivity(menuMessage(t, t('common:notUnderstood')));
    }
    return step.endDialog();
  }

  private beginService(step: WaterfallStepContext, route: ServiceRoute, text: string): Promise<DialogTurnResult> {
    recordTrace(step.context, { route });
    const options: ServiceDialogOptions = { text };
    return step.beginDialog(route, options);
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as { quiet?: boolean; reroute?: boolean } | undefined;
    // A dialog that found the message was not for it: routed afresh.
    if (result?.reroute) return step.replaceDialog('mainFlow');
    // A service dialog that handed the chat to a person, or said its own goodbye, needs no menu after it.
    if (!result?.quiet && !turnData(step.context).conversation.handoff) {
      const t = turnT(step.context);
      await step.context.sendActivity(menuMessage(t, t('common:anythingElse')));
    }
    return step.endDialog();
  }

  private async urgentHandoff(innerDc: DialogContext, danger: DangerSignal, topic: Route): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    turnData(innerDc.context).conversation.lastAnswer = undefined;
    const options: HumanDialogOptions = { reason: 'danger', urgent: true, topic, dangerKind: danger.kind, dangerBy: danger.by };
    return this.beginOrSay(innerDc, HUMAN_DIALOG, options);
  }

  /** 112, then the kind's lines (the same words the handoff's safety message uses). */
  private safetyLines(t: TFunction, kind: DangerKind, lang: Lang): string {
    const parts = [t(kind === 'medical' ? 'handoff:call112Medical' : 'handoff:call112')];
    for (const line of this.helplines(kind, lang).slice(0, 2)) {
      if (line.phone) parts.push(t(line.alwaysOpen ? 'handoff:helplinePhoneAlwaysOpen' : 'handoff:helplinePhone', { name: line.name, phone: line.phone }));
      else if (line.website) parts.push(t('handoff:helplineWebsite', { name: line.name, website: line.website }));
    }
    return joinSafetyLines(parts);
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

  /** The active form's last question is answered yes or no (its buttons hold both). */
  private asksYesNo(innerDc: DialogContext): boolean {
    const entry = innerDc.stack.find((e) => isServiceRoute(e.id));
    const dialog = entry && this.findDialog(entry.id);
    return !!entry && dialog instanceof FormDialog && dialog.asksYesNo(innerDc.context, entry);
  }

  /** The slot the active service dialog's last question was about (forms keep it in their state). */
  private activeQuestion(innerDc: DialogContext): string | undefined {
    const entry = innerDc.stack.find((e) => isServiceRoute(e.id));
    return (entry?.state as { asking?: string } | undefined)?.asking;
  }

  private activeService(innerDc: DialogContext): ServiceRoute | undefined {
    const id = innerDc.stack.find((entry) => isServiceRoute(entry.id))?.id;
    return id as ServiceRoute | undefined;
  }

  /** Begins a dialog that may not be registered yet in a partial build, saying so instead of failing. */
  private async beginOrSay(dc: DialogContext, id: string, options: object): Promise<DialogTurnResult> {
    if (this.findDialog(id)) return dc.beginDialog(id, options);
    await dc.context.sendActivity(turnT(dc.context)('common:error'));
    return { status: DialogTurnStatus.complete };
  }
}
