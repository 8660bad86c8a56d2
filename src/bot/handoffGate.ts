import { ActivityTypes, type Attachment, type TurnContext } from 'botbuilder';
import { toActivity, type HandoffService, type ResidentMessage, type ScreenResult } from '../handoff';
import type { Lang } from '../language/languages';
import { LOCALES_DIR } from '../paths';
import { turnLanguage } from '../language/turnLanguage';
import { turnData } from '../state/turnData';
import type { HandoffGate } from './app';
import { CommandMatcher } from '../language/commands';
import { dialogStackHas } from '../state/dialogStack';
import { PRIVACY_DIALOG } from '../../dialogs/privacy';

export type { HandoffGate };

const HANDOFF_STATUS = 'handoff.status';

/** The command words the gate must recognise; `CommandMatcher` (src/bot/commands.ts) has them. */
export type GateCommands = Pick<CommandMatcher, 'match'>;

/**
 * The pipeline's hook for conversations waiting for or held by a person. Ordinary turns (no handoff marker
 * in conversation state) cost nothing here: storage is touched only when the marker is set.
 *
 * It runs before the bot's "text only" and "too long" answers: during a handoff a file or a long message is
 * for the counsellor, who must at least learn that it came.
 */
export function createHandoffGate(
  service: HandoffService,
  screen: (text: string, lang: Lang) => ScreenResult,
  commands: GateCommands = CommandMatcher.load(service.localesDir ?? LOCALES_DIR),
): HandoffGate {
  const say = async (context: TurnContext, messages: ResidentMessage[]) => {
    for (const m of messages) await context.sendActivity(toActivity(m));
  };

  return {
    async handleResidentMessage(context: TurnContext): Promise<boolean> {
      if (context.activity.type !== ActivityTypes.Message) return false;
      const conversation = turnData(context).conversation;
      const marker = conversation.handoff;
      if (!marker) return false;
      const conversationId = context.activity.conversation.id;
      const lang = turnLanguage(context);
      const text = (context.activity.text ?? '').trim();

      const session = await service.session(conversationId);
      if (!session || session.sessionId !== marker.sessionId || session.status === 'ended') {
        // Released, closed or expired meanwhile (perhaps on another instance): the bot answers again.
        conversation.handoff = undefined;
        return false;
      }
      const command = text ? commands.match(text, lang) : undefined;
      // "Delete my data", and the answer to its "are you sure?", are for the bot, never relayed. The handoff
      // goes on until the resident confirms (then the deletion ends it and staff are told why): a resident
      // who says "no" keeps their counsellor.
      if (command === 'deleteData' || dialogStackHas(conversation, PRIVACY_DIALOG)) return false;
      // Waiting or with a person, the resident can always go back to the bot.
      if (service.texts.isCancel(text, lang) || command === 'cancel') {
        const messages = await service.leave(conversationId, marker.sessionId, 'left');
        conversation.handoff = undefined;
        await say(context, messages);
        return true;
      }
      const attachments = attachmentKinds(context.activity.attachments, !!text);
      // Only what is relayed is screened: a pasted book must not stall the instance.
      const relayed = text.slice(0, service.maxMessageLength);
      const result = await service.residentMessage(conversationId, marker.sessionId, text, relayed ? screen(relayed, lang) : undefined, lang, attachments);
      if (!result.active) {
        conversation.handoff = undefined;
        return false;
      }
      await say(context, result.messages);
      return true;
    },

    async handleEvent(context: TurnContext): Promise<boolean> {
      const a = context.activity;
      if (a.type !== ActivityTypes.Event || a.name !== HANDOFF_STATUS) return false;
      const state = typeof a.value === 'object' && a.value ? String((a.value as { state?: unknown }).state ?? '') : '';
      const messages = await service.hubStatus(a.conversation.id, state, a.from?.id);
      // Only an event the service believed ends the handoff (it then says so); a forged one changes nothing.
      if (state === 'completed' && messages.length > 0) turnData(context).conversation.handoff = undefined;
      await say(context, messages);
      return true;
    },
  };
}

/**
 * What kind of file each attachment is (content type, else file name). Some channels (Teams) add a
 * `text/html` copy of a typed message as an attachment: with text present, that is not a file.
 */
function attachmentKinds(attachments: Attachment[] | undefined, hasText: boolean): string[] {
  return (attachments ?? [])
    .filter((a) => !(hasText && /^text\/(html|plain)$/i.test(a.contentType ?? '')))
    .map((a) => a.contentType || a.name || 'file');
}
