import { ActivityTypes, type TurnContext } from 'botbuilder';
import { toActivity, type HandoffService, type ResidentMessage, type ScreenResult } from '../handoff';
import type { Lang } from '../language/languages';
import { turnLanguage } from '../language/turnLanguage';
import { turnData } from '../state/turnData';
import type { HandoffGate } from './app';

export type { HandoffGate };

const HANDOFF_STATUS = 'handoff.status';

/**
 * The pipeline's hook for conversations waiting for or held by a person. Ordinary turns (no handoff marker
 * in conversation state) cost nothing here: storage is touched only when the marker is set.
 */
export function createHandoffGate(service: HandoffService, screen: (text: string, lang: Lang) => ScreenResult): HandoffGate {
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
      if (session.status === 'queued' && service.texts.isCancel(text, lang)) {
        const messages = await service.cancel(conversationId, marker.sessionId);
        conversation.handoff = undefined;
        await say(context, messages);
        return true;
      }
      const result = await service.residentMessage(conversationId, marker.sessionId, text, screen(text, lang), lang);
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
      const messages = await service.hubStatus(a.conversation.id, state);
      if (state === 'completed') turnData(context).conversation.handoff = undefined;
      await say(context, messages);
      return true;
    },
  };
}
