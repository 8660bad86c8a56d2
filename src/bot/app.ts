import { withSupportedRoute } from '../understanding/support';
import { ActivityTypes, type Activity, type ResourceResponse, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { Application } from '@microsoft/teams-ai';
import { AppTurnState, setTurnLease, stateKeys, turnLease } from './turnState';
import { MainDialog, MAIN_DIALOG } from '../../dialogs/main';
import { languageMessage, menuMessage, routeFromMenuLabel } from '../../dialogs/menu';
import { PrivacyDialog, type DeleteResidentData } from '../../dialogs/privacy';
import type { Translator } from '../language/i18n';
import { DEFAULT_LANGUAGE, RTL_LANGUAGES, isLang, langFromLocale, type Lang } from '../language/languages';
import { hasLettersOnlyOf, resolveTurnLanguage, type LanguageDetector } from '../language/detect';
import { isBareLanguageName, parseLanguageRequest } from '../language/switch';
import { decidedTurnLanguage, setTurnLanguage, turnLanguage } from '../language/turnLanguage';
import type { Logger } from '../log';
import type { Metrics, TurnLabels } from '../metrics';
import { LockLostError, type ConversationLock, type TurnLease } from '../storage/conversationLock';
import { setTurnData, turnData } from '../state/turnData';
import { setTurnUnderstanding } from '../state/turnUnderstanding';
import type { DataLossWatch } from '../storage/dataLoss';
import { turnTrace, type TurnTrace } from '../state/turnTrace';
import type { RecentLog } from '../storage/recentLog';
import type { ConversationData, TranscriptLine, UserData } from '../state/types';
import { withEntities, type DangerKind, type EntityReader, type Understanding } from '../understanding';
import { dangerOf } from '../understanding/policy';
import type { CommandMatcher } from '../language/commands';
import type { ResidentMessageLimit } from '../limits/residentMessages';

/** The hook through which a conversation held by (or waiting for) a human bypasses the bot. */
export interface HandoffGate {
  handleResidentMessage(context: TurnContext): Promise<boolean>;
  handleEvent(context: TurnContext): Promise<boolean>;
}

/**
 * Staff working from another channel (Microsoft Teams: src/channels/teams). Their activities are never a
 * resident's: no language detection, no dialogs, no handoff gate, no turn lock; only the staff routes run.
 */
export interface StaffChannel {
  /** This activity is staff's, decided from the activity alone (no storage). */
  isStaffActivity(context: TurnContext): boolean;
  /** Adds the staff routes to the Application, ahead of the resident's. */
  registerRoutes(app: Application<AppTurnState>): void;
}

export interface BotDependencies {
  storage: Storage;
  lock: ConversationLock;
  transcripts: RecentLog<TranscriptLine>;
  translator: Translator;
  detector: LanguageDetector;
  understanding: Understanding;
  /** Reads each message's entities (age, district, day...) for the dialogs; needs the city's data. */
  entities: EntityReader;
  commands: CommandMatcher;
  /** Confidence at or above which the router acts without asking back. */
  confidentAt: number;
  /** Service dialogs (registered under their route's name) and the `human` dialog. */
  dialogs: Dialog[];
  deleteResidentData: DeleteResidentData;
  /** The helplines for a kind of danger, said with "are you safe right now?" (src/handoff/facts.ts). */
  helplines?: (kind: DangerKind, lang: Lang) => { name: string; phone?: string; website?: string }[];
  handoffGate?: HandoffGate;
  staffChannel?: StaffChannel;
  maxMessageLength: number;
  /** Messages per resident in a short window (src/limits/residentMessages.ts); unset: no limit. */
  messageLimit?: ResidentMessageLimit;
  /** Notices when Redis lost its data; a conversation found empty soon after is told it restarted. */
  dataLoss?: DataLossWatch;
  /** How long after a loss an empty conversation is taken for a lost one (default 24 h). */
  recoveryNoticeMs?: number;
  metrics: Metrics;
  logger: Logger;
  clock?: () => Date;
  /** Told what the bot did in each turn (route, slot asked, results): the scenario runner and tests listen. */
  onTurnTrace?: (context: TurnContext, trace: TurnTrace) => void;
}

const RLM = '\u200F';

/**
 * The turn pipeline, on Teams AI's `Application` (load state, before-turn, routes, after-turn, save):
 *
 *   lock conversation + read state → before-turn: language, transcript lines
 *     → route: handoff gate → length check → understanding (safety screen first) → dialogs
 *     → after-turn: transcript → save state + unlock
 *
 * Turns of one conversation are serialised by `lock` (in-process and across instances), so concurrent
 * messages never overwrite each other's state; the eTag on save is the second line of defence.
 */
export class Bot {
  private readonly app: Application<AppTurnState>;
  private readonly dialogs: DialogSet;
  private readonly clock: () => Date;
  private dialogStateConfiguration: unknown;

  constructor(private readonly deps: BotDependencies) {
    this.clock = deps.clock ?? (() => new Date());
    this.dialogs = new DialogSet(dialogStateAccessor());
    this.dialogs.add(new MainDialog([...deps.dialogs, new PrivacyDialog(deps.deleteResidentData)], deps.helplines));

    this.app = new Application<AppTurnState>({
      storage: deps.storage,
      startTypingTimer: false,
      longRunningMessages: false,
      removeRecipientMention: true,
      turnStateFactory: () => new AppTurnState(),
    });
    deps.staffChannel?.registerRoutes(this.app);
    this.app.turn('beforeTurn', (context, state) => this.beforeTurn(context, state));
    this.app.conversationUpdate('membersAdded', (context, state) => this.greet(context, state));
    this.app.activity(ActivityTypes.Message, (context, state) => this.onMessage(context, state));
    this.app.turn('afterTurn', async (context) => {
      // The transcript lines leave with the state, in one commit.
      const lease = turnLease(context);
      if (lease) this.stageTranscript(context, lease);
      return true;
    });
    this.app.activity(ActivityTypes.Event, async (context) => {
      await this.deps.handoffGate?.handleEvent(context);
    });
  }

  /** Runs one turn, serialised with the other turns of the same conversation. */
  async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    if (this.deps.staffChannel?.isStaffActivity(context)) {
      // Staff change shared handoff documents (compare-and-set), never a resident's state: no resident lock.
      await this.app.run(context);
      this.deps.metrics.turnCompleted((performance.now() - started) / 1000, { route: 'staff', language: 'none' });
      return;
    }
    const keys = stateKeys(context);
    // Before the lock and the state: a flood of one resident's messages costs one counter each, nothing more.
    if (this.deps.messageLimit && context.activity.type === ActivityTypes.Message && keys) {
      const verdict = await this.deps.messageLimit.admit(conversationKey(context), context.activity.from.id);
      if (!verdict.allowed) {
        if (verdict.notify) await this.sendSlowDown(context, keys);
        return;
      }
    }
    await this.deps.lock.run(
      conversationKey(context),
      async (lease) => {
        this.deps.metrics.lockWaited((performance.now() - started) / 1000);
        setTurnLease(context, lease);
        try {
          await this.app.run(context);
        } catch (err) {
          // A turn that lost its lock owns nothing any more: it must not write, not even to clean up.
          if (!(err instanceof LockLostError)) await this.clearDialogStack(context, lease).catch(() => undefined);
          throw err;
        } finally {
          // Staged in afterTurn when the turn got that far (then they left with the state), else now.
          if (!context.turnState.get(TRANSCRIPT_STAGED)) this.stageTranscript(context, lease);
          // A lost transcript line must not fail the turn (its answer was given).
          await lease.commit().catch(() => undefined);
        }
      },
      keys,
    );
    this.deps.metrics.turnCompleted((performance.now() - started) / 1000, this.turnLabels(context));
    this.deps.onTurnTrace?.(context, turnTrace(context));
  }

  /** For the turn counts: the route the turn ended on, or what kind of turn it was; the turn's language. */
  private turnLabels(context: TurnContext): TurnLabels {
    const route =
      turnTrace(context).route ??
      (context.turnState.get(WITH_PERSON) ? 'human' : context.activity.type === ActivityTypes.Message ? 'none' : String(context.activity.type ?? 'none').toLowerCase());
    return { route, language: decidedTurnLanguage(context) ?? 'none' };
  }

  /** The one "slow down" of a window, in the language the conversation is held in (read, never written). */
  private async sendSlowDown(context: TurnContext, keys: string[]): Promise<void> {
    const stored = await this.deps.storage.read(keys).catch(() => ({}) as Record<string, unknown>);
    const conversation = stored[keys[0]] as ConversationData | undefined;
    const user = stored[keys[1]] as UserData | undefined;
    const guess = context.activity.text ? this.deps.detector.detect(context.activity.text.slice(0, this.deps.maxMessageLength)) : undefined;
    const lang = conversation?.language ?? user?.language ?? langFromLocale(context.activity.locale) ?? (guess && guess.wordCount > 1 ? guess.lang : undefined) ?? DEFAULT_LANGUAGE;
    const text = this.deps.translator.fixed(lang)('common:slowDown');
    await context.sendActivity({ type: ActivityTypes.Message, text: RTL_LANGUAGES.has(lang) ? markRightToLeft(text) : text, locale: lang });
  }

  /** This turn's lines join the conversation's transcript (or the transcript goes, with "delete my data"), in the turn's commit. */
  private stageTranscript(context: TurnContext, lease: TurnLease): void {
    context.turnState.set(TRANSCRIPT_STAGED, true);
    const key = conversationKey(context);
    if (context.turnState.get(DELETE_TRANSCRIPT)) return lease.stage({ transcript: { key, delete: true } });
    const lines = context.turnState.get(TRANSCRIPT_LINES) as TranscriptLine[] | undefined;
    if (lines?.length) lease.stage({ transcript: { key, append: lines } });
  }

  /**
   * After a failed turn, the stored dialog stack may be the one that broke: drop it (keeping language and
   * transcript) so the resident's next message starts afresh instead of failing again.
   */
  private async clearDialogStack(context: TurnContext, lease: TurnLease): Promise<void> {
    const key = stateKeys(context)?.[0];
    if (!key) return;
    const stored = (await this.deps.storage.read([key]))[key] as ConversationData | undefined;
    if (!stored?.dialogState) return;
    delete stored.dialogState;
    lease.stage({ changes: { [key]: { ...stored, eTag: '*' } } });
  }

  private async beforeTurn(context: TurnContext, state: AppTurnState): Promise<boolean> {
    if (this.deps.staffChannel?.isStaffActivity(context)) return true;
    const conversation = state.conversation;
    const user = state.user;
    const restarted = context.activity.type === ActivityTypes.Message && this.lostWithData(context, conversation);
    setTurnData(context, {
      conversation,
      user,
      deleteAll: () => {
        state.deleteConversationState();
        state.deleteUserState();
        context.turnState.set(DELETE_TRANSCRIPT, true);
      },
      recentTranscript: async () => [
        ...(await this.deps.transcripts.recent(conversationKey(context))),
        ...((context.turnState.get(TRANSCRIPT_LINES) as TranscriptLine[] | undefined) ?? []),
      ],
    });
    const lang = this.chooseLanguage(context, conversation, user);
    setTurnLanguage(context, lang, this.deps.translator.fixed(lang));
    this.recordOutgoing(context, conversation);
    // Said first; the message itself is then handled as in a new conversation.
    if (restarted) await context.sendActivity(this.deps.translator.fixed(lang)('recovery:restarted'));
    if (context.activity.type === ActivityTypes.Message) {
      conversation.turns = (conversation.turns ?? 0) + 1;
      const text = context.activity.text ?? '';
      if (text) recordLine(context, { from: 'resident', text: text.slice(0, this.deps.maxMessageLength), timestamp: this.clock().toISOString() });
    }
    return true;
  }

  /**
   * A message in a conversation with no state at all, shortly after Redis was found to have lost its data:
   * most likely a conversation that was lost with it. (A conversation that begins with a greeting has state
   * from its greeting on; one whose first message comes in that window is told too: the price of not knowing.)
   */
  private lostWithData(context: TurnContext, conversation: ConversationData): boolean {
    if (Object.keys(conversation).length > 0 || !this.deps.dataLoss) return false;
    const lostAt = this.deps.dataLoss.lostAt(conversationKey(context));
    // Real time, as the marker was written in (the bot's clock may be a test's).
    return !!lostAt && Date.now() - lostAt.getTime() < (this.deps.recoveryNoticeMs ?? DEFAULT_RECOVERY_NOTICE_MS);
  }

  /**
   * Order of trust: a language the resident chose > a confident detection of this message > the
   * conversation's language > activity.locale > Danish. The language-choice buttons and "English please"
   * set the chosen language.
   */
  private chooseLanguage(context: TurnContext, conversation: ConversationData, user: UserData): Lang {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || !activity.text) {
      return conversation.language ?? user.language ?? langFromLocale(activity.locale) ?? DEFAULT_LANGUAGE;
    }
    const requested = this.languageRequest(activity.text, conversation);
    if (requested) {
      // "Türkçe" in a Turkish conversation changes nothing: no "I'll write in Turkish now".
      const changed = requested !== conversation.language;
      user.language = requested;
      user.languageChosen = true;
      conversation.language = requested;
      conversation.languageChoice = undefined;
      context.turnState.set(LANGUAGE_SWITCHED, changed ? 'changed' : 'same');
      return requested;
    }
    // A command in the conversation's language ("start over", "hjælp") is said in that language, even when
    // its words also exist in another one.
    // Over-long text is judged by its beginning: reading all of a 200 kB paste would block the process.
    const text = activity.text.slice(0, this.deps.maxMessageLength);
    const previous = conversation.language ?? user.language;
    const locale = langFromLocale(activity.locale);
    if (previous && this.deps.commands.matchIn(text, previous)) return previous;
    // A pressed button is the bot's own words sent back ("Indre By", "Amager Vest"), not the resident's language.
    if (previous && conversation.lastButtons?.includes(text)) return previous;

    let detected = this.deps.detector.detect(text);
    if (!previous && detected && detected.wordCount <= 1) {
      // A first message of one word ("hej", "ja", "salam", "yes") tells a detector too little; our own word
      // lists (greetings, thanks, yes/no per language) know better. Such a guess is not kept for the resident.
      const known = this.deps.commands.languagesWith(text);
      if (known.length > 0) {
        // Where the word is Danish too ("hej", "tak"), this being a Danish city settles it.
        const lang = locale && known.includes(locale) ? locale : known.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : known[0];
        conversation.language = lang;
        if (known.length > 1 && lang !== DEFAULT_LANGUAGE && !conversation.languageChoice) {
          conversation.languageChoice = known;
          context.turnState.set(OFFER_LANGUAGES, [lang, ...known.filter((l) => l !== lang)]);
        }
        return lang;
      }
      // A word written with letters only one of our languages has ("şey", "dzięki", "привіт") is that language.
      if (detected.confidence < CONFIDENT_ONE_WORD && !hasLettersOnlyOf(text, detected.lang)) detected = undefined;
    }
    // Inside a dialog, a short answer in the same script ("nej tak", "ja", "privat leje") says nothing about
    // the language: Danish "tak" is Polish "yes". Only longer messages or another script change it.
    // The same holds for Arabic, Farsi and Urdu, one script: "بدون اسم" in an Arabic dialog is Arabic.
    const sameScript = detected?.script === 'latin' || (detected?.script === 'arabic' && !!previous && ARABIC_SCRIPT_LANGUAGES.includes(previous));
    const shortAnswer = hasActiveDialog(conversation) && detected !== undefined && detected.wordCount <= 3 && sameScript;
    const resolved = resolveTurnLanguage({
      guess: shortAnswer ? undefined : detected,
      chosen: user.languageChosen ? user.language : undefined,
      previous,
      activityLocale: activity.locale,
    });
    conversation.language = resolved.lang;
    if (!user.languageChosen && resolved.source === 'detected') user.language = resolved.lang;
    if (resolved.offerChoice?.length && !conversation.languageChoice) {
      conversation.languageChoice = resolved.offerChoice;
      context.turnState.set(OFFER_LANGUAGES, resolved.offerChoice);
    }
    return resolved.lang;
  }

  /**
   * A request to switch language, unless it is really an answer to the active dialog: inside a dialog a bare
   * language name ("arabisk", "اردو" to "which language do you need an interpreter for?") or the current
   * language's name is an answer, except right after the language buttons were shown.
   */
  private languageRequest(text: string, conversation: ConversationData): Lang | undefined {
    const menuWasOpen = conversation.languageMenuOpen === true;
    conversation.languageMenuOpen = undefined;
    const requested = parseLanguageRequest(text);
    if (!requested || menuWasOpen) return requested;
    if (hasActiveDialog(conversation) && (requested === conversation.language || isBareLanguageName(text))) return undefined;
    return requested;
  }

  private async greet(context: TurnContext, state: AppTurnState): Promise<void> {
    const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
    if (joined.length === 0) return;
    const lang = turnLanguage(context);
    const t = this.deps.translator.fixed(lang);
    // Only a language we were told (the resident's earlier choice, the channel's locale) is kept; Danish by
    // default is a guess that the first message should be free to overrule.
    const told = state.user.language ?? langFromLocale(context.activity.locale);
    if (told) state.conversation.language ??= told;
    // The conversation exists from its greeting on (see lostWithData).
    state.conversation.turns ??= 0;
    await context.sendActivity(t('common:greeting'));
    // Before anyone has written, Danish is only a guess: say it in English too, and name the other languages.
    if (lang === DEFAULT_LANGUAGE) {
      await context.sendActivity({ type: ActivityTypes.Message, text: this.deps.translator.fixed('en')('common:greeting'), locale: 'en' });
    }
    await context.sendActivity(menuMessage(t, `${t('common:greetingOtherLanguages')}\n\n${t('common:menuPrompt')}`));
  }

  private async onMessage(context: TurnContext, state: AppTurnState): Promise<void> {
    const t = this.deps.translator.fixed(turnLanguage(context));
    const text = (context.activity.text ?? '').trim();
    // A conversation held by (or waiting for) a person goes to them first, attachments and all.
    if (this.deps.handoffGate && (await this.deps.handoffGate.handleResidentMessage(context))) {
      context.turnState.set(WITH_PERSON, true);
      return;
    }
    if (text.length > this.deps.maxMessageLength) {
      // Too long to handle, but never too long to be checked for danger.
      const head = this.deps.understanding.read(text.slice(0, this.deps.maxMessageLength), turnLanguage(context));
      if (dangerOf(head, { pressedButton: false })?.by !== 'word') {
        await context.sendActivity(t('common:tooLong', { max: this.deps.maxMessageLength }));
        return;
      }
    }
    if (!text) {
      await context.sendActivity(t('common:textOnly'));
      return;
    }

    // botbuilder-dialogs rebuilds its memory-scope configuration (component registry, dependency graph) on
    // every turn unless turn state already holds one under this key. It is the same for every turn and holds
    // no conversation data, so it is built once and handed to each turn.
    if (this.dialogStateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.dialogStateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.dialogStateConfiguration ??= context.turnState.get(DIALOG_STATE_CONFIGURATION);
    if (context.turnState.get(LANGUAGE_SWITCHED)) {
      if (context.turnState.get(LANGUAGE_SWITCHED) === 'changed') await context.sendActivity(t('common:languageChanged'));
      if (dc.activeDialog) await dc.repromptDialog();
      else await context.sendActivity(menuMessage(t, t('common:menuPrompt')));
      return;
    }

    const lang = turnLanguage(context);
    const reading = withEntities(this.deps.understanding.read(text.slice(0, this.deps.maxMessageLength), lang), this.deps.entities, this.clock());
    const menuRoute = routeFromMenuLabel(t, text);
    const pressedButton = state.conversation.lastButtons?.includes(text) ?? false;
    state.conversation.lastButtons = undefined;
    // "12" or "🙂" alone names no service: outside a dialog it is asked back, not routed.
    const wordless = !/\p{L}/u.test(text);
    if (wordless) reading.intent.confidence = 0;
    // The route the message's own words fill the form of, among the classifier's first guesses (support.ts).
    const supported = !wordless && withSupportedRoute(reading);
    setTurnUnderstanding(context, {
      reading,
      menuRoute,
      pressedButton,
      confident: !wordless && (reading.intent.confidence >= this.deps.confidentAt || supported),
      reread: (other) => withEntities(this.deps.understanding.read(other.slice(0, this.deps.maxMessageLength), lang), this.deps.entities, this.clock()),
    });

    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);

    const offer = context.turnState.get(OFFER_LANGUAGES) as Lang[] | undefined;
    // Offered only between dialogs: inside one, language buttons would stand in for the question's own.
    if (offer && !state.conversation.handoff && !dc.activeDialog) {
      state.conversation.languageMenuOpen = true;
      await context.sendActivity(languageMessage(t('common:languageOffer'), offer));
    }
  }

  /** Every reply carries the language it is written in, reads right-to-left where it should, and is kept in the transcript. */
  private recordOutgoing(context: TurnContext, conversation: ConversationData): void {
    context.onSendActivities(async (ctx, activities: Partial<Activity>[], next: () => Promise<ResourceResponse[]>) => {
      const turnLang = turnLanguage(ctx);
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message) continue;
        // botbuilder copies the incoming locale onto replies; a reply names its own language only when the
        // bot set one of ours on purpose (the English line of the first greeting).
        const lang = isLang(activity.locale) && activity.locale !== ctx.activity.locale ? activity.locale : turnLang;
        activity.locale = lang;
        if (activity.text) activity.text = capitaliseStart(activity.text, lang);
        if (activity.text && RTL_LANGUAGES.has(lang)) activity.text = markRightToLeft(activity.text);
        if (activity.text) recordLine(ctx, { from: 'bot', text: shorten(activity.text), timestamp: this.clock().toISOString() });
        const buttons = activity.suggestedActions?.actions.map((a) => String(a.value ?? a.title));
        if (buttons?.length) conversation.lastButtons = buttons;
      }
      return next();
    });
  }
}

