import { startEmulator, type Emulator } from '../../emulator/index.js';
import { evaluateChecks, readChecks } from '../../src/checks/index.js';
import { createOctokit } from '../../src/github/client.js';
import { MemoryLogger } from '../../src/logger.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

let gh: Emulator;
let repo: TestRepo;
let sha: string;
const saved = process.env.GITHUB_API_URL;

beforeAll(async () => {
  gh = await startEmulator();
  repo = await createRepo({ bare: gh.bareRepo });
  sha = await repo.commit('feat/wide', { 'a.txt': 'a' });
  process.env.GITHUB_API_URL = gh.url;
});

afterAll(async () => {
  process.env.GITHUB_API_URL = saved;
  await gh.close();
  await repo.cleanup();
});

beforeEach(() => gh.requests.reset());

function octokit() {
  return createOctokit('t', { logger: new MemoryLogger(), retryAfterBaseValue: 1 });
}

it('reads all 150 check runs and all statuses, one request per page', async () => {
  for (let i = 0; i < 149; i++)
    gh.store.addCheckRun({ headSha: sha, name: `job-${i}`, conclusion: 'success' });
  gh.store.addCheckRun({ headSha: sha, name: 'job-last', conclusion: 'failure' });
  gh.store.addStatus({ sha, context: 'ci/external', state: 'pending' });
  gh.store.addStatus({ sha, context: 'ci/external', state: 'success' });

  const checks = await readChecks(octokit(), gh.owner, gh.repo, sha);
  expect(checks.checkRuns).toHaveLength(150);
  expect(checks.statuses).toHaveLength(2);
  expect(gh.requests.byRoute()).toEqual({
    'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': 2,
    'GET /repos/{owner}/{repo}/commits/{ref}/statuses': 1,
  });

  const verdict = evaluateChecks({ ...checks });
  expect(verdict.state).toBe('failure');
  expect(verdict.counted).toBe(151);
  expect(verdict.failing.map((c) => c.name)).toEqual(['job-last']);
});

it('a commit with no checks reads as two requests and is not green', async () => {
  const bare = await repo.commit('feat/bare', { 'b.txt': 'b' });
  const checks = await readChecks(octokit(), gh.owner, gh.repo, bare);
  expect(checks).toEqual({ checkRuns: [], statuses: [] });
  expect(gh.requests.total()).toBe(2);
  expect(evaluateChecks(checks).state).toBe('pending');
});
