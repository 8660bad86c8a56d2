import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/**
 * A channel in the terminal: the same bot pipeline as over HTTP, with replies handed to `print`.
 * Used by `npm run chat` so anyone can talk to the bot without the Bot Framework Emulator.
 */
export class ConsoleAdapter extends BotAdapter {
  private nextId = 0;

  constructor(private readonly print: (activity: Partial<Activity>) => void) {
    super();
  }

  async receive(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, { ...activity, id: `in-${++this.nextId}`, timestamp: new Date() } as Activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type === 'delay') await new Promise((r) => setTimeout(r, Number(activity.value) || 0));
      else if (activity.type === ActivityTypes.Message) this.print(activity);
    }
    return activities.map(() => ({ id: `out-${++this.nextId}` }));
  }

  async updateActivity(): Promise<ResourceResponse | void> {}
  async deleteActivity(): Promise<void> {}

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, TurnContext.applyConversationReference({ type: 'event', name: 'continue' }, reference, true) as Activity);
    await this.runMiddleware(context, logic);
  }
}
