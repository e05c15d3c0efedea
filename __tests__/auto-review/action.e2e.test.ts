import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../helpers/harness.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

/**
 * The committed bundle (dist/auto-review) run as the runner runs it, against the emulator, for
 * every trigger. Asserts what GitHub would have recorded: reviews (count, commit_id), comments,
 * and the number of API requests per decision.
 */

const CONFIG = `version: 1
project: SARK
base: main
omnibus:
  branch: feat/omnibus
workers:
  - id: engineer1
    branch: feat/gateway-client
    role: Gateway client
  - id: engineer2
    branch: feat/gateway-api
    role: API
    depends-on: [engineer1]
`;

const RUN_ID = 4242;
const require = createRequire(import.meta.url);
type Example = { name: string; examples: { action?: string }[] };
const EXAMPLES = require('@octokit/webhooks-examples/api.github.com/index.json') as Example[];

/** A real payload from @octokit/webhooks-examples, with our repository and the given overrides. */
function example(event: string, action: string): Record<string, unknown> {
  const found = EXAMPLES.find((e) => e.name === event)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no ${event}.${action} example`);
  const payload = structuredClone(found) as Record<string, unknown>;
  payload.repository = {
    ...(payload.repository as object),
    name: 'widgets',
    full_name: 'acme/widgets',
    owner: { login: 'acme' },
    default_branch: 'main',
  };
  return payload;
}

interface World {
  gh: Emulator;
  repo: TestRepo;
  /** Head commits by branch. */
  heads: Record<string, string>;
  pr1: number;
  pr2: number;
  run(options: RunActionOptions): Promise<ActionRun>;
  green(sha: string, ...names: string[]): void;
  reviews(pr: number): { state: string; commitId: string }[];
  comments(pr: number): { id: number; body: string }[];
}

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.gh.close();
    await w.repo.cleanup();
  }
});

async function world(): Promise<World> {
  const gh = await startEmulator();
  const repo = await createRepo({ bare: gh.bareRepo, initialFiles: { '.github/orchestrator.yml': CONFIG } });
  const heads: Record<string, string> = {
    'feat/gateway-client': await repo.commit('feat/gateway-client', { 'client.ts': 'client' }),
    'feat/gateway-api': await repo.commit('feat/gateway-api', { 'api.ts': 'api' }),
  };
  const pr1 = gh.store.createPullRequest({
    head: 'feat/gateway-client',
    base: 'main',
    user: 'engineer1-bot',
  }).number;
  const pr2 = gh.store.createPullRequest({
    head: 'feat/gateway-api',
    base: 'main',
    user: 'engineer2-bot',
  }).number;
  const workspace = await repo.clone();
  const w: World = {
    gh,
    repo,
    heads,
    pr1,
    pr2,
    run: (options) =>
      runAction('auto-review', { emulator: gh, workspace, runId: RUN_ID, job: 'auto-review', ...options }),
    green: (sha, ...names) => {
      for (const name of names.length > 0 ? names : ['build', 'test'])
        gh.store.addCheckRun({ headSha: sha, name, conclusion: 'success', workflowRunId: 100 });
    },
    reviews: (pr) => gh.store.reviewsOf(pr).map((r) => ({ state: r.state, commitId: r.commitId })),
    comments: (pr) => gh.store.commentsOf(pr).map((c) => ({ id: c.id, body: c.body })),
  };
  worlds.push(w);
  return w;
}

function pullRequestEvent(w: World, number: number, action = 'opened'): Record<string, unknown> {
  const payload = example('pull_request', action);
  const pr = w.gh.store.pullRequest(number)!;
  payload.number = number;
  payload.pull_request = {
    ...(payload.pull_request as object),
    number,
    head: { ref: pr.head, sha: w.heads[pr.head] },
    base: { ref: pr.base },
  };
  return payload;
}

function expectOk(r: ActionRun): void {
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
}

describe('pull_request', () => {
  it('approves the head commit when every check passed, in at most 6 requests; a re-run adds nothing', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head);
    w.gh.store.addStatus({ sha: head, context: 'ci/external', state: 'success' });

    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'approved', 'pull-request': String(w.pr1) });
    expect(r.outputs.reason).toMatch(/All 3 checks on .* passed/);
    expect(w.reviews(w.pr1)).toEqual([{ state: 'APPROVED', commitId: head }]);
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);
    expect(w.gh.requests.byRoute()).toEqual({
      'POST /graphql': 1, // the PR, its reviews and comments
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': 1,
      'GET /repos/{owner}/{repo}/commits/{ref}/statuses': 1,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}': 1, // the head, read again
    });
    expect(w.gh.unknownRoutes).toEqual([]);
    expect(w.gh.unimplementedFields).toEqual([]);
    expect(r.summary).toContain('| PR | worker | head | decision |');
    expect(JSON.parse(r.outputs.decisions!)).toEqual([
      expect.objectContaining({ pullRequest: w.pr1, sha: head, decision: 'approved', worker: 'engineer1' }),
    ]);

    w.gh.requests.reset();
    const again = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1, 'reopened') });
    expectOk(again);
    expect(again.outputs.decision).toBe('already-approved');
    expect(w.reviews(w.pr1)).toHaveLength(1);
    expect(w.gh.requests.total()).toBe(3);
  });

  it('ignores its own in-progress check run, but never approves with no other check', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.gh.store.addCheckRun({
      headSha: head,
      name: 'auto-review',
      status: 'in_progress',
      workflowRunId: RUN_ID,
    });

    const lonely = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(lonely);
    expect(lonely.outputs.decision).toBe('waiting');
    expect(lonely.outputs.reason).toContain('0 checks reported, at least 1 required');

    w.green(head, 'build');
    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(r);
    expect(r.outputs.decision).toBe('approved');
    expect(w.reviews(w.pr1)).toEqual([{ state: 'APPROVED', commitId: head }]);
  });

  it('failing checks: one comment naming them, updated in place, resolved when green; then approved', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head, 'build');
    w.gh.store.addCheckRun({ headSha: head, name: 'test', conclusion: 'failure', workflowRunId: 100 });

    const first = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(first);
    expect(first.outputs.decision).toBe('blocked');
    expect(first.outputs.reason).toContain('test (failure)');
    expect(w.reviews(w.pr1)).toEqual([]);
    const [comment] = w.comments(w.pr1);
    expect(w.comments(w.pr1)).toHaveLength(1);
    expect(comment!.body).toContain('<!-- orchestrator:auto-review:failing-checks -->');
    expect(comment!.body).toMatch(/\[test\]\(http[^)]+\): failure/);

    // Same failures: the comment is left as it is.
    w.gh.requests.reset();
    expectOk(await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) }));
    expect(w.gh.requests.log.filter((e) => e.method !== 'GET' && e.route !== 'POST /graphql')).toEqual([]);

    // Another check fails too: the same comment now names both.
    w.gh.store.addStatus({ sha: head, context: 'ci/lint', state: 'error' });
    w.gh.requests.reset();
    const second = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(second);
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);
    expect(w.comments(w.pr1)).toHaveLength(1);
    expect(w.comments(w.pr1)[0]!.id).toBe(comment!.id);
    expect(w.comments(w.pr1)[0]!.body).toContain('ci/lint');

    // Re-runs pass: approved, and the comment says resolved.
    w.gh.store.addCheckRun({ headSha: head, name: 'test', conclusion: 'success', workflowRunId: 101 });
    w.gh.store.addStatus({ sha: head, context: 'ci/lint', state: 'success' });
    w.gh.requests.reset();
    const third = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(third);
    expect(third.outputs.decision).toBe('approved');
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);
    expect(w.reviews(w.pr1)).toEqual([{ state: 'APPROVED', commitId: head }]);
    expect(w.comments(w.pr1)).toHaveLength(1);
    expect(w.comments(w.pr1)[0]!.body).toContain('resolved');
  });

  it('dry-run decides and writes nothing', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head);
    const r = await w.run({
      eventName: 'pull_request',
      event: pullRequestEvent(w, w.pr1),
      inputs: { 'dry-run': true },
    });
    expectOk(r);
    expect(r.outputs.decision).toBe('approved');
    expect(r.outputs.reason).toContain('Dry run');
    expect(w.reviews(w.pr1)).toEqual([]);
    expect(w.gh.requests.log.filter((e) => e.method !== 'GET' && e.route !== 'POST /graphql')).toEqual([]);

    w.gh.store.addCheckRun({ headSha: head, name: 'lint', conclusion: 'failure' });
    const blocked = await w.run({
      eventName: 'pull_request',
      event: pullRequestEvent(w, w.pr1),
      inputs: { 'dry-run': true },
    });
    expectOk(blocked);
    expect(blocked.outputs.decision).toBe('blocked');
    expect(w.comments(w.pr1)).toEqual([]);
  });

  it('head moved while approving: the approval is dismissed and the decision is waiting', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head);
    const newer = await w.repo.commit(
      'side',
      { 'late.txt': 'pushed during the run' },
      { from: 'feat/gateway-client' },
    );
    pushDuringApproval(w.gh, 'feat/gateway-client', newer);

    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1, 'synchronize') });
    expectOk(r);
    expect(r.outputs.decision).toBe('waiting');
    expect(r.outputs.reason).toMatch(/moved from .* to .*; .* dismissed/);
    expect(w.reviews(w.pr1)).toEqual([{ state: 'DISMISSED', commitId: head }]);
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);
  });

  it('its own dismissal for a moved head does not stick: force-pushed back, the commit is approved again', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head);
    const newer = await w.repo.commit(
      'side',
      { 'late.txt': 'pushed during the run' },
      { from: 'feat/gateway-client' },
    );
    const restore = pushDuringApproval(w.gh, 'feat/gateway-client', newer);
    const moved = await w.run({
      eventName: 'pull_request',
      event: pullRequestEvent(w, w.pr1, 'synchronize'),
    });
    expectOk(moved);
    expect(moved.outputs.decision).toBe('waiting');
    expect(w.gh.store.dismissalsOf(w.pr1)).toEqual([
      expect.objectContaining({
        actor: 'github-actions[bot]',
        message: expect.stringMatching(/^The head moved from .*\(auto-review: head moved\)$/),
      }),
    ]);
    restore();

    // The branch is force-pushed back to the approved commit.
    execFileSync('git', ['push', '--force', 'origin', `${head}:refs/heads/feat/gateway-client`], {
      cwd: w.repo.work,
    });
    w.gh.requests.reset();
    const back = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1, 'synchronize') });
    expectOk(back);
    expect(back.outputs.decision).toBe('approved');
    expect(w.reviews(w.pr1)).toEqual([
      { state: 'DISMISSED', commitId: head },
      { state: 'APPROVED', commitId: head },
    ]);
    expect(w.gh.requests.byRoute()).toEqual({
      'POST /graphql': 1, // the PR, its reviews, dismissals and comments
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': 1,
      'GET /repos/{owner}/{repo}/commits/{ref}/statuses': 1,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}': 1,
    });
    expect(w.gh.unimplementedFields).toEqual([]);

    w.gh.requests.reset();
    const again = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1, 'reopened') });
    expectOk(again);
    expect(again.outputs.decision).toBe('already-approved');
    expect(w.reviews(w.pr1)).toHaveLength(2);
    expect(w.gh.requests.total()).toBe(3);
  });

  it('an approval a person dismissed stays blocked, even with our tag in their message', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head);
    expectOk(await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) }));
    const [approval] = w.gh.store.reviewsOf(w.pr1);
    w.gh.store.dismissReview(approval!.id, { message: 'Not this one (auto-review: head moved)', by: 'czar' });

    w.gh.requests.reset();
    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1, 'synchronize') });
    expectOk(r);
    expect(r.outputs.decision).toBe('blocked');
    expect(r.outputs.reason).toContain(
      'An approval of ' + head.slice(0, 7) + ' by auto-review was dismissed by czar; it is not given again',
    );
    expect(w.reviews(w.pr1)).toEqual([{ state: 'DISMISSED', commitId: head }]);
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);
  });

  it('a person requesting changes blocks; skipped for a draft, a fork, a non-worker branch', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.green(head);
    w.gh.store.addReview({
      pullNumber: w.pr1,
      user: 'czar',
      state: 'CHANGES_REQUESTED',
      commitId: head,
      body: 'no',
    });
    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'blocked' });
    expect(r.outputs.reason).toContain('czar requests changes');

    const other = await w.repo.commit('feat/unlisted', { 'x.txt': 'x' });
    w.heads['feat/unlisted'] = other;
    const stray = w.gh.store.createPullRequest({
      head: 'feat/unlisted',
      base: 'main',
      user: 'someone',
    }).number;
    w.gh.requests.reset();
    const skipped = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, stray) });
    expectOk(skipped);
    expect(skipped.outputs.decision).toBe('skipped');
    expect(skipped.outputs.reason).toContain('not a worker branch');
    expect(w.gh.requests.total()).toBe(1);

    // The nightly sweep over the worker branches: a draft and a fork are skipped, unread.
    w.green(w.heads['feat/gateway-api']!);
    w.gh.store.pullRequest(w.pr2)!.draft = true;
    const fork = w.gh.store.createPullRequest({
      head: 'feat/gateway-client',
      base: 'main',
      user: 'outsider',
      headRepoFullName: 'outsider/widgets',
      headSha: head,
    }).number;
    const sweep = await w.run({ eventName: 'schedule', event: { schedule: '47 3 * * *' } });
    expectOk(sweep);
    const decisions = JSON.parse(sweep.outputs.decisions!) as { pullRequest: number; decision: string }[];
    expect(decisions).toEqual([
      expect.objectContaining({ pullRequest: w.pr1, decision: 'blocked' }),
      expect.objectContaining({ pullRequest: w.pr2, decision: 'skipped', reason: `#${w.pr2} is a draft.` }),
      expect.objectContaining({
        pullRequest: fork,
        decision: 'skipped',
        reason: expect.stringContaining('fork'),
      }),
    ]);
    expect(w.reviews(w.pr2)).toEqual([]);
    expect(w.reviews(fork)).toEqual([]);
  });
});

