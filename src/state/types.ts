import type { Lang } from '../language/languages';
import type { DangerSignal, ServiceRoute } from '../understanding';

/** One line of what was said, kept so a counsellor taking over sees what came before. */
export interface TranscriptLine {
  from: 'resident' | 'bot' | 'staff';
  text: string;
  /** ISO 8601 */
  timestamp: string;
}

/**
 * Conversation state (one document per conversation, loaded and saved once per turn under the
 * conversation's turn lock). Each concern owns its field.
 */
export interface ConversationData {
  /** The language this conversation is held in. */
  language?: Lang;
  /** botbuilder-dialogs stack. */
  dialogState?: Record<string, unknown>;
  /** Consecutive messages the bot did not understand (two in a row -> offer a human). */
  misses?: number;
  /** Messages handled in this conversation. */
  turns?: number;
  /** Set while the conversation is queued for, or held by, a human (src/handoff owns its content). */
  handoff?: { sessionId: string; since: string };
  /** Languages offered once when detection was unsure (not offered again in this conversation). */
  languageChoice?: Lang[];
  /** The bot asked "are you safe right now?" after a crisis the classifier suspected, and waits for the answer. */
  safetyCheck?: DangerSignal;
  /** The bot asked "shall we leave X and do Y instead?": Y, and the message that asked for it. */
  pendingSwitch?: { route: ServiceRoute | 'counsellor'; text: string };
  /** The bot's last answer with results (a club list, directory entries), for follow-up questions about it. */
  lastAnswer?: LastAnswer;
  /** The buttons of the bot's last message: a pressed button is an answer, never a danger signal by itself. */
  lastButtons?: string[];
  /** The language buttons were just shown: a bare language name in the next message is a pick, not an answer. */
  languageMenuOpen?: boolean;
}

/** What follow-up questions ("when is it open?", "the second one", "is it free?") are answered from. */
export type LastAnswer =
  | {
      kind: 'clubs';
      ids: string[];
      /** The weekday, "now" or "any" the list was for. */
      when?: string;
      /** What the search was for: "and on Saturday?" searches again with only the day changed. */
      slots?: Record<string, unknown>;
      /** The one the resident picked ("the second one"): "when is it open?" is then about that one. */
      focus?: string;
    }
  | { kind: 'directory'; ids: string[] }
  | { kind: 'area'; district: string };

/** User state: follows the resident across conversations on the same channel. */
export interface UserData {
  language?: Lang;
  /** True when the resident picked the language themselves (it then outranks detection). */
  languageChosen?: boolean;
}
