import type { Activity } from 'botbuilder';
import type { ResidentMessage } from './types';

/** A resident message as a Bot Framework message activity (plain data: no adapter needed). */
export function toActivity(message: ResidentMessage): Partial<Activity> {
  const activity: Partial<Activity> = { type: 'message', text: message.text, locale: message.locale };
  if (message.suggestions?.length) {
    activity.suggestedActions = { to: [], actions: message.suggestions.map((s) => ({ type: 'imBack', title: s.title, value: s.value })) };
  }
  return activity;
}
