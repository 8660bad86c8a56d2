/**
 * Every Redis key Brobygger uses, in one place, laid out for Redis Cluster.
 *
 * Everything of one conversation carries the hash tag `{c:<conversation id>}`, so it lives in one hash slot
 * (one node of a cluster): its state document, turn lock, transcript, handoff session and Direct Line
 * activities (a channel that keeps things of its own per conversation uses `conversationTag`).
 * A turn can then check its lock and write its state in one script, and commands sent in order on that
 * node's connection run in that order. A resident's user state follows the resident across conversations,
 * so it has a tag of its own, `{u:<channel>/<user id>}`, and is never written by the same script as a
 * conversation. Shared documents (the handoff queue index, requests and their reference sets) each sit in
 * their own slot, as one key each: no command or script of ours ever spans two tags.
 *
 * The tag holds the conversation id without its channel: the staff API and the handoff session know a
 * conversation by its id alone. Two channels' conversations with equal ids then share a slot, never a key
 * (the channel is part of each key after the tag).
 *
 *   <prefix>{c:<conversation>}:state:<channel>/<bot>   conversation state (botbuilder key <channel>/<bot>/conversations/<id>)
 *   <prefix>{c:<conversation>}:lock:<channel>          turn lock (token of the turn holding it, short lease)
 *   <prefix>{c:<conversation>}:log:<channel>           recent transcript lines (a list)
 *   <prefix>{c:<conversation>}:handoff                 handoff session (botbuilder key handoff/session/<id>)
 *   <prefix>{c:<conversation>}:directline:<part>       the Direct Line endpoint's activity log (src/channels/directline)
 *   <prefix>{u:<channel>/<user>}:state:<bot>           user state (botbuilder key <channel>/<bot>/users/<id>)
 *   <prefix>state:<key>                                any other storage document (requests, queue index, waits)
 *   <prefix>events:<channel>                           pub/sub channel (sharded pub/sub on a cluster)
 *   <prefix>epoch, <prefix>epoch:{<tag>}               the data set's marker, to notice a loss (one per cluster master; dataLoss.ts)
 *   <prefix>keylayout                                  the key layout in use (migrateKeys.ts)
 *
 * Up to this layout (key layout 1) state lived under `<prefix>state:<botbuilder key>` and transcripts under
 * `<prefix>log:<channel>/<conversation>`; `migrateKeyLayout` renames such keys once (single Redis and Sentinel).
 */
export const KEY_LAYOUT = 2;

const CONVERSATION_DOC = /^([^/]+)\/([^/]+)\/conversations\/(.+)$/s;
const USER_DOC = /^([^/]+)\/([^/]+)\/users\/(.+)$/s;
const HANDOFF_DOC = /^handoff\/session\/(.+)$/s;

/** Inside a tag, `{` and `}` (and `%`, to keep it reversible) are percent-encoded: an id can never end the tag early. */
function tagSafe(id: string): string {
  return id.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export class RedisKeys {
  constructor(readonly prefix: string) {
    // A brace in the prefix would become the hash tag of every key: one slot for everything.
    if (/[{}]/.test(prefix)) throw new Error('REDIS_KEY_PREFIX must not contain { or }');
  }

  conversationTag(conversationId: string): string {
    return `{c:${tagSafe(conversationId)}}`;
  }

  /** The Redis key of a botbuilder `Storage` document. */
  document(storageKey: string): string {
    let m = CONVERSATION_DOC.exec(storageKey);
    if (m) return `${this.prefix}${this.conversationTag(m[3])}:state:${m[1]}/${m[2]}`;
    m = USER_DOC.exec(storageKey);
    if (m) return `${this.prefix}{u:${tagSafe(`${m[1]}/${m[3]}`)}}:state:${m[2]}`;
    m = HANDOFF_DOC.exec(storageKey);
    const conversationId = m ? decodeOrUndefined(m[1]) : undefined;
    if (conversationId !== undefined) return `${this.prefix}${this.conversationTag(conversationId)}:handoff`;
    return `${this.prefix}state:${storageKey}`;
  }

  /** `conversationKey` is `<channel>/<conversation id>` (channel ids have no slash). */
  lock(conversationKey: string): string {
    const { channel, conversationId } = splitConversationKey(conversationKey);
    return `${this.prefix}${this.conversationTag(conversationId)}:lock:${channel}`;
  }

  log(conversationKey: string): string {
    const { channel, conversationId } = splitConversationKey(conversationKey);
    return `${this.prefix}${this.conversationTag(conversationId)}:log:${channel}`;
  }

  events(channel: string): string {
    return `${this.prefix}events:${channel}`;
  }

  epoch(): string {
    return `${this.prefix}epoch`;
  }

  layout(): string {
    return `${this.prefix}keylayout`;
  }

  /** Key layout 1's name for what is now `key`, given the old key: the new name, or undefined to leave it. */
  fromLayout1(oldKey: string): string | undefined {
    if (!oldKey.startsWith(this.prefix)) return undefined;
    const rest = oldKey.slice(this.prefix.length);
    if (rest.startsWith('state:')) {
      const renamed = this.document(rest.slice('state:'.length));
      return renamed === oldKey ? undefined : renamed;
    }
    if (rest.startsWith('log:') && rest.indexOf('/') > 0) return this.log(rest.slice('log:'.length));
    return undefined;
  }
}

/** The `{…}` part Redis hashes (its first `{` and the first `}` after it), or the whole key without one. */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

export function splitConversationKey(conversationKey: string): { channel: string; conversationId: string } {
  const slash = conversationKey.indexOf('/');
  if (slash <= 0) return { channel: '', conversationId: conversationKey };
  return { channel: conversationKey.slice(0, slash), conversationId: conversationKey.slice(slash + 1) };
}

function decodeOrUndefined(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
