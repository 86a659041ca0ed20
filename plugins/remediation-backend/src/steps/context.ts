import { LoggerService } from '@backstage/backend-plugin-api';
import {
  FixStepType,
  LogAnalyzer,
} from '@agentic-devops/plugin-remediation-node';
import { RemediationStore } from '../database/RemediationStore';
import { RemediationNotifier } from '../notify/RemediationNotifier';
import { RemediationSettings } from '../settings';
import { SourceRegistry } from '../SourceRegistry';

/** What the workflow steps work with. */
export interface StepDeps {
  store: RemediationStore;
  sources: SourceRegistry;
  analyzer: LogAnalyzer;
  stepTypes: ReadonlyMap<string, FixStepType>;
  settings: RemediationSettings;
  notifier: RemediationNotifier;
  logger: LoggerService;
  now?: () => number;
}
