import type { DangerKind } from '../understanding/danger';
import { Audit, outcomeOf, type AuditAction } from '../audit';
import { randomUUID } from 'node:crypto';
import type { Lang } from '../language/languages';
import type { Logger } from '../log';
import type { EventBus } from '../storage/eventBus';
import type { HandoffStore } from './store';
import type { StaffDirectory } from './staffDirectory';
import type { HandoffTexts } from './texts';
import {
  HANDOFF_CHANNEL,
  HandoffError,
  type HandoffEvent,
  type HandoffFacts,
  type HandoffSession,
  type HandoffTopic,
  type LeaveReason,
  type QueueItem,
  type ResidentMessage,
  type SendToResident,
  type StaffMember,
  type TranscriptLine,
} from './types';
import { whyNotReadable } from './staffAccess';
import { estimateWaitMinutes } from './waitEstimate';

/** A handoff keeps more than the few lines ordinary state keeps (TRANSCRIPT_LIMIT): the whole talk with the counsellor matters. */
const SESSION_TRANSCRIPT_LIMIT = 500;
const SUMMARY_LENGTH = 160;
/** The staff id recorded when an external agent hub accepted the handoff. */
export const HUB_STAFF_ID = 'external-hub';

/** What a new handoff starts from; `transcript` is what was said before (copied so staff see it). */
export type EscalateInput = Pick<
  HandoffSession,
  'conversationId' | 'address' | 'language' | 'topic' | 'reason' | 'urgent' | 'dangerKind' | 'transcript'
>;

export interface ScreenResult {
  danger: boolean;
  kind?: DangerKind;
}

export interface HandoffServiceOptions {
  store: HandoffStore;
  events: EventBus;
  texts: HandoffTexts;
  facts: HandoffFacts;
  staff: StaffDirectory;
  sendToResident: SendToResident;
  unclaimedMs: number;
  /** After this long without a word from the holder, any staff member may take the chat over or close it. */
  idleTakeoverMs: number;
  maxMessageLength: number;
  /**
   * The `from.id` of the external agent hub whose `handoff.status` events count. Set only when the bot runs
   * authenticated: without that, anyone who can post to the bot could claim to be the hub.
   */
  hubId?: string;
  /** Where the language resources are (for the gate's command words). */
  localesDir?: string;
  logger?: Logger;
  metrics?: HandoffMetrics;
  clock?: () => Date;
}

/** What the handoff counts (src/metrics.ts). */
export interface HandoffMetrics {
  handoffStarted(): void;
  /** A person took a chat after the resident waited this long (not a take-over). */
  handoffClaimed?(waitSeconds: number): void;
}

/**
 * The handoff of a conversation to a human: queue, claim, relay, release, close. All of it is in shared
 * storage (sessions and a queue index, changed with compare-and-set) and on the shared event bus, so any
 * instance can serve the resident and any instance the staff member. Nothing is kept in this object.
 */
export class HandoffService {
  private readonly clock: () => Date;
  private readonly audit: Audit;

  constructor(private readonly o: HandoffServiceOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.audit = new Audit(o.logger);
  }

  get texts(): HandoffTexts {
    return this.o.texts;
  }

  /** The longest resident message relayed whole; longer ones are cut to this. */
  get maxMessageLength(): number {
    return this.o.maxMessageLength;
  }

  get localesDir(): string | undefined {
    return this.o.localesDir;
  }

  // ----------------------------------------------------------------------------------------------
  // Resident side

