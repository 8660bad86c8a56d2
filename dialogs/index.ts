import type { Dialog } from 'botbuilder-dialogs';
import { ClubsDialog } from './clubs';
import { FollowUpDialog } from './followUp';
import { DiscriminationDialog } from './discrimination';
import { InterpreterDialog } from './interpreter';
import { MediationDialog } from './mediation';
import type { DialogServices } from './services';

/** The four service dialogs, each registered under its route's name. */
export function createServiceDialogs(services: DialogServices): Dialog[] {
  return [new InterpreterDialog(services), new MediationDialog(services), new DiscriminationDialog(services), new ClubsDialog(services), new FollowUpDialog(services)];
}
