/*
 * A fake GitLab for tests of the remediation source and of anything that
 * runs it end to end (configure `integrations.gitlab` with
 * `fake.integrationConfig()`).
 */
export { FakeGitlab, fakeGitlabToken } from './FakeGitlab';
export type {
  FakeFault,
  FakeGitlabRequest,
  SeedFailedPipeline,
  SeedProject,
} from './FakeGitlab';
export { FakeGitlabProject } from './fakeGitlabProject';
export type {
  FakeCommit,
  FakeJob,
  FakeMergeRequest,
  FakeNote,
  FakePipeline,
  FakePipelinePolicy,
  FakeVariable,
  SeedJob,
  SeedPipeline,
} from './fakeGitlabProject';