  /** Puts the conversation in the queue (or keeps its place if it already is) and says what happens next. */
  async escalate(input: EscalateInput): Promise<{ session: HandoffSession; messages: ResidentMessage[] }> {
    const now = this.clock();
    // Danger is the general counselling service's (and the on-call plan's), whatever the resident was doing.
    const outOfHours = !this.o.facts.isOpen(hoursTopicOf(input), now);
    let upgraded = false;
    let reused = false;
    const { session } = await this.o.store.updateSession(input.conversationId, (current) => {
      reused = !!current && current.status !== 'ended';
      if (current && current.status !== 'ended') {
        upgraded = input.urgent && !current.urgent;
        return { ...current, address: input.address, urgent: current.urgent || input.urgent, dangerKind: current.dangerKind ?? input.dangerKind };
      }
      upgraded = false;
      return {
        sessionId: randomUUID(),
        conversationId: input.conversationId,
        address: input.address,
        language: input.language,
        topic: input.topic,
        reason: input.reason,
        urgent: input.urgent,
        dangerKind: input.dangerKind,
        summary: summarise(input.transcript),
        status: 'queued',
        waitingSince: now.toISOString(),
        outOfHours,
        transcript: input.transcript.slice(-SESSION_TRANSCRIPT_LIMIT),
      };
    });
    const opened = session!;
    if (!reused) this.o.metrics?.handoffStarted();
    await this.o.store.addToQueue(opened.conversationId);
    await this.publish({ type: 'queue', change: upgraded ? 'urgent' : 'queued', conversationId: opened.conversationId, at: now.toISOString() });

    const open = await this.openSessions();
    const position = positionsOf(open).get(opened.conversationId) ?? 1;
    const estimate = estimateWaitMinutes(position, await this.o.store.recentWaits());
    const messages =
      opened.status === 'claimed' ? [] : this.o.texts.queued(opened, position, estimate, now);
    const recorded = await this.record(opened, messages.map((m) => botLine(m.text, now)), { toldPosition: position });
    this.o.logger?.info({ event: 'handoff.queued', urgent: opened.urgent, topic: opened.topic, language: opened.language, outOfHours: opened.outOfHours }, 'conversation queued for a person');
    if (upgraded) await this.notifyPositions();
    return { session: recorded ?? opened, messages };
  }

  async session(conversationId: string): Promise<HandoffSession | undefined> {
    return this.o.store.getSession(conversationId);
  }

  /**
   * A resident's message while queued or with a person. Returns `active: false` when the handoff has ended
   * meanwhile (the bot should answer), else what to reply now (nothing while a person has the chat, except
   * that a file could not be passed on or a long message was cut).
   */
  async residentMessage(
    conversationId: string,
    sessionId: string,
    rawText: string,
    screen?: ScreenResult,
    /** The language the resident writes in now; staff and the bot's replies follow it. */
    language?: Lang,
    /** What was attached (content type or file name, never the content or its URL): staff see that it came. */
    attachments: string[] = [],
  ): Promise<{ active: boolean; messages: ResidentMessage[] }> {
    const now = this.clock();
    const current = await this.o.store.getSession(conversationId);
    if (!current || current.sessionId !== sessionId || current.status === 'ended') return { active: false, messages: [] };
    const lang = language ?? current.language;
    const max = this.o.maxMessageLength;
    const cut = rawText.length > max;
    const text = cut ? rawText.slice(0, max) : rawText;
    const said = [text, ...attachments.map(attachmentLine)].filter((l) => l.length > 0);
    if (said.length === 0) return { active: true, messages: [] };
    const notices: ResidentMessage[] = [];
    if (attachments.length > 0) notices.push(this.o.texts.attachmentNotRelayed(lang));
    if (cut) notices.push(this.o.texts.cutShort(lang, max));
    const danger = !!screen?.danger;
    const safety = danger && current.status === 'queued' ? this.o.texts.safety({ dangerKind: screen?.kind ?? current.dangerKind }, lang) : undefined;
    let upgraded = false;
    const { session, changed } = await this.o.store.updateSession(conversationId, (s) => {
      if (!s || s.sessionId !== sessionId || s.status === 'ended') return undefined;
      upgraded = danger && !s.urgent && s.status === 'queued';
      const lines: TranscriptLine[] = said.map((l) => ({ from: 'resident', text: l, timestamp: now.toISOString() }));
      for (const notice of notices) lines.push(botLine(notice.text, now));
      if (safety && s.status === 'queued') lines.push(botLine(safety.text, now));
      return {
        ...s,
        language: lang,
        urgent: s.urgent || upgraded,
        dangerKind: upgraded ? (screen?.kind ?? s.dangerKind) : s.dangerKind,
        transcript: [...s.transcript, ...lines].slice(-SESSION_TRANSCRIPT_LIMIT),
      };
    });
    if (!changed || !session) return { active: false, messages: [] };
    for (const [k, line] of said.entries()) {
      await this.publish({ type: 'message', conversationId, from: 'resident', text: line, timestamp: now.toISOString(), ...(danger && k === 0 ? { danger: true } : {}) });
    }
    if (session.status === 'claimed') return { active: true, messages: notices };

    if (upgraded) await this.publish({ type: 'queue', change: 'urgent', conversationId, at: now.toISOString() });
    const positions = positionsOf(await this.openSessions());
    const position = positions.get(conversationId);
    if (position !== undefined && position !== session.toldPosition) await this.record(session, [], { toldPosition: position });
    if (upgraded) await this.notifyPositions();
    const messages: ResidentMessage[] = [];
    if (safety) messages.push(safety);
    messages.push(...notices);
    messages.push(this.o.texts.noted(session, position, !!safety));
    return { active: true, messages };
  }

