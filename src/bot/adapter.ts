import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type BotAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import type { Translator } from '../language/i18n';
import { DEFAULT_LANGUAGE, langFromLocale } from '../language/languages';
import { decidedTurnLanguage } from '../language/turnLanguage';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { authenticationFailure } from './requestAuth';
import { isConflictError, isStoreUnavailable, LockLostError, LockTimeoutError } from '../storage/errors';

/**
 * Without MicrosoftAppId the adapter accepts unauthenticated requests and sends replies without a token,
 * as the Bot Framework Emulator expects for local use. With it, every request's JWT is validated.
 */
export function createCloudAdapter(config: Config, options: { inProcessConnector?: InProcessConnector } = {}): BrobyggerAdapter {
  const app = config.microsoftApp;
  const metadataUrl = app.openIdMetadataUrl;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: app.appId ?? '',
    MicrosoftAppPassword: app.appPassword ?? '',
    MicrosoftAppType: app.appType,
    MicrosoftAppTenantId: app.tenantId ?? '',
    // Setting one of these makes the connector use all of them as given: the public cloud's, but the keys'
    // document from BOT_OPENID_METADATA_URL.
    ...(metadataUrl
      ? {
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {}),
  });
  return new BrobyggerAdapter(new CheckedRequests(auth, options.inProcessConnector ?? (() => undefined)));
}

/** CloudAdapter with the one entry point the server uses, whose failures are ours to answer. */
export class BrobyggerAdapter extends CloudAdapter {
  /**
   * Authenticates and runs one activity; throws RequestNotAuthenticated (401) or AuthenticationUnavailable
   * (503) for the token, instead of CloudAdapter.process's 500 with the internal message.
   */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The connector of a channel served by this process itself (the Direct Line endpoint), by `serviceUrl`. */
export type InProcessConnector = (serviceUrl: string) => ConnectorClient | undefined;

/**
 * Token failures become our own short errors (src/bot/requestAuth.ts).
 * Proactive messages (a counsellor's reply, queue updates) to a conversation of a channel this process serves
 * go to that channel's in-process connector; every other `serviceUrl` is reached as before. Requests arriving
 * on /api/messages keep their own connector: an activity posted there cannot borrow the in-process one.
 */
class CheckedRequests extends BotFrameworkAuthentication {
  // CloudAdapter asks for a new connector and token client on every turn, and building one (its HTTP pipeline)
  // cost about 0.1 ms a turn, measured. They hold no state of a turn: one per bot app id, service URL and
  // audience serves every turn (their credentials keep and renew the token themselves).
  private readonly connectorClients = new BoundedCache<ConnectorClient>(256);
  private readonly userTokenClients = new BoundedCache<UserTokenClient>(16);

  constructor(private readonly inner: BotFrameworkAuthentication, private readonly local: InProcessConnector) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw authenticationFailure(err, /^Bearer\s+\S/i.test(authHeader));
    }
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const remote = this.inner.createConnectorFactory(claimsIdentity);
    const local = this.local;
    const clients = this.connectorClients;
    const botAppId = botAppIdOf(claimsIdentity);
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return local(serviceUrl) ?? clients.get(`${botAppId}|${serviceUrl}|${audience ?? ''}`, () => remote.create(serviceUrl, audience));
      }
    })();
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(botAppIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

/** The bot's own app id in a request's claims (as botframework-connector reads it; empty without auth). */
function botAppIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Promises of clients by key, the oldest dropped past `size`; a failed creation is not kept. */
class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly size: number) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) return known;
    const made = create();
    this.entries.set(key, made);
    made.catch(() => this.entries.get(key) === made && this.entries.delete(key));
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }
}

/** The one turn-error handler: log (redacted), count, apologise in the resident's language. */
export function installTurnErrorHandler(adapter: BotAdapter, deps: { logger: Logger; metrics: Metrics; translator: Translator }): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    deps.metrics.turnFailed();
    if (isConflictError(error)) deps.metrics.storageConflict();
    if (error instanceof LockTimeoutError) deps.metrics.lockFailed('timeout');
    if (error instanceof LockLostError) deps.metrics.lockFailed('lost');
    // A turn that lost its lock (a stall longer than the lease) saved nothing: "please send that again".
    const kind = error instanceof LockTimeoutError ? 'busy' : error instanceof LockLostError ? 'lockLost' : isStoreUnavailable(error) ? 'tryAgain' : 'error';
    deps.logger.error(
      { err: error, kind, channelId: context.activity.channelId, activityType: context.activity.type },
      'turn failed',
    );
    if (context.activity.type !== 'message') return;
    // A turn that lost its lock saved nothing: the replies it had not sent yet (expectReplies holds them until
    // the end) would describe a conversation that did not happen. Only "please send it again" goes out.
    if (error instanceof LockLostError && context.activity.deliveryMode === 'expectReplies') context.bufferedReplyActivities.splice(0);
    const lang = decidedTurnLanguage(context) ?? langFromLocale(context.activity.locale) ?? DEFAULT_LANGUAGE;
    const t = deps.translator.fixed(lang);
    try {
      await context.sendActivity({ type: 'message', text: kind === 'lockLost' ? t('recovery:sendAgain') : t(`common:${kind}`), locale: lang });
    } catch (sendError) {
      deps.logger.warn({ err: sendError }, 'could not send the apology');
    }
  };
}
