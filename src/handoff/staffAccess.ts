import type { HandoffSession, StaffMember } from './types';

/**
 * Whose transcripts a staff member may read. What a resident told a counsellor is for that counsellor: a
 * colleague sees a chat while it waits in the queue (to decide whether to take it) or can be taken over (held
 * by the external hub, or by a colleague silent for the idle time), and the chats they held or ended
 * themselves. A `lead` reads all (supervision, complaints). Returns the reason for a refusal, or undefined.
 */
export function whyNotReadable(s: HandoffSession, me: StaffMember, canTakeOver: boolean): string | undefined {
  if (me.role === 'lead' || s.status === 'queued' || s.claimedBy === me.staffId) return undefined;
  if (s.status === 'claimed') return canTakeOver ? undefined : 'another staff member has this conversation; only a lead can read it';
  if (s.endedBy === me.staffId) return undefined;
  return 'this conversation ended with another staff member; only a lead can read it';
}
