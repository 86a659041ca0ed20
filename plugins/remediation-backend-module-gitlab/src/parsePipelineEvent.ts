import { FailedJob } from '@agentic-devops/plugin-remediation-node';
import { z } from 'zod';

/** GitLab's timestamps in hooks: `2016-08-12 15:23:28 UTC` (older) or ISO 8601. */
const timestamp = z.string().nullish();

/**
 * The part of GitLab's "Pipeline events" webhook body the agent uses
 * (unknown fields are ignored, so newer GitLab versions keep working).
 */
const pipelineEventSchema = z.object({
  object_kind: z.literal('pipeline'),
  object_attributes: z.object({
    id: z.number().int(),
    ref: z.string().min(1),
    sha: z.string().min(1),
    status: z.string().min(1),
    finished_at: timestamp,
    url: z.string().nullish(),
  }),
  project: z.object({
    path_with_namespace: z.string().min(1),
    web_url: z.url(),
  }),
  builds: z
    .array(
      z.object({
        id: z.number().int(),
        name: z.string().min(1),
        status: z.string().min(1),
        allow_failure: z.boolean(),
        finished_at: timestamp,
      }),
    )
    .nullish(),
});

export type ParsedPipelineEvent = { jobs: FailedJob[] } | { error: string };

/**
 * Turns a GitLab pipeline webhook body into the jobs that broke it: only a
 * `failed` pipeline yields jobs, and only its `failed` jobs that were not
 * allowed to fail. A body that is not a pipeline event returns an error
 * naming what is wrong; it never throws (it runs inside the events bus).
 */
export function parsePipelineEvent(payload: unknown): ParsedPipelineEvent {
  const parsed = pipelineEventSchema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    return { error: `Not a GitLab pipeline event: ${problems.join('; ')}` };
  }
  const { object_attributes: pipeline, project, builds } = parsed.data;
  if (pipeline.status !== 'failed') {
    return { jobs: [] };
  }
  const webUrl = project.web_url.replace(/\/+$/, '');
  const jobs = (builds ?? [])
    .filter(build => build.status === 'failed' && !build.allow_failure)
    .map(
      (build): FailedJob => ({
        source: 'gitlab',
        project: project.path_with_namespace,
        pipelineId: String(pipeline.id),
        jobId: String(build.id),
        jobName: build.name,
        ref: pipeline.ref,
        commitSha: pipeline.sha,
        jobUrl: `${webUrl}/-/jobs/${build.id}`,
        pipelineUrl: pipeline.url ?? `${webUrl}/-/pipelines/${pipeline.id}`,
        failedAt:
          toIsoTimestamp(build.finished_at) ??
          toIsoTimestamp(pipeline.finished_at),
      }),
    );
  return { jobs };
}

/** `2016-08-12 15:23:28 UTC` or an ISO 8601 string → ISO 8601; undefined otherwise. */
function toIsoTimestamp(value: string | null | undefined) {
  if (!value) {
    return undefined;
  }
  const legacy = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(value);
  const date = new Date(legacy ? `${legacy[1]}T${legacy[2]}Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
