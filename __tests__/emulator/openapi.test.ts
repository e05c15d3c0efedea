import { getOctokit } from '@actions/github';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createFixture, type Fixture } from './fixture.js';

/**
 * Every REST route the emulator serves is called through the real server, and every answer (status
 * and body) is validated against GitHub's own OpenAPI description of that operation.
 */

interface Subset {
  operations: Record<
    string,
    { operationId: string; responses: Record<string, { schema?: unknown; noContent?: boolean }> }
  >;
}

const subset = JSON.parse(
  readFileSync(new URL('../../emulator/openapi/subset.json', import.meta.url), 'utf8'),
) as Subset;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
ajv.addSchema(subset as object);

const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
const validators = new Map<string, ValidateFunction>();
function validatorFor(operation: string, status: string): ValidateFunction {
  const id = `github-rest-subset#/${pointer('operations', operation, 'responses', status, 'schema')}`;
  let validate = validators.get(id);
  if (!validate) {
    validate = ajv.getSchema(id);
    if (!validate) throw new Error(`no schema at ${id}`);
    validators.set(id, validate);
  }
  return validate;
}

/** Routes the emulator serves that GitHub's description does not document (GraphQL; legacy forms). */
const UNDOCUMENTED = new Set(['POST /graphql', 'GET /repos/{owner}/{repo}/git/refs/{ref}']);

