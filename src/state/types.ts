import type { Lang } from '../language/languages';

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
  /** The bot asked "are you safe right now?" and waits for the answer. */
  safetyCheckPending?: boolean;
  /** The buttons of the bot's last message: a pressed button is an answer, never a danger signal by itself. */
  lastButtons?: string[];
  /** The language buttons were just shown: a bare language name in the next message is a pick, not an answer. */
  languageMenuOpen?: boolean;
}

/** User state: follows the resident across conversations on the same channel. */
export interface UserData {
  language?: Lang;
  /** True when the resident picked the language themselves (it then outranks detection). */
  languageChosen?: boolean;
}