  /** The resident left the queue: back to the bot. */
  cancel(conversationId: string, sessionId: string): Promise<ResidentMessage[]> {
    return this.leave(conversationId, sessionId, 'left');
  }

  /**
   * The resident ends the handoff themselves, waiting or with a person: always possible, so no chat can trap
   * them. Whoever had the chat is told over the event stream. Returns what to tell the resident (nothing for
   * `deleteData`: the privacy dialog speaks next).
   */
  async leave(conversationId: string, sessionId: string, reason: LeaveReason): Promise<ResidentMessage[]> {
    const now = this.clock();
    let before: HandoffSession | undefined;
    const { session, changed } = await this.o.store.updateSession(conversationId, (s) => {
      if (!s || s.sessionId !== sessionId || s.status === 'ended') return undefined;
      before = s;
      const how = s.status === 'queued' && reason === 'left' ? 'cancelled' : 'left';
      return { ...s, status: 'ended', endedHow: how, endedAt: now.toISOString(), endedBy: 'resident' };
    });
    if (!changed || !session || !before) return [];
    const wasClaimed = before.status === 'claimed';
    if (session.endedHow === 'cancelled') {
      await this.afterEnd(session, 'cancelled', now);
    } else {
      await this.o.store.removeFromQueue([conversationId]);
      await this.publish({ type: 'queue', change: 'left', conversationId, at: now.toISOString(), reason, ...(wasClaimed ? { previousHolder: before.claimedBy } : {}) });
      await this.notifyPositions();
    }
    this.o.logger?.info({ event: 'handoff.residentLeft', wasClaimed, reason }, 'the resident ended the handoff');
    if (reason === 'deleteData') return [];
    return [wasClaimed ? this.o.texts.backToBot(session) : this.o.texts.cancelled(session.language)];
  }

