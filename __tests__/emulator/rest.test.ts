import { getOctokit } from '@actions/github';
import { createFixture, type Fixture } from './fixture.js';

const repo = { owner: 'acme', repo: 'widgets' };

describe('emulator REST over a real bare repository', () => {
  let f: Fixture;
  let octokit: ReturnType<typeof getOctokit>;
  let mainSha: string;
  let featSha: string;

  beforeEach(async () => {
    f = await createFixture();
    mainSha = await f.commit('main', { 'README.md': 'hello\n' }, { message: 'initial' });
    featSha = await f.commit('feat/x', { 'src/a.ts': 'export const a = 1;\n' }, { message: 'add a' });
    octokit = getOctokit('t0ken', { baseUrl: f.gh.url });
  });
  afterEach(async () => f.cleanup());

  test('refs, branches, commits and contents come live from the bare repo', async () => {
    const ref = await octokit.rest.git.getRef({ ...repo, ref: 'heads/feat/x' });
    expect(ref.data.object.sha).toBe(featSha);
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'feat/x' });
    expect(branch.data.commit.sha).toBe(featSha);
    const commit = await octokit.rest.repos.getCommit({ ...repo, ref: 'feat/x' });
    expect(commit.data.commit.message).toBe('add a');
    expect(commit.data.parents.map((p) => p.sha)).toEqual([mainSha]);
    expect(commit.data.files?.map((x) => x.filename)).toEqual(['src/a.ts']);
    const content = await octokit.rest.repos.getContent({ ...repo, path: 'src/a.ts', ref: 'feat/x' });
    expect(Buffer.from((content.data as { content: string }).content, 'base64').toString()).toBe(
      'export const a = 1;\n',
    );

    // A push is visible at once.
    const newer = await f.commit('feat/x', { 'src/b.ts': 'b\n' });
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'heads/feat/x' })).data.object.sha).toBe(newer);
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feat/' });
    expect(matching.data.map((r) => r.ref)).toEqual(['refs/heads/feat/x']);
    const list = await octokit.rest.repos.listCommits({ ...repo, sha: 'feat/x' });
    expect(list.data.map((c) => c.sha)).toEqual([newer, featSha, mainSha]);
  });

  test('compare base...head counts ahead/behind like GitHub', async () => {
    await f.commit('main', { 'main.txt': 'm\n' });
    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feat/x' });
    expect(cmp.data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1, total_commits: 1 });
    expect(cmp.data.merge_base_commit.sha).toBe(mainSha);
    expect(cmp.data.files?.map((x) => x.filename)).toEqual(['src/a.ts']);
  });

  test('refs can be created, moved (fast-forward unless forced) and deleted', async () => {
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/copy', sha: mainSha });
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/copy', sha: mainSha }),
    ).rejects.toMatchObject({ status: 422 });
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/copy', sha: featSha });
    await expect(
      octokit.rest.git.updateRef({ ...repo, ref: 'heads/copy', sha: mainSha }),
    ).rejects.toMatchObject({ status: 422 });
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/copy', sha: mainSha, force: true });
    expect(await f.gh.store.git.branchSha('copy')).toBe(mainSha);
    await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/copy' });
    expect(await f.gh.store.git.branchSha('copy')).toBeNull();
  });

  test('pull requests: create, list by owner:branch, duplicate refused, get follows the branch', async () => {
    const created = await octokit.rest.pulls.create({ ...repo, head: 'feat/x', base: 'main', title: 'X' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      draft: false,
      head: { ref: 'feat/x', sha: featSha },
      base: { ref: 'main', sha: mainSha },
    });
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.user?.type).toBe('Bot');
    await expect(
      octokit.rest.pulls.create({ ...repo, head: 'feat/x', base: 'main', title: 'again' }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ message: 'A pull request already exists for acme:feat/x.' }],
        },
      },
    });
    expect((await octokit.rest.pulls.list({ ...repo, head: 'acme:feat/x' })).data).toHaveLength(1);
    expect((await octokit.rest.pulls.list({ ...repo, head: 'acme:feat/other' })).data).toHaveLength(0);
    // A bare branch name is ignored by GitHub, so it lists everything.
    expect((await octokit.rest.pulls.list({ ...repo, head: 'feat/other' })).data).toHaveLength(1);
    const moved = await f.commit('feat/x', { 'src/c.ts': 'c\n' });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 1 })).data.head.sha).toBe(moved);
  });

  test('merging a PR makes a real merge commit; a stale sha gives 409', async () => {
    const pr = f.gh.store.createPullRequest({ head: 'feat/x', base: 'main', title: 'X' });
    await expect(
      octokit.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: mainSha }),
    ).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Head branch was modified. Review and try the merge again.' } },
    });
    const merged = await octokit.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: featSha });
    const mergeSha = merged.data.sha;
    const commit = await f.gh.store.git.commit('main');
    expect(commit?.sha).toBe(mergeSha);
    expect(commit?.parents).toEqual([mainSha, featSha]);
    expect(commit?.message).toMatch(/^Merge pull request #1 from acme\/feat\/x/);
    const after = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(after.data).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: mergeSha });
    // Head stays frozen at the merged commit even when the branch moves on.
    await f.commit('feat/x', { 'later.txt': 'l\n' });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: pr.number })).data.head.sha).toBe(featSha);
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: pr.number })).rejects.toMatchObject({
      status: 405,
    });
  });

  test('a conflicting merge through the merges API answers 409', async () => {
    await f.commit('main', { 'src/a.ts': 'main side\n' });
    await expect(octokit.rest.repos.merge({ ...repo, base: 'main', head: 'feat/x' })).rejects.toMatchObject({
      status: 409,
      response: { data: { message: 'Merge conflict' } },
    });
  });

  test('reviews carry commit_id; own PR, and Actions when not permitted, are refused with 422', async () => {
    const pr = f.gh.store.createPullRequest({ head: 'feat/x', base: 'main', user: 'alice' });
    const review = await octokit.rest.pulls.createReview({
      ...repo,
      pull_number: pr.number,
      event: 'APPROVE',
      commit_id: featSha,
    });
    expect(review.data).toMatchObject({
      state: 'APPROVED',
      commit_id: featSha,
      user: { login: 'github-actions[bot]' },
    });
    await octokit.rest.pulls.dismissReview({
      ...repo,
      pull_number: pr.number,
      review_id: review.data.id,
      message: 'head moved',
    });
    expect(f.gh.store.reviews[0]?.state).toBe('DISMISSED');
    expect(f.gh.store.dismissalsOf(pr.number)).toEqual([
      expect.objectContaining({
        reviewId: review.data.id,
        message: 'head moved',
        actor: 'github-actions[bot]',
      }),
    ]);

    f.gh.store.settings.actionsCanApprove = false;
    await expect(
      octokit.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: 'APPROVE' }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: ['GitHub Actions is not permitted to approve pull requests.'] } },
    });
    f.gh.store.setTokenUser('alice-token', 'alice');
    const alice = getOctokit('alice-token', { baseUrl: f.gh.url });
    await expect(
      alice.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: 'APPROVE' }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: ['Can not approve your own pull request'] } },
    });
    const listed = await octokit.rest.pulls.listReviews({ ...repo, pull_number: pr.number });
    expect(listed.data.map((r) => r.state)).toEqual(['DISMISSED']);
  });

  test('check runs paginate (150 runs: 30 per page with Link, paginate reads all)', async () => {
    for (let i = 0; i < 150; i++)
      f.gh.store.addCheckRun({
        headSha: featSha,
        name: `check-${i}`,
        status: 'completed',
        conclusion: 'success',
      });
    const first = await octokit.rest.checks.listForRef({ ...repo, ref: featSha });
    expect(first.data.total_count).toBe(150);
    expect(first.data.check_runs).toHaveLength(30);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=5');
    const all = await octokit.paginate(octokit.rest.checks.listForRef, {
      ...repo,
      ref: featSha,
      per_page: 100,
    });
    expect(all).toHaveLength(150);
    expect(new Set(all.map((r) => r.name)).size).toBe(150);
  });

  test('check runs: latest per name by default, all with filter=all, linked to suites and workflow runs', async () => {
    f.gh.store.addCheckRun({
      headSha: featSha,
      name: 'build',
      status: 'completed',
      conclusion: 'failure',
      workflowRunId: 77,
    });
    const rerun = f.gh.store.addCheckRun({
      headSha: featSha,
      name: 'build',
      status: 'completed',
      conclusion: 'success',
      workflowRunId: 78,
    });
    const latest = await octokit.rest.checks.listForRef({ ...repo, ref: 'feat/x' });
    expect(latest.data.check_runs.map((r) => r.id)).toEqual([rerun.id]);
    expect(latest.data.check_runs[0]?.details_url).toContain('/actions/runs/78/');
    expect(latest.data.check_runs[0]?.app?.slug).toBe('github-actions');
    const all = await octokit.rest.checks.listForRef({ ...repo, ref: 'feat/x', filter: 'all' });
    expect(all.data.total_count).toBe(2);
    const suites = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: featSha });
    expect(suites.data.total_count).toBe(2);
    const run = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 78 });
    expect(run.data).toMatchObject({ id: 78, head_sha: featSha, check_suite_id: rerun.checkSuiteId });
  });

  test('statuses: list newest first, combined status over latest per context', async () => {
    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: featSha,
      state: 'pending',
      context: 'ci/ext',
    });
    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: featSha,
      state: 'success',
      context: 'ci/ext',
    });
    f.gh.store.addStatus({ sha: featSha, context: 'lint', state: 'failure' });
    const list = await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: 'feat/x' });
    expect(list.data.map((s) => s.state)).toEqual(['failure', 'success', 'pending']);
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: featSha });
    expect(combined.data).toMatchObject({ state: 'failure', total_count: 2, sha: featSha });
  });

  test('issues and comments; PRs appear among issues with pull_request', async () => {
    f.gh.store.createPullRequest({ head: 'feat/x', base: 'main' });
    const issue = await octokit.rest.issues.create({
      ...repo,
      title: 'Dashboard',
      body: '<!-- marker -->',
      labels: ['status'],
    });
    expect(issue.data).toMatchObject({ number: 2, state: 'open', labels: [{ name: 'status' }] });
    const all = await octokit.rest.issues.listForRepo({ ...repo });
    expect(all.data.map((i) => [i.number, Boolean(i.pull_request)])).toEqual([
      [2, false],
      [1, true],
    ]);
    const c = await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'first' });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: c.data.id, body: 'edited' });
    const comments = await octokit.rest.issues.listComments({ ...repo, issue_number: 2 });
    expect(comments.data.map((x) => x.body)).toEqual(['edited']);
    await octokit.rest.issues.update({ ...repo, issue_number: 2, state: 'closed' });
    expect(
      (await octokit.rest.issues.listForRepo({ ...repo, state: 'closed' })).data.map((i) => i.number),
    ).toEqual([2]);
  });

  test('errors: 404 body like GitHub, unknown routes recorded, denied permission gives 403', async () => {
    await expect(octokit.rest.pulls.get({ ...repo, pull_number: 99 })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found', status: '404', documentation_url: expect.any(String) } },
    });
    await expect(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', repo)).rejects.toMatchObject({
      status: 404,
    });
    expect(f.gh.unknownRoutes).toEqual(['GET /repos/acme/widgets/no-such-thing']);
    await expect(octokit.rest.repos.get({ owner: 'other', repo: 'widgets' })).rejects.toMatchObject({
      status: 404,
    });
    f.gh.store.denyPermission('issues', 'write');
    await octokit.rest.issues.listForRepo({ ...repo });
    await expect(octokit.rest.issues.create({ ...repo, title: 't' })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } },
    });
  });

  test('requests are counted by route template and can be reset', async () => {
    f.gh.requests.reset();
    await octokit.rest.pulls.list({ ...repo });
    await octokit.rest.pulls.list({ ...repo, state: 'all' });
    await octokit.rest.checks.listForRef({ ...repo, ref: 'feat/x' });
    expect(f.gh.requests.byRoute()).toEqual({
      'GET /repos/{owner}/{repo}/pulls': 2,
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': 1,
    });
    expect(f.gh.requests.total()).toBe(3);
    expect(f.gh.requests.log[0]).toMatchObject({
      method: 'GET',
      status: 200,
      route: 'GET /repos/{owner}/{repo}/pulls',
    });
    await octokit.rest.issues.create({ ...repo, title: 'T' });
    expect(f.gh.requests.log[3]).toMatchObject({ method: 'POST', status: 201, body: { title: 'T' } });
    f.gh.requests.reset();
    expect(f.gh.requests.total()).toBe(0);
  });
  test('draft and fork pull requests are shaped like GitHub’s', async () => {
    const draft = f.gh.store.createPullRequest({ head: 'feat/x', base: 'main', draft: true });
    const fork = f.gh.store.createPullRequest({
      head: 'feat/x',
      base: 'main',
      headRepoFullName: 'someone/widgets',
      headSha: featSha,
      user: 'someone',
    });
    const d = await octokit.rest.pulls.get({ ...repo, pull_number: draft.number });
    expect(d.data).toMatchObject({ draft: true, mergeable_state: 'draft' });
    const x = await octokit.rest.pulls.get({ ...repo, pull_number: fork.number });
    expect(x.data.head).toMatchObject({
      label: 'someone:feat/x',
      sha: featSha,
      repo: { full_name: 'someone/widgets', fork: true },
    });
    expect(x.data.base.repo.full_name).toBe('acme/widgets');
    // GitHub filters `head` by owner: the fork's PR is found under its owner, not ours.
    expect(
      (await octokit.rest.pulls.list({ ...repo, head: 'someone:feat/x' })).data.map((p) => p.number),
    ).toEqual([fork.number]);
  });
});
