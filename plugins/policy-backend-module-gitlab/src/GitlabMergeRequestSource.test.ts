import {
  MergeRequestGateIntake,
  MergeRequestRef,
} from '@agentic-devops/plugin-policy-node';
import {
  FakeGitlab,
  FakeGitlabProject,
  FakeMergeRequest,
} from '@agentic-devops/plugin-gitlab-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import {
  GITLAB_MERGE_REQUEST_TOPIC,
  GitlabMergeRequestSource,
} from './GitlabMergeRequestSource';
import { parseMergeRequestEvent } from './parseMergeRequestEvent';

const PROJECT = 'platform/infra-live';
const BRANCH = 'feature/cdn-bucket';
const MARKER = '<!-- agentic-policy -->';
const DIFFS = 'GET /projects/:id/merge_requests/:merge_request_iid/diffs';
const RAW = 'GET /projects/:id/repository/files/:file_path/raw';
const TREE = 'GET /projects/:id/repository/tree';

describe('GitlabMergeRequestSource', () => {
  let fake: FakeGitlab;
  let project: FakeGitlabProject;
  let mr: FakeMergeRequest;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let source: GitlabMergeRequestSource;

  /** The merge request as a push to it reaches the gate. */
  const mergeRequestAtHead = (): MergeRequestRef => {
    const parsed = parseMergeRequestEvent(
      fake.mergeRequestHookPayload(PROJECT, mr.iid),
    );
    if (!('review' in parsed)) throw new Error(JSON.stringify(parsed));
    return parsed.review;
  };

  beforeEach(async () => {
    fake = await FakeGitlab.start();
    project = fake.addProject({
      path: PROJECT,
      files: {
        'main.tf': 'terraform {}\n',
        'versions.tf': 'terraform { required_version = ">= 1.5" }\n',
        'network/main.tf': 'resource "aws_s3_bucket" "logs" {}\n',
        'network/variables.tf': 'variable "region" {}\n',
        'network/prod.tfvars': 'region = "eu-west-1"\n',
        'network/README.md': '# Network\n',
        'network/modules/vpc/main.tf': 'resource "aws_vpc" "main" {}\n',
        'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
        'legacy/old.tf': 'resource "aws_instance" "old" {}\n',
      },
    });
    project.commit(
      BRANCH,
      {
        'network/main.tf': 'resource "aws_s3_bucket" "cdn" {}\n',
        'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n# v2\n',
        Dockerfile: 'FROM node:latest\n',
        'legacy/old.tf': null,
        'assets/logo.png': '\x89PNG\r\n\x1a\n\0\0\0\rIHDR',
      },
      'Serve the bucket through the CDN',
    );
    // The target moves on after the branch was cut: not the MR's change.
    project.commit('main', { 'network/nat.tf': 'resource "x" "y" {}\n' });
    mr = project.addMergeRequest({
      sourceBranch: BRANCH,
      title: 'Serve the bucket through the CDN',
    });

    logger = mockServices.logger.mock();
    source = new GitlabMergeRequestSource({
      connections: [fake.integrationConfig()],
      events: mockServices.events(),
      logger,
    });
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('subscribe', () => {
    let events: ReturnType<typeof mockServices.events>;
    let review: jest.Mock;

    beforeEach(async () => {
      events = mockServices.events();
      source = new GitlabMergeRequestSource({
        connections: [fake.integrationConfig()],
        events,
        logger,
      });
      review = jest.fn(async () => {});
      await source.subscribe({ review } as MergeRequestGateIntake);
    });

    const deliver = (eventPayload: unknown) =>
      events.publish({ topic: GITLAB_MERGE_REQUEST_TOPIC, eventPayload });

    it('reviews an opened merge request once, at its head', async () => {
      await deliver(fake.mergeRequestHookPayload(PROJECT, mr.iid));
      expect(review).toHaveBeenCalledTimes(1);
      expect(review).toHaveBeenCalledWith({
        source: 'gitlab',
        project: PROJECT,
        number: mr.iid,
        headSha: project.branches.get(BRANCH),
        sourceBranch: BRANCH,
        targetBranch: 'main',
        webUrl: `${fake.url}/${PROJECT}/-/merge_requests/${mr.iid}`,
        title: 'Serve the bucket through the CDN',
      });
    });

    it('reviews pushes and reopenings, nothing else', async () => {
      const before = project.branches.get(BRANCH)!;
      const after = project.commit(BRANCH, { 'main.tf': 'terraform {}\n#\n' });
      await deliver(
        fake.mergeRequestHookPayload(PROJECT, mr.iid, {
          action: 'update',
          oldrev: before,
        }),
      );
      // A title or label edit is an update without new commits.
      await deliver(
        fake.mergeRequestHookPayload(PROJECT, mr.iid, { action: 'update' }),
      );
      await deliver(
        fake.mergeRequestHookPayload(PROJECT, mr.iid, { action: 'approved' }),
      );
      mr.state = 'closed';
      await deliver(
        fake.mergeRequestHookPayload(PROJECT, mr.iid, { action: 'close' }),
      );
      mr.state = 'opened';
      await deliver(
        fake.mergeRequestHookPayload(PROJECT, mr.iid, { action: 'reopen' }),
      );
      expect(review.mock.calls.map(([ref]) => ref.headSha)).toEqual([
        after,
        after,
      ]);
    });

    it('drops a bad payload with a warning instead of throwing', async () => {
      await expect(
        deliver({ object_kind: 'merge_request', object_attributes: {} }),
      ).resolves.toBeUndefined();
      expect(review).not.toHaveBeenCalled();
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Dropped a gitlab\.merge_request event: Not a GitLab merge request event: /,
        ),
      );
    });

    it('logs a review that fails instead of throwing', async () => {
      review.mockRejectedValueOnce(new Error('scanner broke'));
      await expect(
        deliver(fake.mergeRequestHookPayload(PROJECT, mr.iid)),
      ).resolves.toBeUndefined();
      expect(logger.error).toHaveBeenCalledWith(
        `Could not review ${PROJECT}!${mr.iid} at ${project.branches.get(
          BRANCH,
        )}`,
        expect.objectContaining({ message: 'scanner broke' }),
      );
    });
  });

  describe('changedFiles', () => {
    it("reads the changed files at the head, with their modules' other files", async () => {
      const files = await source.changedFiles(mergeRequestAtHead());
      expect(files).toEqual([
        { path: 'Dockerfile', content: 'FROM node:latest\n' },
        {
          path: 'k8s/deploy.yaml',
          content: 'apiVersion: apps/v1\nkind: Deployment\n# v2\n',
        },
        {
          path: 'network/main.tf',
          content: 'resource "aws_s3_bucket" "cdn" {}\n',
        },
        { path: 'network/prod.tfvars', content: 'region = "eu-west-1"\n' },
        { path: 'network/variables.tf', content: 'variable "region" {}\n' },
      ]);
      // Only the folder with a changed module file was listed, at the head.
      expect(fake.requestsTo(TREE).map(r => r.query)).toEqual([
        expect.objectContaining({
          path: 'network',
          ref: project.branches.get(BRANCH),
        }),
      ]);
      // The binary file was known from its diff and never downloaded.
      expect(fake.requestsTo(RAW).map(r => r.params.file_path)).not.toContain(
        'assets/logo.png',
      );
    });

    it('lists the root folder for a module at the top of the repository', async () => {
      project.commit(BRANCH, { 'main.tf': 'terraform { backend "s3" {} }\n' });
      const files = await source.changedFiles(mergeRequestAtHead());
      expect(files.map(f => f.path)).toEqual(
        expect.arrayContaining(['main.tf', 'versions.tf']),
      );
      expect(files.map(f => f.path)).not.toContain('network/nat.tf');
      const root = fake.requestsTo(TREE).find(r => r.query.path === undefined);
      expect(root?.query.ref).toBe(project.branches.get(BRANCH));
    });

    it('reads the files as of the head commit, not newer pushes', async () => {
      const head = mergeRequestAtHead();
      project.commit(BRANCH, { Dockerfile: 'FROM node:22\n' });
      const files = await source.changedFiles(head);
      expect(files.find(f => f.path === 'Dockerfile')?.content).toBe(
        'FROM node:latest\n',
      );
      expect(
        fake.requestsTo(RAW).every(r => r.query.ref === head.headSha),
      ).toBe(true);
    });

    it('leaves out oversized files and module files that are binary', async () => {
      project.commit(BRANCH, {
        'plans/big.json': `{"pad": "${'x'.repeat(4096)}"}`,
        'network/state.tfvars': 'region = "eu"\0\0',
      });
      source = new GitlabMergeRequestSource({
        connections: [fake.integrationConfig()],
        events: mockServices.events(),
        logger,
        maxFileBytes: 1024,
      });
      const paths = (await source.changedFiles(mergeRequestAtHead())).map(
        f => f.path,
      );
      expect(paths).toContain('network/main.tf');
      expect(paths).not.toContain('plans/big.json');
      expect(paths).not.toContain('network/state.tfvars');
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('plans/big.json (too large)'),
      );
    });

    it('reads every page of the diffs of a large merge request', async () => {
      const many = Object.fromEntries(
        Array.from({ length: 130 }, (_, i) => [
          `apps/app-${String(i).padStart(3, '0')}.yaml`,
          `name: app-${i}\n`,
        ]),
      );
      project.commit(BRANCH, many);
      const files = await source.changedFiles(mergeRequestAtHead());
      expect(files.filter(f => f.path.startsWith('apps/'))).toHaveLength(130);
      expect(fake.requestsTo(DIFFS)).toHaveLength(2);
    });
  });

  describe('upsertNote', () => {
    const notes = () => project.mergeRequest(mr.iid)!.notes;

    it('creates the note, then updates that same note in place', async () => {
      const ref = mergeRequestAtHead();
      await source.upsertNote(ref, MARKER, `${MARKER}\n2 findings`);
      const [created] = notes();
      expect(created.body).toBe(`${MARKER}\n2 findings`);

      await source.upsertNote(ref, MARKER, `${MARKER}\nNo findings`);
      expect(notes()).toHaveLength(1);
      expect(notes()[0]).toMatchObject({
        id: created.id,
        body: `${MARKER}\nNo findings`,
      });
      expect(
        fake.requestsTo(
          'PUT /projects/:id/merge_requests/:merge_request_iid/notes/:note_id',
        ),
      ).toHaveLength(1);
      // The token's user is asked for once.
      expect(fake.requestsTo('GET /user')).toHaveLength(1);
    });

    it("leaves alone others' notes that quote the marker", async () => {
      const quoted = project.addNote(mr, {
        body: `Why does the bot say this? ${MARKER}`,
        author: { id: 7, username: 'ada', name: 'Ada Example' },
      });
      await source.upsertNote(mergeRequestAtHead(), MARKER, `${MARKER}\nok`);
      expect(notes().map(n => [n.id, n.body])).toEqual([
        [quoted.id, `Why does the bot say this? ${MARKER}`],
        [expect.any(Number), `${MARKER}\nok`],
      ]);
    });

    it('does not edit a note that already says so', async () => {
      const ref = mergeRequestAtHead();
      await source.upsertNote(ref, MARKER, `${MARKER}\nok`);
      await source.upsertNote(ref, MARKER, `${MARKER}\nok`);
      expect(notes()).toHaveLength(1);
      expect(
        fake.requestsTo(
          'PUT /projects/:id/merge_requests/:merge_request_iid/notes/:note_id',
        ),
      ).toHaveLength(0);
    });

    it('adds the marker to a body without it, so the note is found again', async () => {
      const ref = mergeRequestAtHead();
      await source.upsertNote(ref, MARKER, 'first');
      await source.upsertNote(ref, MARKER, 'second');
      expect(notes().map(n => n.body)).toEqual([`second\n\n${MARKER}`]);
    });
  });

  describe('setCommitStatus', () => {
    const status = {
      name: 'agentic/policy',
      description: '1 critical finding',
      targetUrl: 'https://backstage.example.com/agentic/policy',
    };

    it('sets pending, then the verdict, on the head commit', async () => {
      const ref = mergeRequestAtHead();
      await source.setCommitStatus(ref, {
        ...status,
        state: 'pending',
        description: 'Scanning',
      });
      await source.setCommitStatus(ref, { ...status, state: 'failed' });
      expect(project.statuses).toEqual([
        expect.objectContaining({
          sha: ref.headSha,
          ref: BRANCH,
          name: 'agentic/policy',
          status: 'failed',
          description: '1 critical finding',
          targetUrl: 'https://backstage.example.com/agentic/policy',
        }),
      ]);
    });

    it('lets a redelivered pending stand', async () => {
      const ref = mergeRequestAtHead();
      await source.setCommitStatus(ref, { ...status, state: 'pending' });
      await expect(
        source.setCommitStatus(ref, { ...status, state: 'pending' }),
      ).resolves.toBeUndefined();
      expect(project.statuses.map(s => s.status)).toEqual(['pending']);
    });

    it('shortens a long description to what GitLab keeps', async () => {
      await source.setCommitStatus(mergeRequestAtHead(), {
        ...status,
        state: 'success',
        description: 'x'.repeat(400),
      });
      const [set] = project.statuses;
      expect(set.description).toHaveLength(255);
      expect(set.description!.endsWith('…')).toBe(true);
    });
  });

  describe('GitLab errors', () => {
    it('names the call that failed and whether retrying helps', async () => {
      const ref = mergeRequestAtHead();
      fake.failNext(DIFFS, { status: 403 });
      await expect(source.changedFiles(ref)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          `GitLab ${DIFFS} (${PROJECT}!${mr.iid}) answered 403`,
        ),
      });
      fake.failNext('POST /projects/:id/statuses/:sha', { status: 500 });
      await expect(
        source.setCommitStatus(ref, {
          name: 'agentic/policy',
          state: 'success',
          description: 'ok',
        }),
      ).rejects.toThrow(/answered 500.*this may pass on retry/);
      await expect(
        source.changedFiles({ ...ref, number: 99 }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('asks for the token user again after a failed answer', async () => {
      const ref = mergeRequestAtHead();
      fake.failNext('GET /user', { status: 401 });
      await expect(source.upsertNote(ref, MARKER, 'x')).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringContaining('GitLab GET /user (the token)'),
      });
      await source.upsertNote(ref, MARKER, 'x');
      expect(fake.requestsTo('GET /user')).toHaveLength(2);
      expect(project.mergeRequest(mr.iid)!.notes).toHaveLength(1);
    });
  });

  it("talks to the GitLab the merge request's URL names", async () => {
    const other = await FakeGitlab.start({ token: 'other-token' });
    try {
      source = new GitlabMergeRequestSource({
        connections: [other.integrationConfig(), fake.integrationConfig()],
        events: mockServices.events(),
        logger,
      });
      const files = await source.changedFiles(mergeRequestAtHead());
      expect(files).toHaveLength(5);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