  /**
   * `handoff.status` from an external agent hub (Bot Framework handoff protocol). Counts only from the
   * configured hub on an authenticated bot; from anyone else (a Web Chat client can post events) it is ignored.
   */
  async hubStatus(conversationId: string, state: string, senderId: string | undefined): Promise<ResidentMessage[]> {
    if (!this.o.hubId || senderId !== this.o.hubId) {
      this.o.logger?.debug({ event: 'handoff.hubStatusIgnored', why: this.o.hubId ? 'not_the_hub' : 'no_hub_configured' }, 'ignored a handoff.status event');
      return [];
    }
    const now = this.clock();
    const { session, changed } = await this.o.store.updateSession(conversationId, (s) => {
      if (!s || s.status === 'ended') return undefined;
      if (state === 'accepted' && s.status === 'queued') return { ...s, status: 'claimed', claimedBy: HUB_STAFF_ID, claimedAt: now.toISOString(), staffActiveAt: now.toISOString() };
      if (state === 'failed' && s.claimedBy === HUB_STAFF_ID) return { ...s, status: 'queued', claimedBy: undefined, claimedAt: undefined, staffActiveAt: undefined };
      // A staff member who took the chat over from the hub keeps it, whatever the hub says afterwards.
      if (s.status === 'claimed' && s.claimedBy !== HUB_STAFF_ID) return undefined;
      if (state === 'completed') {
        return { ...s, status: 'ended', endedHow: 'hub_completed', endedAt: now.toISOString(), endedBy: HUB_STAFF_ID };
      }
      return undefined;
    });
    if (!changed || !session) return [];
    if (session.status === 'ended') {
      await this.afterEnd(session, 'ended', now);
      return [this.o.texts.backToBot(session)];
    }
    await this.publish({ type: 'queue', change: session.status === 'claimed' ? 'claimed' : 'queued', conversationId, at: now.toISOString() });
    await this.notifyPositions();
    return session.status === 'claimed' ? [this.o.texts.joinedUnnamed(session)] : [];
  }

  // ----------------------------------------------------------------------------------------------
  // Staff side

  /** Open conversations, urgent first, then first come first served. */
  async queue(me: StaffMember): Promise<QueueItem[]> {
    const now = this.clock();
    const open = await this.openSessions();
    const positions = positionsOf(open);
    return open.map((s) => ({
      conversationId: s.conversationId,
      language: s.language,
      topic: s.topic,
      urgent: s.urgent,
      waitingSince: s.waitingSince,
      summary: s.summary,
      claimedBy: s.claimedBy ?? null,
      claimedByName: s.claimedBy ? (s.claimedBy === HUB_STAFF_ID ? HUB_STAFF_ID : this.o.staff.get(s.claimedBy).name) : null,
      reason: s.reason,
      dangerKind: s.dangerKind ?? null,
      outOfHours: s.outOfHours,
      flagged: !!s.flaggedAt,
      idle: this.isIdle(s, now),
      canTakeOver: s.status === 'claimed' && s.claimedBy !== me.staffId && this.canTakeOver(s, now),
      position: positions.get(s.conversationId) ?? null,
      matchesMe: this.matches(me, s),
    }));
  }

  /** The queue for operations (GET /metrics): how many wait, how many are with a person, the longest wait. */
  async queueFigures(): Promise<{ queued: number; claimed: number; oldestWaitSeconds: number }> {
    const now = this.clock().getTime();
    const open = await this.openSessions();
    const waiting = open.filter((s) => s.status === 'queued');
    const oldest = waiting.reduce((min, s) => Math.min(min, Date.parse(s.waitingSince)), now);
    return { queued: waiting.length, claimed: open.length - waiting.length, oldestWaitSeconds: Math.max(0, (now - oldest) / 1000) };
  }

  /** Takes the chat (console or Teams); one audit line however it goes. */
  claim(conversationId: string, me: StaffMember): Promise<HandoffSession> {
    return this.audited('claim', conversationId, me, () => this.claimNow(conversationId, me));
  }

