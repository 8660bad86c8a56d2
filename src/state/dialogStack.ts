import type { ConversationData } from './types';

interface StackEntry {
  id?: string;
  state?: { dialogs?: { dialogStack?: StackEntry[] } };
}

/**
 * Whether a dialog is active anywhere in the conversation's saved dialog stack (component dialogs keep their
 * own stack inside their state). Read from the state document, so it works before any dialog code runs.
 */
export function dialogStackHas(conversation: ConversationData, dialogId: string): boolean {
  const walk = (stack: StackEntry[] | undefined): boolean => (stack ?? []).some((e) => e.id === dialogId || walk(e.state?.dialogs?.dialogStack));
  return walk((conversation.dialogState as { dialogStack?: StackEntry[] } | undefined)?.dialogStack);
}
