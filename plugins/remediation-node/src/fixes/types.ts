import type { LoggerService } from '@backstage/backend-plugin-api';
import { Diagnosis } from '@agentic-devops/plugin-remediation-common';
import { z } from 'zod';

/**
 * The repository a fix is made in, on the fix's own branch (never the default
 * or a protected branch), and the pipeline that failed. GitLab and the local
 * git runner each provide one.
 */
export interface FixWorkspace {
  /** A file's content on the fix branch; undefined when there is none. */
  readFile(path: string): Promise<string | undefined>;
  /** Stages a change of the fix branch; committed when all steps are done. */
  writeFile(path: string, content: string): Promise<void>;
  /** A file's content on the default branch (e.g. the last known-good version). */
  readDefaultBranchFile(path: string): Promise<string | undefined>;
  /** Sets a CI/CD variable of the project. */
  setCiVariable(name: string, value: string): Promise<void>;
  /** Runs the failed job (or pipeline) again, unchanged. */
  retryJob(): Promise<void>;
}

export interface FixStepContext<TParams> {
  params: TParams;
  diagnosis: Diagnosis;
  workspace: FixWorkspace;
  logger: LoggerService;
  signal?: AbortSignal;
}

export interface FixStepResult {
  /** Files the step changed (they go on the fix branch and into the merge request). */
  changedFiles: string[];
  /** What it did, in words, for the merge request and the people notified. */
  summary: string;
}

/**
 * A kind of fix step that playbooks name (`add-dependency`, `retry-job`, …).
 * Modules register more through the remediation extension point.
 */
export interface FixStepType<TParams = any> {
  type: string;
  title: string;
  parameters: z.ZodType<TParams>;
  /**
   * change: edits files, so it goes on a branch and a merge request;
   * action: acts on the pipeline or the project settings directly.
   */
  kind: 'change' | 'action';
  /** What the step would do with these parameters, before doing it. */
  describe(params: TParams): string;
  apply(context: FixStepContext<TParams>): Promise<FixStepResult>;
}

/** A step cannot be applied to this repository (e.g. no requirements file). */
export class FixNotApplicableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixNotApplicableError';
  }
}
