import { getOctokit } from '@actions/github';
import { startEmulator, type Emulator } from '../../emulator/index.js';

const repo = { owner: 'acme', repo: 'widgets' };

describe('emulator fault injection', () => {
  let gh: Emulator;
  let octokit: ReturnType<typeof getOctokit>;

  beforeEach(async () => {
    gh = await startEmulator();
    octokit = getOctokit('t0ken', { baseUrl: gh.url });
  });
  afterEach(async () => gh.close());

  test('the next request fails with 500, the one after succeeds; both are counted, the fault marked', async () => {
    gh.failNext(1, { status: 500 });
    await expect(octokit.rest.repos.get(repo)).rejects.toMatchObject({ status: 500 });
    await expect(octokit.rest.repos.get(repo)).resolves.toMatchObject({ status: 200 });
    expect(gh.requests.byRoute()).toEqual({ 'GET /repos/{owner}/{repo}': 2 });
    expect(gh.requests.log.map((e) => [e.status, e.fault ?? false])).toEqual([
      [500, true],
      [200, false],
    ]);
  });

  test('502 for several requests in a row', async () => {
    gh.failNext(2, { status: 502 });
    await expect(octokit.rest.repos.get(repo)).rejects.toMatchObject({ status: 502 });
    await expect(octokit.rest.issues.listForRepo(repo)).rejects.toMatchObject({ status: 502 });
    await expect(octokit.rest.issues.listForRepo(repo)).resolves.toMatchObject({ status: 200 });
  });

  test('403 secondary rate limit carries retry-after and GitHub’s message; 429 likewise', async () => {
    gh.failNext(1, { status: 403, retryAfter: 7 });
    const err = await octokit.rest.pulls.list(repo).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, response: { headers: { 'retry-after': '7' } } });
    expect((err as Error).message).toMatch(/You have exceeded a secondary rate limit/);

    gh.failNext(1, { status: 429, retryAfter: 1 });
    await expect(
      octokit.graphql({ query: '{ viewer { login } }', url: gh.graphqlUrl }),
    ).rejects.toMatchObject({
      status: 429,
      response: { headers: { 'retry-after': '1' } },
    });
    await expect(octokit.graphql({ query: '{ viewer { login } }', url: gh.graphqlUrl })).resolves.toEqual({
      viewer: { login: 'github-actions[bot]' },
    });
    expect(gh.requests.byRoute()['POST /graphql']).toBe(2);
  });

  test('a fault can target one route and leaves the others alone', async () => {
    gh.failNext(1, { status: 500, route: 'POST /repos/{owner}/{repo}/issues' });
    await expect(octokit.rest.issues.listForRepo(repo)).resolves.toMatchObject({ status: 200 });
    await expect(octokit.rest.issues.create({ ...repo, title: 'x' })).rejects.toMatchObject({ status: 500 });
    await expect(octokit.rest.issues.create({ ...repo, title: 'x' })).resolves.toMatchObject({ status: 201 });
    expect(gh.store.issues).toHaveLength(1);
  });
});