describe('refusals', () => {
  it('422 not permitted to approve: names the repository setting and fails the run', async () => {
    const w = await world();
    w.green(w.heads['feat/gateway-client']!);
    w.gh.store.settings.actionsCanApprove = false;
    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toContain('Allow GitHub Actions to create and approve pull requests');
    expect(r.outputs.decision).toBe('blocked');
    expect(w.reviews(w.pr1)).toEqual([]);
  });

  it('422 own pull request: says which token to use', async () => {
    const w = await world();
    w.green(w.heads['feat/gateway-client']!);
    w.gh.store.setTokenUser('ghs_harness_token', 'engineer1-bot');
    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toContain("token belongs to the pull request's author");
    expect(r.stdout).toContain('`token` input');
  });

  it('403 on reading checks: names the missing permission', async () => {
    const w = await world();
    w.gh.store.denyPermission('checks');
    const r = await w.run({ eventName: 'pull_request', event: pullRequestEvent(w, w.pr1) });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toContain('checks: read');
  });
});

describe('workflow_run and check_suite', () => {
  function workflowRun(w: World, sha: string, branch: string, prs: number[]): Record<string, unknown> {
    const payload = example('workflow_run', 'completed');
    payload.workflow_run = {
      ...(payload.workflow_run as object),
      head_sha: sha,
      head_branch: branch,
      head_repository: { name: 'widgets', full_name: 'acme/widgets', owner: { login: 'acme' } },
      pull_requests: prs.map((number) => ({ number, head: { ref: branch, sha }, base: { ref: 'main' } })),
    };
    return payload;
  }

  it('decides the PRs the payload lists', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-api']!;
    w.green(head);
    const r = await w.run({
      eventName: 'workflow_run',
      event: workflowRun(w, head, 'feat/gateway-api', [w.pr2]),
    });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'approved', 'pull-request': String(w.pr2) });
    expect(w.reviews(w.pr2)).toEqual([{ state: 'APPROVED', commitId: head }]);
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);
  });

  it('an empty pull_requests list: finds the open PR by branch and head', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-api']!;
    w.green(head);
    const r = await w.run({ eventName: 'workflow_run', event: workflowRun(w, head, 'feat/gateway-api', []) });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'approved', 'pull-request': String(w.pr2) });
    expect(w.reviews(w.pr2)).toEqual([{ state: 'APPROVED', commitId: head }]);
    expect(w.gh.requests.log.find((e) => e.route === 'GET /repos/{owner}/{repo}/pulls')?.url).toContain(
      'head=acme%3Afeat%2Fgateway-api',
    );
  });

  it('an event for an older commit decides nothing', async () => {
    const w = await world();
    const old = w.heads['feat/gateway-api']!;
    w.green(old);
    await w.repo.commit('feat/gateway-api', { 'api.ts': 'api v2' });
    const r = await w.run({
      eventName: 'workflow_run',
      event: workflowRun(w, old, 'feat/gateway-api', [w.pr2]),
    });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'skipped', 'pull-request': '', decisions: '[]' });
    expect(r.outputs.reason).toContain('nothing to decide');
    expect(w.reviews(w.pr2)).toEqual([]);
  });

  it('check_suite completed (external CI) with no PR listed', async () => {
    const w = await world();
    const head = w.heads['feat/gateway-client']!;
    w.gh.store.addCheckRun({ headSha: head, name: 'jenkins', conclusion: 'success', appSlug: 'jenkins' });
    const payload = example('check_suite', 'completed');
    payload.check_suite = {
      ...(payload.check_suite as object),
      head_sha: head,
      head_branch: 'feat/gateway-client',
      pull_requests: [],
    };
    const r = await w.run({ eventName: 'check_suite', event: payload });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'approved', 'pull-request': String(w.pr1) });
    expect(w.reviews(w.pr1)).toEqual([{ state: 'APPROVED', commitId: head }]);
  });
});