const LANGUAGE_SWITCHED = Symbol('brobygger.languageSwitched');
const DEFAULT_RECOVERY_NOTICE_MS = 24 * 3600_000;
const TRANSCRIPT_LINES = Symbol('brobygger.transcriptLines');
/** botbuilder-dialogs' turn-state key for DialogStateManager's configuration (not exported by the package). */
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';
const DELETE_TRANSCRIPT = Symbol('brobygger.deleteTranscript');
const TRANSCRIPT_STAGED = Symbol('brobygger.transcriptStaged');
/** The handoff gate took this message: the resident is waiting for or talking with a person. */
const WITH_PERSON = Symbol('brobygger.withPerson');
/** A first message of one word changes the language only when the detector is this sure. */
const CONFIDENT_ONE_WORD = 0.8;
const OFFER_LANGUAGES = Symbol('brobygger.offerLanguages');
const ARABIC_SCRIPT_LANGUAGES: readonly Lang[] = ['ar', 'fa', 'ur'];

/** One conversation of one channel: the key of its turn lock and its transcript. */
function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId}/${context.activity.conversation?.id}`;
}

function hasActiveDialog(conversation: ConversationData): boolean {
  return ((conversation.dialogState?.dialogStack as unknown[] | undefined) ?? []).length > 0;
}

/** Lines said in this turn, saved to the conversation's transcript when the turn ends. */
function recordLine(context: TurnContext, line: TranscriptLine): void {
  const lines = (context.turnState.get(TRANSCRIPT_LINES) as TranscriptLine[] | undefined) ?? [];
  lines.push(line);
  context.turnState.set(TRANSCRIPT_LINES, lines);
}

/**
 * A reply that opens with a date ("tirsdag 1. december kl. 10:00, det har jeg noteret") starts with a
 * capital like any sentence. Links and addresses are left as they are.
 */
export function capitaliseStart(text: string, lang: Lang): string {
  const first = text.charAt(0);
  if (!/\p{Ll}/u.test(first) || /^(https?:|www\.|\S+@)/i.test(text)) return text;
  return first.toLocaleUpperCase(lang) + text.slice(1);
}

/**
 * The bot's own long answers (help texts, club lists) are kept in the transcript only in part: the counsellor
 * needs to see what the resident was told, not every line again, and the state document stays small.
 */
const BOT_LINE_LIMIT = 280;
function shorten(text: string): string {
  return text.length <= BOT_LINE_LIMIT ? text : `${text.slice(0, BOT_LINE_LIMIT - 1)}…`;
}

/**
 * A right-to-left mark at the start of each line makes a line that begins with a Latin name or a number
 * ("112", "Ligebehandlingsnævnet") still read right to left.
 */
export function markRightToLeft(text: string): string {
  return text
    .split('\n')
    .map((line) => (line && !line.startsWith(RLM) ? RLM + line : line))
    .join('\n');
}

/** botbuilder-dialogs keeps its stack in the conversation state document the pipeline already loaded. */
function dialogStateAccessor(): StatePropertyAccessor<DialogState> {
  return {
    async get(context: TurnContext, defaultValue?: DialogState): Promise<DialogState> {
      const conversation = turnData(context).conversation;
      if (!conversation.dialogState && defaultValue) conversation.dialogState = defaultValue as unknown as Record<string, unknown>;
      return conversation.dialogState as unknown as DialogState;
    },
    async set(context: TurnContext, value: DialogState): Promise<void> {
      turnData(context).conversation.dialogState = value as unknown as Record<string, unknown>;
    },
    async delete(context: TurnContext): Promise<void> {
      delete turnData(context).conversation.dialogState;
    },
  };
}
