import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { RemediationService } from '../service/RemediationService';
import { registerAnalyzeLogAction } from './analyzeLogAction';
import { registerListRemediationsAction } from './listRemediationsAction';

/** The Remediation agent's operations as actions, offered to AI clients by the MCP actions backend. */
export function registerRemediationActions(options: {
  actionsRegistry: ActionsRegistryService;
  remediation: RemediationService;
}) {
  registerAnalyzeLogAction(options);
  registerListRemediationsAction(options);
}
