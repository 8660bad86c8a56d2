import type { Dialog } from 'botbuilder-dialogs';
import type { DialogServices } from './services';

/** The four service dialogs, each registered under its route's name. */
export function createServiceDialogs(_services: DialogServices): Dialog[] {
  // Filled in as the service dialogs land (interpreter, mediation, discrimination, clubs).
  return [];
}