  private async claimNow(conversationId: string, me: StaffMember): Promise<HandoffSession> {
    const now = this.clock();
    const joined = await this.peekOpen(conversationId);
    const joinedText = this.o.texts.joined(joined, me);
    let previousHolder: string | undefined;
    const { session, changed } = await this.o.store.updateSession(conversationId, (s) => {
      if (!s || s.status === 'ended') throw new HandoffError('not_found', 'no open handoff for this conversation');
      previousHolder = undefined;
      if (s.status === 'claimed') {
        if (s.claimedBy === me.staffId) return undefined;
        // Held by the external hub, or by a colleague silent too long: anyone may take over, so no chat is stuck.
        if (!this.canTakeOver(s, now)) throw new HandoffError('conflict', 'another staff member has this conversation');
        previousHolder = s.claimedBy;
      }
      return {
        ...s,
        status: 'claimed',
        claimedBy: me.staffId,
        claimedAt: now.toISOString(),
        staffActiveAt: now.toISOString(),
        idleFlaggedAt: undefined,
        transcript: [...s.transcript, botLine(joinedText.text, now)].slice(-SESSION_TRANSCRIPT_LIMIT),
      };
    });
    if (!changed) return session!;
    if (!previousHolder) {
      const waitedMs = now.getTime() - Date.parse(session!.waitingSince);
      await this.o.store.recordWait(waitedMs);
      this.o.metrics?.handoffClaimed?.(waitedMs / 1000);
    }
    else this.o.logger?.info({ event: 'handoff.takenOver', fromHub: previousHolder === HUB_STAFF_ID }, 'a staff member took over a chat');
    await this.publish({ type: 'queue', change: 'claimed', conversationId, at: now.toISOString(), ...(previousHolder ? { previousHolder } : {}) });
    await this.deliver(session!, [joinedText]);
    await this.notifyPositions();
    return session!;
  }

  async transcript(conversationId: string): Promise<TranscriptLine[]> {
    const s = await this.o.store.getSession(conversationId);
    if (!s) throw new HandoffError('not_found', 'unknown conversation');
    return s.transcript;
  }

  /** `me` may read this chat's transcript (and its live messages) now; see staffAccess.ts. */
  async mayRead(conversationId: string, me: StaffMember): Promise<boolean> {
    if (me.role === 'lead') return true;
    const s = await this.o.store.getSession(conversationId);
    return !!s && !whyNotReadable(s, me, this.canTakeOver(s, this.clock()));
  }

  /** The transcript as `me` may see it: `forbidden` for a colleague's chat (staffAccess.ts). */
  transcriptFor(conversationId: string, me: StaffMember): Promise<TranscriptLine[]> {
    return this.audited('transcript.read', conversationId, me, async () => {
      const s = await this.o.store.getSession(conversationId);
      if (!s) throw new HandoffError('not_found', 'unknown conversation');
      const refused = whyNotReadable(s, me, this.canTakeOver(s, this.clock()));
      if (refused) throw new HandoffError('forbidden', refused);
      return s.transcript;
    });
  }

  /** Relays a staff member's message to the resident's channel; only the staff member holding the chat may write. */
  staffMessage(conversationId: string, me: StaffMember, rawText: unknown, locale?: Lang): Promise<TranscriptLine> {
    return this.audited('reply', conversationId, me, () => this.relayStaffMessage(conversationId, me, rawText, locale));
  }

  private async relayStaffMessage(conversationId: string, me: StaffMember, rawText: unknown, locale?: Lang): Promise<TranscriptLine> {
    const text = typeof rawText === 'string' ? rawText.trim() : '';
    if (!text) throw new HandoffError('bad_request', 'text is empty');
    if (text.length > this.o.maxMessageLength) throw new HandoffError('bad_request', `text is longer than ${this.o.maxMessageLength} characters`);
    const s = await this.peekOpen(conversationId);
    this.assertHolder(s, me, 'write to');
    const now = this.clock();
    await this.deliver(s, [{ text: `${me.name}: ${text}`, locale: locale ?? s.language }], true);
    const line: TranscriptLine = { from: 'staff', text, timestamp: now.toISOString() };
    await this.o.store.updateSession(conversationId, (cur) =>
      cur && cur.sessionId === s.sessionId
        ? { ...cur, staffActiveAt: now.toISOString(), idleFlaggedAt: undefined, transcript: [...cur.transcript, line].slice(-SESSION_TRANSCRIPT_LIMIT) }
        : undefined,
    );
    await this.publish({ type: 'message', conversationId, from: 'staff', text, timestamp: line.timestamp });
    return line;
  }

