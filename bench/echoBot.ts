import * as restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, TurnContext } from 'botbuilder';

/**
 * The yardstick for bench/turns: a bare botbuilder echo bot (CloudAdapter + MemoryStorage, a turn counter in
 * conversation state, nothing else). Port from argv[2].
 */
const port = Number(process.argv[2] ?? 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const conversationState = new ConversationState(new MemoryStorage());
const turns = conversationState.createProperty<number>('turns');

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req as never, res as never, async (context: TurnContext) => {
    await turns.set(context, (await turns.get(context, 0)) + 1);
    await context.sendActivity(`Echo: ${context.activity.text}`);
    await conversationState.saveChanges(context);
  });
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
