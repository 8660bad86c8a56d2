import { ChoicePrompt, ComponentDialog, DialogTurnStatus, ListStyle, WaterfallDialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnUnderstanding } from '../src/state/turnUnderstanding';
import { turnT } from '../src/language/turnLanguage';
import { turnData } from '../src/state/turnData';
import { recordTrace } from '../src/state/turnTrace';

import type { DeleteResidentData } from '../src/requests/requestStore';

export const PRIVACY_DIALOG = 'privacy';

/** Deletes what is stored about the resident outside conversation and user state (requests, handoff). */
export type { DeleteResidentData };

/** "Delete my data": confirm, then delete state, requests and any handoff entry of this conversation. */
export class PrivacyDialog extends ComponentDialog {
  constructor(private readonly deleteElsewhere: DeleteResidentData) {
    super(PRIVACY_DIALOG);
    // Yes/No as localised buttons; ChoicePrompt matches the label the resident sends back in any language.
    this.addDialog(new ChoicePrompt('confirmDelete', confirmedInOwnWords));
    this.addDialog(new WaterfallDialog('privacyFlow', [this.askStep.bind(this), this.deleteStep.bind(this)]));
    this.initialDialogId = 'privacyFlow';
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnT(step.context);
    recordTrace(step.context, { asked: 'confirm' });
    return step.prompt('confirmDelete', {
      prompt: t('common:privacy.confirm'),
      retryPrompt: t('common:privacy.confirm'),
      choices: [t('common:yes'), t('common:no')],
      style: ListStyle.suggestedAction,
    });
  }

  private async deleteStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = turnT(step.context);
    if ((step.result as FoundChoice | undefined)?.index !== 0) {
      await step.context.sendActivity(t('common:privacy.kept'));
      return step.endDialog();
    }
    await this.deleteElsewhere({ conversationId: step.context.activity.conversation.id, userId: step.context.activity.from.id });
    turnData(step.context).deleteAll();
    await step.context.sendActivity(t('common:privacy.deleted'));
    // Whatever was under way is gone with the data: no question of it is asked again. The dialogs under this
    // one are the parent's (the router's), so they are cancelled there, not only this dialog's own steps.
    if (step.parent) {
      await step.parent.cancelAllDialogs(true);
      return { status: DialogTurnStatus.complete };
    }
    return step.cancelAllDialogs();
  }
}

/**
 * Yes or no in the resident's own words when no button was pressed: "آره" (the button says "بله"), "ja slet
 * det hele" (yes, and the request again), "nej tak".
 */
async function confirmedInOwnWords(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
  if (prompt.recognized.succeeded) return true;
  const reading = turnUnderstanding(prompt.context)?.reading;
  if (!reading) return false;
  const answer = reading.command === 'yes' || reading.command === 'deleteData' ? 'yes' : reading.command === 'no' ? 'no' : reading.entities.answer;
  if (!answer) return false;
  prompt.recognized.value = { index: answer === 'yes' ? 0 : 1, value: answer, score: 1 };
  prompt.recognized.succeeded = true;
  return true;
}