  /** Hands the conversation back to the bot, which tells the resident. */
  release(conversationId: string, me: StaffMember): Promise<void> {
    return this.audited('release', conversationId, me, () => this.end(conversationId, me, 'released'));
  }

  close(conversationId: string, me: StaffMember, rawNote: unknown): Promise<void> {
    return this.audited('close', conversationId, me, async () => {
      const note = typeof rawNote === 'string' ? rawNote.trim() : '';
      if (!note) throw new HandoffError('bad_request', 'a short note is required to close');
      if (note.length > 2000) throw new HandoffError('bad_request', 'the note is longer than 2000 characters');
      await this.end(conversationId, me, 'closed', note);
    });
  }

  /**
   * Flags conversations nobody claimed in time and tells their residents they are not forgotten. Runs on
   * every instance; the compare-and-set on `flaggedAt` makes sure each is flagged and told once.
   */
  async sweepUnclaimed(): Promise<number> {
    const now = this.clock();
    const open = await this.openSessions();
    const positions = positionsOf(open);
    let flagged = 0;
    for (const s of open) {
      if (s.status !== 'queued' || s.flaggedAt) continue;
      if (now.getTime() - Date.parse(s.waitingSince) < this.o.unclaimedMs) continue;
      // Out of hours nobody is expected to claim; the clock starts to matter when staff are back.
      if (!this.o.facts.isOpen(hoursTopicOf(s), now)) continue;
      const position = positions.get(s.conversationId) ?? 1;
      const message = this.o.texts.stillWaiting(s, position);
      const { changed, session } = await this.o.store.updateSession(s.conversationId, (cur) => {
        if (!cur || cur.sessionId !== s.sessionId || cur.status !== 'queued' || cur.flaggedAt) return undefined;
        return { ...cur, flaggedAt: now.toISOString(), toldPosition: position, transcript: [...cur.transcript, botLine(message.text, now)].slice(-SESSION_TRANSCRIPT_LIMIT) };
      });
      if (!changed || !session) continue;
      flagged++;
      await this.publish({ type: 'queue', change: 'flagged', conversationId: s.conversationId, at: now.toISOString() });
      await this.deliver(session, [message]);
    }
    return flagged;
  }

  /**
   * Flags chats whose holder has said nothing for the idle time, so staff see them (and may take them over).
   * Chats held by the external hub are not flagged: what the hub says never passes through here.
   */
  async sweepIdle(): Promise<number> {
    const now = this.clock();
    let flagged = 0;
    for (const s of await this.openSessions()) {
      if (!this.isIdle(s, now) || s.idleFlaggedAt) continue;
      const { changed } = await this.o.store.updateSession(s.conversationId, (cur) => {
        if (!cur || cur.sessionId !== s.sessionId || cur.idleFlaggedAt || !this.isIdle(cur, now)) return undefined;
        return { ...cur, idleFlaggedAt: now.toISOString() };
      });
      if (!changed) continue;
      flagged++;
      await this.publish({ type: 'queue', change: 'idle', conversationId: s.conversationId, at: now.toISOString() });
    }
    return flagged;
  }

  /** Deletes a conversation's handoff: session, transcript and queue entry (the resident asked to delete their data). */
  async forget(conversationId: string): Promise<void> {
    const s = await this.o.store.getSession(conversationId);
    // A live handoff ends as the resident leaving to delete their data: whoever had the chat is told why.
    if (s && s.status !== 'ended') await this.leave(conversationId, s.sessionId, 'deleteData');
    // The queue entry goes even without a session: nothing may keep pointing at this conversation.
    await this.o.store.removeFromQueue([conversationId]);
    if (s) await this.o.store.deleteSession(conversationId);
  }

