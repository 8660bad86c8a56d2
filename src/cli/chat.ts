import * as readline from 'node:readline';
import type { Activity, Attachment } from 'botbuilder';
import { createBrobygger } from '../compose';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { ConsoleAdapter } from './consoleAdapter';

/**
 * `npm run chat`: talk to Brobygger in the terminal. Buttons are numbered; type the number to press one.
 * Uses Redis when REDIS_URL is set, otherwise in-memory state.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const brobygger = await createBrobygger(config, { logger: createLogger('warn') });
  let buttons: string[] = [];

  const adapter = new ConsoleAdapter((activity) => {
    const text = (activity.text ?? '').replace(/\u200F/g, '');
    if (text) process.stdout.write(`\nbot> ${text.split('\n').join('\n     ')}\n`);
    for (const attachment of activity.attachments ?? []) process.stdout.write(describeAttachment(attachment));
    const actions = activity.suggestedActions?.actions ?? [];
    if (actions.length > 0) {
      buttons = actions.map((a) => String(a.value ?? a.title));
      process.stdout.write(`     ${actions.map((a, i) => `[${i + 1}] ${a.title}`).join('  ')}\n`);
    }
  });
  // The same error handling as the server's adapter.
  adapter.onTurnError = brobygger.adapter.onTurnError;

  const reference = {
    channelId: 'console',
    serviceUrl: 'http://localhost/console',
    conversation: { id: `console-${process.pid}-${Date.now()}` },
    from: { id: 'resident', name: 'You', role: 'user' },
    recipient: { id: 'brobygger', name: 'Brobygger', role: 'bot' },
  };
  const send = (activity: Partial<Activity>) => adapter.receive({ ...reference, ...activity } as Partial<Activity>, (ctx) => brobygger.bot.run(ctx));

  process.stdout.write('Brobygger chat. Write in any language; type a number to press a button; Ctrl+D to leave.\n');
  await send({ type: 'conversationUpdate', membersAdded: [{ id: 'resident', name: 'You' }] });

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nyou> ' });
  rl.prompt();
  for await (const line of rl) {
    const input = line.trim();
    if (input) {
      const pressed = /^\d+$/.test(input) ? buttons[Number(input) - 1] : undefined;
      buttons = [];
      await send({ type: 'message', text: pressed ?? input });
    }
    rl.prompt();
  }
  await brobygger.close();
  process.stdout.write('\n');
}

function describeAttachment(attachment: Attachment): string {
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') return `     [${attachment.contentType}]\n`;
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
      if (o.type === 'Fact' || (typeof o.title === 'string' && typeof o.value === 'string')) texts.push(`${o.title} ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(attachment.content);
  return texts.map((t) => `     | ${t.replace(/\u200F/g, '')}`).join('\n') + '\n';
}

void main();
