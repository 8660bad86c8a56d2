import type { Lang } from '../language/languages';
import type { DangerKind } from '../understanding/danger';
import type { TranscriptLine } from '../state/types';

export type { TranscriptLine };

/** The routes of understanding; a handoff carries the one the resident was on. */
export const HANDOFF_TOPICS = ['interpreter', 'mediation', 'discrimination', 'clubs', 'area', 'report', 'information', 'counsellor', 'none'] as const;
export type HandoffTopic = (typeof HANDOFF_TOPICS)[number];
export type HandoffReason = 'asked' | 'not_understood' | 'danger';

/**
 * Where the resident can be reached: the Bot Framework conversation reference stored at escalation, kept
 * as plain JSON so this layer does not depend on the adapter.
 */
export type ResidentAddress = Record<string, unknown>;

/** One outgoing message to the resident; `suggestions` become buttons where the channel has them. */
export interface ResidentMessage {
  text: string;
  locale: Lang;
  suggestions?: { title: string; value: string }[];
}

export type SendToResident = (address: ResidentAddress, messages: ResidentMessage[]) => Promise<void>;

export type SessionStatus = 'queued' | 'claimed' | 'ended';
export type EndedHow = 'released' | 'closed' | 'cancelled' | 'left' | 'hub_completed' | 'hub_failed';
/** Why the resident ended a handoff themselves: they said "stop" (or pressed "back to the bot"), or asked to delete their data. */
export type LeaveReason = 'left' | 'deleteData';

/** One handoff of one conversation: a storage document keyed by conversation id. */
export interface HandoffSession {
  sessionId: string;
  conversationId: string;
  address: ResidentAddress;
  language: Lang;
  topic: HandoffTopic;
  reason: HandoffReason;
  urgent: boolean;
  /** The kind of danger (src/understanding/danger.ts) when the handoff is urgent. */
  dangerKind?: DangerKind;
  summary: string;
  status: SessionStatus;
  /** ISO 8601: when the resident entered the queue (queue order within urgency). */
  waitingSince: string;
  /** Entered the queue while nobody was on shift for its topic. */
  outOfHours: boolean;
  claimedBy?: string;
  claimedAt?: string;
  /** ISO 8601: the holder's last sign of life (claim, message); silence past the idle time lets colleagues take over. */
  staffActiveAt?: string;
  /** The sweep found the holder silent too long (staff see it; cleared when the holder writes or someone takes over). */
  idleFlaggedAt?: string;
  /** Not claimed in time: staff see it flagged, the resident was told. */
  flaggedAt?: string;
  /** The queue place the resident was last told, so updates go out only when it changes. */
  toldPosition?: number;
  transcript: TranscriptLine[];
  endedHow?: EndedHow;
  endedAt?: string;
  endedBy?: string;
  note?: string;
}

/** What the staff API shows for a queue entry (the first seven fields are the published contract). */
export interface QueueItem {
  conversationId: string;
  language: Lang;
  topic: HandoffTopic;
  urgent: boolean;
  waitingSince: string;
  summary: string;
  claimedBy: string | null;
  claimedByName: string | null;
  reason: HandoffReason;
  /** The kind of danger of an urgent chat, so the counsellor knows what they are walking into. */
  dangerKind: DangerKind | null;
  outOfHours: boolean;
  flagged: boolean;
  /** Claimed, but the holder has said nothing for the idle time. */
  idle: boolean;
  /** Someone else holds it, and any staff member may take it over or close it (held by the external hub, or idle). */
  canTakeOver: boolean;
  /** Place among the unclaimed (1 = next), null once claimed. */
  position: number | null;
  /** The staff member asking speaks the language and covers the topic (or nobody speaks the language). */
  matchesMe: boolean;
}

/** Published on the event bus (channel `handoff`) and forwarded to every staff console as SSE. */
export type HandoffEvent =
  | {
      type: 'queue';
      change: 'queued' | 'claimed' | 'released' | 'closed' | 'cancelled' | 'urgent' | 'flagged' | 'idle' | 'left' | 'ended';
      conversationId: string;
      at: string;
      /** `left`: why the resident left (`deleteData`: they asked to delete their data; the transcript goes with it). */
      reason?: LeaveReason;
      /** `left`, `claimed`: the staff member who had the chat until now, so their console can tell them. */
      previousHolder?: string;
    }
  | {
      type: 'message';
      conversationId: string;
      from: TranscriptLine['from'];
      text: string;
      timestamp: string;
      /** The safety screen fired on this message. */
      danger?: boolean;
    };

export const HANDOFF_CHANNEL = 'handoff';

/** A staff member as the console and the resident see them. */
export interface StaffMember {
  staffId: string;
  /** First name or role shown to residents, e.g. "Amira". */
  name: string;
  role: StaffRole;
  languages: Lang[];
  /** Topics they take; empty means all. */
  topics: HandoffTopic[];
}

/**
 * What a staff member is (shown to residents: "Amira (counsellor)") and may do: a `lead` reads every
 * transcript; every other role reads only chats in the queue, held by them or ended by them (staffAccess.ts).
 */
export const STAFF_ROLES = ['counsellor', 'lead', 'social_worker', 'youth_worker', 'on_call'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Opening hours and helplines, from the catalogue (kept as an interface so tests can fix the clock). */
export interface HandoffFacts {
  isOpen(topic: HandoffTopic, at: Date): boolean;
  /** When staff for this topic are next on shift; undefined when unknown. */
  nextOpening(topic: HandoffTopic, at: Date): Date | undefined;
  /**
   * The helpline to give at once for an urgent case: of the danger kind's lines, the first with a phone
   * (else the first). `name` is already said for `lang` ("Livslinien (suicide prevention helpline)").
   */
  helpline(kind: string | undefined, lang: Lang): SpokenHelpline | undefined;
  /** All of the danger kind's lines, in the city's order (data/helplines.json `byDangerKind`). */
  helplines(kind: string | undefined, lang: Lang): SpokenHelpline[];
}

export interface SpokenHelpline {
  id: string;
  name: string;
  phone?: string;
  website?: string;
  /** Answers day and night: said so, because a person in crisis out of hours needs to know it answers now. */
  alwaysOpen?: boolean;
}

export class HandoffError extends Error {
  constructor(
    /** `upstream`: the resident's channel refused the message (not the caller's fault); `forbidden`: not theirs to see. */
    readonly code: 'not_found' | 'conflict' | 'bad_request' | 'upstream' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'HandoffError';
  }
}