  /** Queue changes and messages from every instance. */
  subscribe(handler: (event: HandoffEvent) => void): Promise<() => Promise<void>> {
    return this.o.events.subscribe(HANDOFF_CHANNEL, (m) => handler(m as HandoffEvent));
  }

  // ----------------------------------------------------------------------------------------------

  /** One audit line for a staff action, whether it worked or why not (src/audit.ts). */
  private audited<T>(action: AuditAction, conversationId: string, me: StaffMember, work: () => Promise<T>): Promise<T> {
    return this.audit.around({ action, staffId: me.staffId, conversationId }, outcomeOf, work);
  }

  private async end(conversationId: string, me: StaffMember, how: 'released' | 'closed', note?: string): Promise<void> {
    const now = this.clock();
    const s = await this.peekOpen(conversationId);
    const message = how === 'released' ? this.o.texts.released(s, me.name) : this.o.texts.closed(s, me.name);
    const { session } = await this.o.store.updateSession(conversationId, (cur) => {
      if (!cur || cur.status === 'ended') throw new HandoffError('not_found', 'no open handoff for this conversation');
      // Closing a chat nobody took (a message left out of hours) is allowed, and so is closing one held by the
      // hub or by a colleague silent too long; closing someone else's active chat is not.
      const closable = how === 'closed' && (cur.status === 'queued' || (cur.claimedBy !== me.staffId && this.canTakeOver(cur, now)));
      if (!closable) this.assertHolder(cur, me, how === 'released' ? 'release' : 'close');
      return {
        ...cur,
        status: 'ended',
        endedHow: how,
        endedAt: now.toISOString(),
        endedBy: me.staffId,
        note,
        transcript: [...cur.transcript, botLine(message.text, now)].slice(-SESSION_TRANSCRIPT_LIMIT),
      };
    });
    await this.afterEnd(session!, how, now);
    await this.deliver(session!, [message]);
  }

  private async afterEnd(session: HandoffSession, change: 'released' | 'closed' | 'cancelled' | 'ended', now: Date): Promise<void> {
    await this.o.store.removeFromQueue([session.conversationId]);
    await this.publish({ type: 'queue', change, conversationId: session.conversationId, at: now.toISOString() });
    await this.notifyPositions();
  }

  private async peekOpen(conversationId: string): Promise<HandoffSession> {
    const s = await this.o.store.getSession(conversationId);
    if (!s || s.status === 'ended') throw new HandoffError('not_found', 'no open handoff for this conversation');
    return s;
  }

  /** The holder (a staff member, not the hub) has said nothing for the idle time. */
  private isIdle(s: HandoffSession, now: Date): boolean {
    if (s.status !== 'claimed' || s.claimedBy === HUB_STAFF_ID) return false;
    const since = Date.parse(s.staffActiveAt ?? s.claimedAt ?? s.waitingSince);
    return now.getTime() - since >= this.o.idleTakeoverMs;
  }

  private canTakeOver(s: HandoffSession, now: Date): boolean {
    return s.status === 'claimed' && (s.claimedBy === HUB_STAFF_ID || this.isIdle(s, now));
  }

  private assertHolder(s: HandoffSession, me: StaffMember, what: string): void {
    if (s.status !== 'claimed') throw new HandoffError('conflict', `claim the conversation before you ${what} it`);
    if (s.claimedBy !== me.staffId) throw new HandoffError('conflict', 'another staff member has this conversation');
  }

  private matches(me: StaffMember, s: HandoffSession): boolean {
    const speaks = me.languages.includes(s.language) || !this.o.staff.someoneSpeaks(s.language);
    const covers = me.topics.length === 0 || me.topics.includes(s.topic);
    return speaks && covers;
  }

  /** Open sessions in queue order; index entries whose session ended or expired are tidied away. */
  private async openSessions(): Promise<HandoffSession[]> {
    const ids = await this.o.store.queuedConversationIds();
    const sessions = await this.o.store.getSessions(ids);
    const open = [...sessions.values()].filter((s) => s.status !== 'ended');
    const stale = ids.filter((id) => !open.some((s) => s.conversationId === id));
    if (stale.length > 0) await this.o.store.removeFromQueue(stale);
    return open.sort(queueOrder);
  }

