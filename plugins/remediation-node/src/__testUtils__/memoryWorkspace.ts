import type { LoggerService } from '@backstage/backend-plugin-api';
import { Diagnosis } from '@agentic-devops/plugin-remediation-common';
import { FixStepContext, FixStepType, FixWorkspace } from '../fixes/types';

/** A repository in memory: the fix branch, the default branch, and what was done. */
export class MemoryWorkspace implements FixWorkspace {
  readonly files: Map<string, string>;
  readonly defaultBranch: Map<string, string>;
  readonly writes: string[] = [];
  readonly variables: Array<[string, string]> = [];
  retries = 0;

  constructor(
    files: Record<string, string> = {},
    defaultBranch: Record<string, string> = files,
  ) {
    this.files = new Map(Object.entries(files));
    this.defaultBranch = new Map(Object.entries(defaultBranch));
  }

  async readFile(path: string) {
    return this.files.get(path);
  }
  async writeFile(path: string, content: string) {
    this.writes.push(path);
    this.files.set(path, content);
  }
  async readDefaultBranchFile(path: string) {
    return this.defaultBranch.get(path);
  }
  async setCiVariable(name: string, value: string) {
    this.variables.push([name, value]);
  }
  async retryJob() {
    this.retries += 1;
  }
}

const logger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => logger,
};

const diagnosis: Diagnosis = {
  category: 'unknown',
  playbookId: null,
  rootCause: '',
  evidence: [],
  riskLevel: 'high',
  confidence: 0,
  autoFixable: false,
  source: 'none',
};

/** Applies a step as the backend would: parameters parsed by its schema first. */
export async function applyStep<T>(
  step: FixStepType<T>,
  params: unknown,
  workspace: FixWorkspace,
) {
  const context: FixStepContext<T> = {
    params: step.parameters.parse(params),
    diagnosis,
    workspace,
    logger,
  };
  return step.apply(context);
}
