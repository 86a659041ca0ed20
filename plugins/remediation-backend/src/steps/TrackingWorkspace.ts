import {
  FailedJob,
  FixBranch,
  FixNotApplicableError,
  FixWorkspace,
  PipelineRun,
  RemediationSource,
} from '@agentic-devops/plugin-remediation-node';

/**
 * The workspace fix steps run in: the fix branch when the plan changes files,
 * otherwise the source itself (a retry or a CI variable needs no branch).
 * It remembers the pipeline a retry started, which is then the one verified.
 */
export class TrackingWorkspace implements FixWorkspace {
  retried?: PipelineRun;

  constructor(
    private readonly source: RemediationSource,
    private readonly job: FailedJob,
    private readonly branch?: FixBranch,
  ) {}

  readFile(path: string) {
    return this.branch
      ? this.branch.readFile(path)
      : this.source.readFile(this.job, path);
  }

  async writeFile(path: string, content: string) {
    if (!this.branch) {
      throw new FixNotApplicableError(
        `Writing ${path} needs a fix branch, and this plan has no step that changes files`,
      );
    }
    await this.branch.writeFile(path, content);
  }

  async readDefaultBranchFile(path: string) {
    if (!this.branch) {
      throw new FixNotApplicableError(
        `Reading the default branch's ${path} needs a fix branch`,
      );
    }
    return this.branch.readDefaultBranchFile(path);
  }

  setCiVariable(name: string, value: string) {
    return this.source.setCiVariable(this.job, name, value);
  }

  async retryJob() {
    this.retried = await this.source.retryJob(this.job);
  }
}