describe('workflow_dispatch and schedule', () => {
  it('dispatch with the pull-request input decides that PR', async () => {
    const w = await world();
    w.green(w.heads['feat/gateway-api']!);
    const r = await w.run({
      eventName: 'workflow_dispatch',
      event: { inputs: { 'pull-request': String(w.pr2) } },
      inputs: { 'pull-request': String(w.pr2) },
    });
    expectOk(r);
    expect(r.outputs).toMatchObject({ decision: 'approved', 'pull-request': String(w.pr2) });
    expect(w.gh.requests.total()).toBeLessThanOrEqual(6);

    const missing = await w.run({ eventName: 'workflow_dispatch', inputs: { 'pull-request': '999' } });
    expectOk(missing);
    expect(missing.outputs).toMatchObject({ decision: 'skipped', reason: 'There is no pull request #999.' });
  });

  it('schedule decides every open worker PR, each in at most 6 requests; config read through the API', async () => {
    const w = await world();
    w.green(w.heads['feat/gateway-client']!);
    w.gh.store.addCheckRun({ headSha: w.heads['feat/gateway-api']!, name: 'test', status: 'in_progress' });
    const third = await w.repo.commit('feat/unlisted', { 'z.txt': 'z' });
    w.green(third);
    w.gh.store.createPullRequest({ head: 'feat/unlisted', base: 'main', user: 'someone' });

    const empty = mkdtempSync(join(tmpdir(), 'no-checkout-'));
    const r = await w.run({ eventName: 'schedule', event: { schedule: '47 3 * * *' }, workspace: empty });
    expectOk(r);
    const decisions = JSON.parse(r.outputs.decisions!) as { pullRequest: number; decision: string }[];
    expect(decisions.map((d) => [d.pullRequest, d.decision])).toEqual([
      [w.pr1, 'approved'],
      [w.pr2, 'waiting'],
    ]);
    expect(r.outputs).toMatchObject({ decision: 'approved', 'pull-request': String(w.pr1) });
    expect(r.summary).toContain(`#${w.pr2}`);
    const routes = w.gh.requests.byRoute();
    expect(routes['GET /repos/{owner}/{repo}/contents/{path}']).toBe(1);
    expect(routes['GET /repos/{owner}/{repo}/pulls']).toBe(1);
    // Per PR: approved = 1 GraphQL + 2 check reads + approve + head; waiting = 1 GraphQL + 2 check reads.
    expect(w.gh.requests.total() - 2).toBeLessThanOrEqual(6 + 6);
    expect(w.gh.requests.total()).toBe(2 + 5 + 3);
  });
});

/**
 * A push to `branch` lands right after an approval is recorded, before the head is read again.
 * Returns the function that stops it.
 */
function pushDuringApproval(gh: Emulator, branch: string, sha: string): () => void {
  const addReview = gh.store.addReview.bind(gh.store);
  gh.store.addReview = (input) => {
    const review = addReview(input);
    if (input.state === 'APPROVED')
      execFileSync('git', ['update-ref', `refs/heads/${branch}`, sha], { cwd: gh.bareRepo });
    return review;
  };
  return () => {
    gh.store.addReview = addReview;
  };
}
