import type { Catalog } from '../src/catalog';
import type { RequestStore } from '../src/requests/requestStore';

/** What the service dialogs may use. Built once at start-up; holds no per-conversation data. */
export interface DialogServices {
  catalog: Catalog;
  requests: RequestStore;
  /** Now; injected so "open now" and dates can be tested at any hour. */
  clock: () => Date;
  /** `config.localesDir`: the dialogs' word lists and date words come from the same place as the texts. */
  localesDir: string;
}
