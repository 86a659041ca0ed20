/*
 * A fake GitLab for tests of the GitLab sources (remediation, policy) and
 * of anything that runs them end to end (configure `integrations.gitlab`
 * with `fake.integrationConfig()`).
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
  FakeCommitStatus,
  FakeFileChange,
  FakeJob,
  FakeMergeRequest,
  FakeNote,
  FakeNoteAuthor,
  FakePipeline,
  FakePipelinePolicy,
  FakeTreeEntry,
  FakeVariable,
  SeedJob,
  SeedMergeRequest,
  SeedPipeline,
} from './fakeGitlabProject';
export type { MergeRequestHookAction } from './fakeGitlabJson';
export { eventsModuleGitlabWebhook } from './eventsModuleGitlabWebhook';