  /** Tells each waiting resident their new place when it changed; compare-and-set makes it once. */
  private async notifyPositions(): Promise<void> {
    const now = this.clock();
    const open = await this.openSessions();
    for (const [conversationId, position] of positionsOf(open)) {
      const s = open.find((x) => x.conversationId === conversationId)!;
      if (s.toldPosition === undefined || s.toldPosition === position) continue;
      if (s.outOfHours && !this.o.facts.isOpen(hoursTopicOf(s), now)) continue;
      const message = this.o.texts.positionChanged(s, position);
      const { changed, session } = await this.o.store.updateSession(conversationId, (cur) => {
        if (!cur || cur.sessionId !== s.sessionId || cur.status !== 'queued' || cur.toldPosition !== s.toldPosition) return undefined;
        return { ...cur, toldPosition: position, transcript: [...cur.transcript, botLine(message.text, now)].slice(-SESSION_TRANSCRIPT_LIMIT) };
      });
      if (changed && session) await this.deliver(session, [message]);
    }
  }

  private async record(session: HandoffSession, lines: TranscriptLine[], extra: Partial<HandoffSession>): Promise<HandoffSession | undefined> {
    const { session: updated } = await this.o.store.updateSession(session.conversationId, (cur) =>
      cur && cur.sessionId === session.sessionId ? { ...cur, ...extra, transcript: [...cur.transcript, ...lines].slice(-SESSION_TRANSCRIPT_LIMIT) } : undefined,
    );
    return updated;
  }

  /** Proactive messages; a failure is logged (without content), unless the caller must know. */
  private async deliver(session: HandoffSession, messages: ResidentMessage[], rethrow = false): Promise<void> {
    try {
      await this.o.sendToResident(session.address, messages);
    } catch (err) {
      this.o.logger?.warn({ event: 'handoff.deliveryFailed', sessionId: session.sessionId, error: (err as Error).name }, 'could not reach the resident');
      if (rethrow) throw new HandoffError('upstream', 'the resident’s channel did not accept the message; try again in a moment');
    }
  }

  private async publish(event: HandoffEvent): Promise<void> {
    try {
      await this.o.events.publish(HANDOFF_CHANNEL, event);
    } catch (err) {
      // The queue in storage is the truth; consoles also refresh it periodically.
      this.o.logger?.warn({ event: 'handoff.publishFailed', error: (err as Error).name }, 'could not publish handoff event');
    }
  }
}

function queueOrder(a: HandoffSession, b: HandoffSession): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.waitingSince < b.waitingSince ? -1 : a.waitingSince > b.waitingSince ? 1 : a.conversationId < b.conversationId ? -1 : 1;
}

/** Places among the unclaimed, in queue order (1 = next). */
function positionsOf(open: HandoffSession[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of open) if (s.status === 'queued') out.set(s.conversationId, out.size + 1);
  return out;
}

/** What staff see for a file: its kind or name on one short line, never its content or address. */
function attachmentLine(kind: string): string {
  const label = kind.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 100) || 'file';
  return `[attachment: ${label}]`;
}

function botLine(text: string, now: Date): TranscriptLine {
  return { from: 'bot', text, timestamp: now.toISOString() };
}

/** Whose opening hours apply: an urgent conversation is the general counselling service's. */
function hoursTopicOf(s: { urgent: boolean; topic: HandoffTopic }): HandoffTopic {
  return s.urgent ? 'counsellor' : s.topic;
}

function summarise(transcript: TranscriptLine[]): string {
  const said = transcript.filter((l) => l.from === 'resident').slice(-2).map((l) => l.text.replace(/\s+/g, ' ').trim());
  const text = said.join(' / ');
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text;
}