describe('emulator REST conforms to GitHub’s OpenAPI description', () => {
  let f: Fixture;
  let octokit: ReturnType<typeof getOctokit>;
  const problems: string[] = [];
  const seen = new Map<string, Set<number>>();

  const check = (method: string, url: string, status: number, data: unknown) => {
    const key = `${method} ${url}`;
    const op = subset.operations[key];
    if (!op) return problems.push(`${key}: not in the subset`);
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)?.add(status);
    const response = op.responses[String(status)];
    // GitHub answers 404 with its error body on every route, documented or not; and error statuses
    // documented without a body still carry one. Those bodies must be GitHub's basic error.
    if ((!response && status === 404) || (response?.noContent && status >= 400)) {
      const body = data as { message?: unknown; documentation_url?: unknown };
      if (typeof body?.message !== 'string' || typeof body?.documentation_url !== 'string')
        problems.push(`${key} ${status}: not a GitHub error body`);
      return;
    }
    if (!response)
      return problems.push(
        `${key}: status ${status} is not documented (${Object.keys(op.responses).join(', ')})`,
      );
    if (response.noContent) {
      if (data !== undefined && data !== '' && data !== null)
        problems.push(`${key} ${status}: expected no content`);
      return;
    }
    const validate = validatorFor(key, String(status));
    if (!validate(data))
      problems.push(
        `${key} ${status}: ${(validate.errors ?? [])
          .slice(0, 8)
          .map((e) => `${e.instancePath} ${e.message}`)
          .join('; ')}`,
      );
  };

  beforeAll(async () => {
    f = await createFixture();
    octokit = getOctokit('t0ken', { baseUrl: f.gh.url });
    octokit.hook.wrap('request', async (request, options) => {
      try {
        const response = await request(options);
        check(options.method, options.url, response.status, response.data);
        return response;
      } catch (err) {
        const e = err as { status?: number; response?: { data: unknown } };
        if (e.status && e.response) check(options.method, options.url, e.status, e.response.data);
        throw err;
      }
    });
  });
  afterAll(async () => f.cleanup());

  test('every served route answers in GitHub’s documented shapes', async () => {
    const repo = { owner: 'acme', repo: 'widgets' };
    const fails = async (promise: Promise<unknown>, status: number) =>
      expect(promise).rejects.toMatchObject({ status });
    const mainSha = await f.commit('main', { 'README.md': 'hello\n', 'src/index.ts': 'export {};\n' });
    const featSha = await f.commit('feat/x', { 'src/x.ts': 'export const x = 1;\n' });
    await f.commit('feat/y', { 'y.txt': 'y\n' });
    await f.commit('feat/conflict', { 'README.md': 'conflict\n' });

    // Repository, contents, branches, user, rate limit
    await octokit.rest.repos.get(repo);
    await fails(octokit.rest.repos.get({ ...repo, repo: 'nope' }), 404);
    await octokit.rest.repos.getContent({ ...repo, path: 'README.md' });
    await octokit.rest.repos.getContent({ ...repo, path: 'src', ref: 'feat/x' });
    await fails(octokit.rest.repos.getContent({ ...repo, path: 'missing.txt' }), 404);
    await octokit.rest.repos.listBranches(repo);
    await octokit.rest.repos.getBranch({ ...repo, branch: 'feat/x' });
    await fails(octokit.rest.repos.getBranch({ ...repo, branch: 'nope' }), 404);
    await octokit.rest.users.getAuthenticated();
    await octokit.rest.rateLimit.get();

    // Git database
    await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    await fails(octokit.rest.git.getRef({ ...repo, ref: 'heads/nope' }), 404);
    await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feat' });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/target', sha: mainSha });
    await fails(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/target', sha: mainSha }), 422);
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/target', sha: featSha });
    await fails(octokit.rest.git.updateRef({ ...repo, ref: 'heads/target', sha: mainSha }), 422);
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/target', sha: mainSha, force: true });
    await octokit.rest.git.getCommit({ ...repo, commit_sha: featSha });
    await fails(octokit.rest.git.getCommit({ ...repo, commit_sha: '0'.repeat(40) }), 404);

    // Merges API: merged, nothing to merge, conflict
    await octokit.rest.repos.merge({ ...repo, base: 'target', head: 'feat/y' });
    await octokit.rest.repos.merge({ ...repo, base: 'target', head: 'feat/y' });
    await fails(octokit.rest.repos.merge({ ...repo, base: 'target', head: 'feat/nope' }), 404);
    await octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/target2',
      sha: (await f.gh.store.git.branchSha('target')) as string,
    });
    await f.commit('main', { 'README.md': 'main side\n' });
    await fails(octokit.rest.repos.merge({ ...repo, base: 'main', head: 'feat/conflict' }), 409);
    await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/target2' });
    await fails(octokit.rest.git.deleteRef({ ...repo, ref: 'heads/target2' }), 422);

    // Commits
    await octokit.rest.repos.listCommits({ ...repo, sha: 'feat/x', per_page: 2 });
    await octokit.rest.repos.getCommit({ ...repo, ref: featSha });
    await fails(octokit.rest.repos.getCommit({ ...repo, ref: 'nope' }), 422);
    await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feat/x' });
    await fails(octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...nope' }), 404);

    // Pull requests
    const pr = await octokit.rest.pulls.create({
      ...repo,
      head: 'feat/x',
      base: 'main',
      title: 'X',
      body: 'body',
    });
    await fails(octokit.rest.pulls.create({ ...repo, head: 'feat/x', base: 'main', title: 'again' }), 422);
    await octokit.rest.pulls.list({ ...repo, state: 'all' });
    await octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number });
    await fails(octokit.rest.pulls.get({ ...repo, pull_number: 999 }), 404);
    await octokit.rest.pulls.update({ ...repo, pull_number: pr.data.number, title: 'X!' });
    await octokit.rest.pulls.listCommits({ ...repo, pull_number: pr.data.number });
    await octokit.rest.pulls.listFiles({ ...repo, pull_number: pr.data.number });
    await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: featSha });
    await fails(octokit.rest.pulls.checkIfMerged({ ...repo, pull_number: pr.data.number }), 404);

    // Reviews
    f.gh.store.setTokenUser('alice-token', 'alice');
    const alice = getOctokit('alice-token', { baseUrl: f.gh.url });
    alice.hook.wrap('request', async (request, options) => {
      const response = await request(options);
      check(options.method, options.url, response.status, response.data);
      return response;
    });
    const review = await alice.rest.pulls.createReview({
      ...repo,
      pull_number: pr.data.number,
      event: 'APPROVE',
      commit_id: featSha,
    });
    await fails(
      octokit.rest.pulls.createReview({ ...repo, pull_number: pr.data.number, event: 'APPROVE' }),
      422,
    );
    await octokit.rest.pulls.listReviews({ ...repo, pull_number: pr.data.number });
    await octokit.rest.pulls.getReview({ ...repo, pull_number: pr.data.number, review_id: review.data.id });
    await octokit.rest.pulls.dismissReview({
      ...repo,
      pull_number: pr.data.number,
      review_id: review.data.id,
      message: 'moved',
    });
    await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pr.data.number, reviewers: ['bob'] });
    await octokit.rest.pulls.listRequestedReviewers({ ...repo, pull_number: pr.data.number });

    // Checks and actions
    f.gh.store.addCheckRun({
      headSha: featSha,
      name: 'build',
      status: 'completed',
      conclusion: 'success',
      workflowRunId: 9001,
      headBranch: 'feat/x',
    });
    const created = await octokit.rest.checks.create({
      ...repo,
      name: 'lint',
      head_sha: featSha,
      status: 'in_progress',
    });
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: 'neutral',
      output: { title: 'ok', summary: 'fine' },
    });
    await octokit.rest.checks.get({ ...repo, check_run_id: created.data.id });
    await fails(octokit.rest.checks.get({ ...repo, check_run_id: 1 }), 404);
    await octokit.rest.checks.listForRef({ ...repo, ref: 'feat/x' });
    const suites = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: featSha });
    const suiteId = suites.data.check_suites[0]?.id as number;
    await octokit.rest.checks.getSuite({ ...repo, check_suite_id: suiteId });
    await octokit.rest.checks.listForSuite({ ...repo, check_suite_id: suiteId });
    await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, head_sha: featSha });
    await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 9001 });
    await fails(octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 1 }), 404);
    await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 9001 });

    // Statuses
    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: featSha,
      state: 'success',
      context: 'ext',
      target_url: 'https://ci.example/1',
    });
    await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: 'feat/x' });
    await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: 'feat/x' });

    // Merge the PR
    await fails(octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number, sha: mainSha }), 409);
    await octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number, sha: featSha });
    await octokit.rest.pulls.checkIfMerged({ ...repo, pull_number: pr.data.number });
    await fails(octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number }), 405);

    // Issues and comments
    const issue = await octokit.rest.issues.create({
      ...repo,
      title: 'Dashboard',
      body: 'b',
      labels: ['status'],
    });
    await fails(octokit.rest.issues.create({ ...repo, title: '' }), 422);
    await octokit.rest.issues.listForRepo({ ...repo, state: 'all' });
    await octokit.rest.issues.get({ ...repo, issue_number: issue.data.number });
    await octokit.rest.issues.get({ ...repo, issue_number: pr.data.number });
    await fails(octokit.rest.issues.get({ ...repo, issue_number: 999 }), 404);
    await octokit.rest.issues.update({
      ...repo,
      issue_number: issue.data.number,
      body: 'new',
      state: 'closed',
    });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: issue.data.number, labels: ['x'] });
    const comment = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue.data.number,
      body: 'c',
    });
    await octokit.rest.issues.listComments({ ...repo, issue_number: issue.data.number });
    await octokit.rest.issues.getComment({ ...repo, comment_id: comment.data.id });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'c2' });
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: comment.data.id });
    f.gh.store.denyPermission('issues', 'write');
    await fails(octokit.rest.issues.create({ ...repo, title: 'denied' }), 403);

    expect(problems).toEqual([]);
    const documented = f.gh.routes.filter((r) => !UNDOCUMENTED.has(r));
    expect(documented.filter((r) => !subset.operations[r])).toEqual([]);
    const untested = Object.keys(subset.operations).filter(
      (op) => ![...(seen.get(op) ?? [])].some((s) => s < 300),
    );
    expect(untested).toEqual([]);
  });
});
