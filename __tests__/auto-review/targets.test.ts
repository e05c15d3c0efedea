import { targetsOf } from '../../actions/auto-review/src/targets.js';
import { commentAction } from '../../actions/auto-review/src/comment.js';
import { COMMENT_MARKER } from '../../actions/auto-review/src/review-api.js';
import { evaluateChecks, type CheckRunInfo } from '../../src/checks/index.js';

const SHA = 'f'.repeat(40);

describe('targetsOf: which pull requests an event concerns', () => {
  it.each([
    [
      'pull_request',
      { number: 5, pull_request: { number: 5 } },
      { kind: 'numbers', numbers: [5], sha: null },
    ],
    ['pull_request_target', { pull_request: { number: 6 } }, { kind: 'numbers', numbers: [6], sha: null }],
    [
      'workflow_run',
      {
        workflow_run: { head_sha: SHA, head_branch: 'feat/a', pull_requests: [{ number: 9 }, { number: 3 }] },
      },
      { kind: 'numbers', numbers: [3, 9], sha: SHA },
    ],
    [
      'workflow_run',
      {
        workflow_run: {
          head_sha: SHA,
          head_branch: 'feat/a',
          pull_requests: [],
          head_repository: { owner: { login: 'acme' } },
        },
      },
      { kind: 'find', sha: SHA, branch: 'feat/a', headOwner: 'acme' },
    ],
    [
      'check_suite',
      {
        check_suite: { head_sha: SHA, head_branch: null, pull_requests: [] },
        repository: { owner: { login: 'acme' } },
      },
      { kind: 'find', sha: SHA, branch: null, headOwner: 'acme' },
    ],
    [
      'workflow_dispatch',
      { inputs: { 'pull-request': '#12' } },
      { kind: 'numbers', numbers: [12], sha: null },
    ],
    ['workflow_dispatch', { inputs: {} }, { kind: 'sweep' }],
    ['schedule', { schedule: '47 3 * * *' }, { kind: 'sweep' }],
  ])('%s %j', (eventName, payload, expected) => {
    expect(targetsOf(eventName, payload, null)).toMatchObject(expected);
  });

  it('the pull-request input wins on any event', () => {
    expect(targetsOf('schedule', {}, 4)).toMatchObject({ kind: 'numbers', numbers: [4], sha: null });
  });

  it('an event it does not handle is a clear error', () => {
    expect(() => targetsOf('push', {}, null)).toThrow(/does not handle the push event/);
  });

  it('a workflow_run without a head commit is an error', () => {
    expect(() => targetsOf('workflow_run', { workflow_run: {} }, null)).toThrow(/no head commit/);
  });
});

describe('commentAction: one comment, updated in place', () => {
  const run = (name: string, conclusion: string): CheckRunInfo => ({
    id: name.length,
    name,
    status: 'completed',
    conclusion,
    startedAt: null,
    completedAt: null,
    detailsUrl: `https://ci.example/${name}`,
  });
  const failing = evaluateChecks({
    checkRuns: [run('lint', 'failure'), run('test', 'success')],
    statuses: [],
  });
  const green = evaluateChecks({ checkRuns: [run('lint', 'success')], statuses: [] });

  it('creates it on the first failure, naming the check with its link', () => {
    const action = commentAction(undefined, SHA, failing, false);
    expect(action).toMatchObject({ kind: 'create' });
    if (action.kind !== 'create') throw new Error('unreachable');
    expect(action.body).toContain(COMMENT_MARKER);
    expect(action.body).toContain('[lint](https://ci.example/lint): failure');
  });

  it('leaves an identical comment alone, rewrites a different one', () => {
    const created = commentAction(undefined, SHA, failing, false);
    if (created.kind !== 'create') throw new Error('unreachable');
    expect(commentAction({ id: 7, body: created.body }, SHA, failing, false)).toEqual({ kind: 'none' });
    expect(commentAction({ id: 7, body: `${COMMENT_MARKER}\nold` }, SHA, failing, false)).toMatchObject({
      kind: 'update',
      id: 7,
    });
  });

  it('marks it resolved once green, once', () => {
    const created = commentAction(undefined, SHA, failing, false);
    if (created.kind !== 'create') throw new Error('unreachable');
    const resolved = commentAction({ id: 7, body: created.body }, SHA, green, true);
    expect(resolved).toMatchObject({ kind: 'update', id: 7 });
    if (resolved.kind !== 'update') throw new Error('unreachable');
    expect(resolved.body).toContain('resolved');
    expect(resolved.body).toContain('~~[lint](https://ci.example/lint): failure~~');
    expect(commentAction({ id: 7, body: resolved.body }, SHA, green, true)).toEqual({ kind: 'none' });
  });

  it('green with no comment: nothing to write', () => {
    expect(commentAction(undefined, SHA, green, true)).toEqual({ kind: 'none' });
  });
});
