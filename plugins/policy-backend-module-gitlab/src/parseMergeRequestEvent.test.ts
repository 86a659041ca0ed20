import pushedEvent from './__fixtures__/merge-request-update-event.json';
import { parseMergeRequestEvent } from './parseMergeRequestEvent';

const copy = () => structuredClone(pushedEvent) as any;

describe('parseMergeRequestEvent', () => {
  it('reviews a push to an open merge request at its new head', () => {
    expect(parseMergeRequestEvent(pushedEvent)).toEqual({
      review: {
        source: 'gitlab',
        project: 'platform/infra-live',
        number: 17,
        headSha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
        sourceBranch: 'feature/cdn-bucket',
        targetBranch: 'main',
        webUrl:
          'https://gitlab.example.com/platform/infra-live/-/merge_requests/17',
        title: 'Open the billing bucket to the CDN',
      },
    });
  });

  it('reviews an opened or reopened merge request', () => {
    for (const action of ['open', 'reopen']) {
      const event = copy();
      event.object_attributes.action = action;
      delete event.object_attributes.oldrev;
      expect(parseMergeRequestEvent(event)).toHaveProperty('review.number', 17);
    }
  });

  it('ignores an update without new commits (title, labels, assignees)', () => {
    const event = copy();
    delete event.object_attributes.oldrev;
    event.changes = { title: { previous: 'a', current: 'b' } };
    expect(parseMergeRequestEvent(event)).toEqual({
      ignored: 'platform/infra-live!17: update without new commits',
    });
  });

  it('ignores other actions and merge requests that are not open', () => {
    for (const action of ['approved', 'unapproved', 'close', 'merge']) {
      const event = copy();
      event.object_attributes.action = action;
      if (action === 'close') event.object_attributes.state = 'closed';
      if (action === 'merge') event.object_attributes.state = 'merged';
      expect(parseMergeRequestEvent(event)).toHaveProperty('ignored');
    }
    const closedButPushed = copy();
    closedButPushed.object_attributes.state = 'closed';
    expect(parseMergeRequestEvent(closedButPushed)).toEqual({
      ignored: 'platform/infra-live!17 is closed',
    });
  });

  it('leaves out the URL and title when GitLab sends none', () => {
    const event = copy();
    delete event.object_attributes.url;
    event.object_attributes.title = null;
    const parsed = parseMergeRequestEvent(event);
    expect(parsed).toHaveProperty('review');
    expect('review' in parsed && parsed.review).not.toHaveProperty('webUrl');
    expect('review' in parsed && parsed.review).not.toHaveProperty('title');
  });

  it('names what is wrong with a body that is not a merge request event', () => {
    expect(parseMergeRequestEvent({ object_kind: 'pipeline' })).toEqual({
      error: expect.stringMatching(
        /^Not a GitLab merge request event: object_kind: .*; object_attributes: .*; project: /,
      ),
    });
    const noCommit = copy();
    delete noCommit.object_attributes.last_commit;
    expect(parseMergeRequestEvent(noCommit)).toEqual({
      error: expect.stringContaining('object_attributes.last_commit'),
    });
    const badSha = copy();
    badSha.object_attributes.last_commit.id = 'not a sha';
    expect(parseMergeRequestEvent(badSha)).toEqual({
      error: expect.stringContaining('object_attributes.last_commit.id'),
    });
    for (const body of [null, 'text', 42, []]) {
      expect(parseMergeRequestEvent(body)).toHaveProperty('error');
    }
  });
});
