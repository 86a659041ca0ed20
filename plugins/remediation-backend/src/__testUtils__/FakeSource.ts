import {
  FailedJob,
  FailureIntake,
  FixBranch,
  PipelineRun,
  PipelineStatus,
  RemediationSource,
} from '@agentic-devops/plugin-remediation-node';

/**
 * An in-memory source for the agent's own tests: repositories as maps of
 * files per branch, pipelines that finish as the test says, and a record of
 * every branch, merge request, variable and retry.
 */
export class FakeSource implements RemediationSource {
  readonly id = 'gitlab' as const;
  intake?: FailureIntake;
  defaultBranch = 'main';
  readonly logs = new Map<string, string>();
  readonly branches = new Map<string, Map<string, string>>([
    ['main', new Map()],
  ]);
  readonly mergeRequests: Array<{
    branch: string;
    title: string;
    description: string;
    url: string;
  }> = [];
  readonly commits: Array<{
    branch: string;
    message: string;
    files: string[];
  }> = [];
  readonly variables = new Map<string, string>();
  readonly retriedJobs: string[] = [];
  readonly comments: Array<{ branch: string; body: string }> = [];
  readonly pipelines = new Map<string, PipelineRun>();
  /** How the next pipeline of a ref ends (default: success). */
  outcome: (ref: string) => PipelineStatus = () => 'success';
  #nextPipeline = 500;

  async subscribe(intake: FailureIntake) {
    this.intake = intake;
  }

  async readJobLog(job: FailedJob) {
    const log = this.logs.get(job.jobId);
    if (log === undefined) throw new Error(`No log for job ${job.jobId}`);
    return (async function* chunks() {
      // Small chunks, as a stream would deliver them.
      for (let i = 0; i < log.length; i += 1000) {
        yield Buffer.from(log.slice(i, i + 1000));
      }
    })();
  }

  async readFile(_job: FailedJob, path: string, ref?: string) {
    return this.branches.get(ref ?? this.defaultBranch)?.get(path);
  }

  #run(ref: string): PipelineRun {
    const id = String(this.#nextPipeline++);
    const run: PipelineRun = {
      id,
      ref,
      status: this.outcome(ref),
      url: `https://gitlab.example.com/pipelines/${id}`,
    };
    this.pipelines.set(id, run);
    return run;
  }

  async retryJob(job: FailedJob) {
    this.retriedJobs.push(job.jobId);
    return this.#run(job.ref);
  }

  async setCiVariable(_job: FailedJob, name: string, value: string) {
    this.variables.set(name, value);
  }

  async openFixBranch(job: FailedJob, branch: string): Promise<FixBranch> {
    if (branch === this.defaultBranch || branch === job.ref) {
      throw new Error(`Refusing to fix on ${branch}`);
    }
    if (!this.branches.has(branch)) {
      this.branches.set(
        branch,
        new Map(this.branches.get(this.defaultBranch) ?? []),
      );
    }
    const files = this.branches.get(branch)!;
    const staged = new Map<string, string>();
    return {
      branch,
      readFile: async path => staged.get(path) ?? files.get(path),
      writeFile: async (path, content) => {
        staged.set(path, content);
      },
      readDefaultBranchFile: async path =>
        this.branches.get(this.defaultBranch)?.get(path),
      setCiVariable: async (name, value) => {
        this.variables.set(name, value);
      },
      retryJob: async () => {
        this.retriedJobs.push(job.jobId);
      },
      commitAndOpenMergeRequest: async text => {
        const changed = [...staged].filter(([p, c]) => files.get(p) !== c);
        for (const [path, content] of changed) files.set(path, content);
        if (changed.length) {
          this.commits.push({
            branch,
            message: text.commitMessage,
            files: changed.map(([p]) => p),
          });
        }
        let mr = this.mergeRequests.find(m => m.branch === branch);
        if (!mr) {
          mr = {
            branch,
            title: text.title,
            description: text.description,
            url: `https://gitlab.example.com/payments/checkout/-/merge_requests/${
              this.mergeRequests.length + 1
            }`,
          };
          this.mergeRequests.push(mr);
        }
        return { changed: changed.length > 0, mergeRequestUrl: mr.url };
      },
    };
  }

  async runPipeline(job: FailedJob, ref: string) {
    if (ref === job.ref) this.retriedJobs.push(job.jobId);
    return this.#run(ref);
  }

  async getPipeline(_job: FailedJob, id: string) {
    const run = this.pipelines.get(id);
    if (!run) throw new Error(`No pipeline ${id}`);
    return run;
  }

  async commentOnMergeRequest(_job: FailedJob, branch: string, body: string) {
    this.comments.push({ branch, body });
  }
}
