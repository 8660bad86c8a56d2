import type { Dialog } from 'botbuilder-dialogs';
import { AreaDialog } from './area';
import { ClubsDialog } from './clubs';
import { InformationDialog } from './information';
import { ReportDialog } from './report';
import { FollowUpDialog } from './followUp';
import { DiscriminationDialog } from './discrimination';
import { InterpreterDialog } from './interpreter';
import { MediationDialog } from './mediation';
import type { DialogServices } from './services';

/** The service dialogs, each registered under its route's name, and the follow-up answers. */
export function createServiceDialogs(services: DialogServices): Dialog[] {
  return [
    new InterpreterDialog(services), new MediationDialog(services), new DiscriminationDialog(services), new ClubsDialog(services),
    new AreaDialog(services),
    new ReportDialog(services),
    new InformationDialog(services),
    new FollowUpDialog(services),
  ];
}
