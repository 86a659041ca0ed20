import failedEvent from './__fixtures__/pipeline-failed-event.json';
import { parsePipelineEvent } from './parsePipelineEvent';

const copy = () => structuredClone(failedEvent) as any;

describe('parsePipelineEvent', () => {
  it('turns a failed pipeline into its failed jobs that may not fail', () => {
    expect(parsePipelineEvent(failedEvent)).toEqual({
      jobs: [
        {
          source: 'gitlab',
          project: 'gitlab-org/gitlab-test',
          pipelineId: '31',
          jobId: '377',
          jobName: 'test-image',
          ref: 'main',
          commitSha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
          jobUrl: 'http://example.com/gitlab-org/gitlab-test/-/jobs/377',
          pipelineUrl:
            'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
          failedAt: '2016-08-12T15:26:29.000Z',
        },
      ],
    });
  });

  it('yields nothing for a pipeline that did not fail', () => {
    for (const status of ['success', 'running', 'canceled', 'pending']) {
      const event = copy();
      event.object_attributes.status = status;
      expect(parsePipelineEvent(event)).toEqual({ jobs: [] });
    }
  });

  it('skips failed jobs that are allowed to fail', () => {
    const event = copy();
    for (const build of event.builds) build.allow_failure = true;
    expect(parsePipelineEvent(event)).toEqual({ jobs: [] });
  });

  it('takes every failed job, with ISO timestamps as newer GitLab sends them', () => {
    const event = copy();
    event.builds[2].allow_failure = false;
    event.builds[2].finished_at = '2016-08-12T15:26:20.123Z';
    const result = parsePipelineEvent(event);
    expect(
      'jobs' in result && result.jobs.map(j => [j.jobName, j.failedAt]),
    ).toEqual([
      ['test-image', '2016-08-12T15:26:29.000Z'],
      ['test-build', '2016-08-12T15:26:20.123Z'],
    ]);
  });

  it('falls back to the pipeline URL and finish time it can derive', () => {
    const event = copy();
    delete event.object_attributes.url;
    event.builds[1].finished_at = null;
    event.project.web_url =
      'https://gitlab.example.com/gitlab-org/gitlab-test/';
    const result = parsePipelineEvent(event);
    expect('jobs' in result && result.jobs[0]).toMatchObject({
      jobUrl: 'https://gitlab.example.com/gitlab-org/gitlab-test/-/jobs/377',
      pipelineUrl:
        'https://gitlab.example.com/gitlab-org/gitlab-test/-/pipelines/31',
      failedAt: '2016-08-12T15:26:29.000Z',
    });
  });

  it('accepts a failed pipeline whose builds are null', () => {
    const event = copy();
    event.builds = null;
    expect(parsePipelineEvent(event)).toEqual({ jobs: [] });
  });

  it('names what is wrong with a payload that is not a pipeline event', () => {
    expect(parsePipelineEvent(undefined)).toEqual({
      error: expect.stringMatching(/^Not a GitLab pipeline event: \(body\)/),
    });
    expect(parsePipelineEvent('{"object_kind":"pipeline"}')).toEqual({
      error: expect.stringContaining('(body)'),
    });

    const push = copy();
    push.object_kind = 'push';
    expect(parsePipelineEvent(push)).toEqual({
      error: expect.stringContaining('object_kind'),
    });

    const noProject = copy();
    delete noProject.project;
    expect(parsePipelineEvent(noProject)).toEqual({
      error: expect.stringContaining('project'),
    });

    const badBuild = copy();
    badBuild.builds[1].id = 'three hundred';
    badBuild.object_attributes.ref = '';
    const result = parsePipelineEvent(badBuild);
    expect(result).toEqual({ error: expect.stringContaining('builds.1.id') });
    expect(result).toEqual({
      error: expect.stringContaining('object_attributes.ref'),
    });
  });
});
