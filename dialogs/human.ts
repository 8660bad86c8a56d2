import { EventFactory, TurnContext, type Activity } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { toActivity, type HandoffService, type HandoffTopic } from '../src/handoff';
import { turnLanguage } from '../src/language/turnLanguage';
import { turnData } from '../src/state/turnData';
import { HUMAN_DIALOG, type HumanDialogOptions } from './main';

/**
 * Hands the conversation to a person: queues it, tells the resident their place, the wait and (for urgent
 * cases) 112 and the helpline at once, and emits the Bot Framework `handoff.initiate` event. It ends in the
 * same turn: from now on the handoff gate (src/bot/handoffGate.ts) takes the resident's messages.
 */
export class HumanDialog extends ComponentDialog {
  constructor(private readonly handoff: HandoffService) {
    super(HUMAN_DIALOG);
    this.addDialog(new WaterfallDialog('humanFlow', [this.queueStep.bind(this)]));
    this.initialDialogId = 'humanFlow';
  }

  private async queueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const options = (step.options ?? {}) as Partial<HumanDialogOptions>;
    const conversation = turnData(context).conversation;
    const transcript = await turnData(context).recentTranscript();
    const { session, messages } = await this.handoff.escalate({
      conversationId: context.activity.conversation.id,
      address: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
      language: turnLanguage(context),
      topic: (options.topic ?? 'counsellor') as HandoffTopic,
      reason: options.reason ?? 'asked',
      urgent: !!options.urgent,
      dangerKind: options.dangerKind,
      transcript,
    });
    conversation.handoff = { sessionId: session.sessionId, since: session.waitingSince };
    for (const m of messages) await context.sendActivity(toActivity(m));
    await this.signalAgentHub(context, session.sessionId, options, transcript);
    return step.endDialog({ quiet: true });
  }

  /** The standard handoff signal, so an external agent hub could take the conversation instead. */
  private async signalAgentHub(context: TurnContext, sessionId: string, options: Partial<HumanDialogOptions>, transcript: { from: string; text: string; timestamp: string }[]): Promise<void> {
    const activities = transcript.map(
      (line) =>
        ({
          type: 'message',
          text: line.text,
          timestamp: new Date(line.timestamp),
          from: { id: line.from, name: line.from, role: line.from === 'resident' ? 'user' : 'bot' },
        }) as Activity,
    );
    const language = turnLanguage(context);
    const handoffContext = { sessionId, topic: options.topic, reason: options.reason, urgent: !!options.urgent, language };
    const initiation = EventFactory.createHandoffInitiation(context, handoffContext, { activities });
    initiation.locale = language;
    try {
      await context.sendActivity(initiation);
    } catch {
      // A channel that refuses event activities must not stop the handoff: the queue already has the chat.
    }
  }
}
