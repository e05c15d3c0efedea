/**
 * status-report cost: GitHub API requests of one run (the bundle, run as the runner runs it, against
 * the emulator) next to the naive way (several REST requests per worker, counted in the same run
 * against the same emulator), and the conflict forecast for 100 workers of which 5 pairs overlap.
 */
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { createRepo, type TestRepo } from '../../emulator/repo.js';
import { runAction } from '../../emulator/runner.js';
import { addPullRequests, seedManyWorkers } from '../../emulator/scenarios/many-workers.js';
import { createOctokit } from '../../src/github/client.js';
import { MemoryLogger } from '../../src/logger.js';
import type { BenchSection } from './section.js';

/**
 * The reference's way, one worker at a time: the branch, compare with base, the PRs from the branch,
 * the reviews of its PR, the check runs and the combined status of its head.
 */
async function naiveRequests(gh: Emulator, branches: string[]): Promise<number> {
  process.env.GITHUB_API_URL = gh.url;
  const octokit = createOctokit('naive-token', { logger: new MemoryLogger() });
  const { owner, repo } = gh;
  const before = gh.requests.total();
  for (const branch of branches) {
    const head = await octokit.rest.repos.getBranch({ owner, repo, branch }).then(
      (r) => r.data.commit.sha,
      () => null,
    );
    const prs = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'all' });
    if (head === null) continue;
    await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `main...${branch}` });
    const open = prs.data.find((p) => p.state === 'open');
    if (open) await octokit.rest.pulls.listReviews({ owner, repo, pull_number: open.number });
    await octokit.rest.checks.listForRef({ owner, repo, ref: head });
    await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: head });
  }
  return gh.requests.total() - before;
}

async function measure(
  workers: number,
  print: (line: string) => void,
): Promise<{
  requests: number;
  naive: number;
  merges: number | null;
  forecastMs: number | null;
  runMs: number;
}> {
  const gh = await startEmulator();
  let repo: TestRepo | null = null;
  try {
    repo = await createRepo({ bare: gh.bareRepo });
    const pairs = Math.min(5, Math.floor(workers / 2));
    await seedManyWorkers(repo, workers, { overlappingPairs: pairs, withBranch: (i) => i < workers - 1 });
    await addPullRequests(gh, repo, workers);
    const workspace = await repo.clone();
    gh.requests.reset();
    const run = await runAction('status-report', { emulator: gh, workspace, timeoutMs: 300_000 });
    if (run.exitCode !== 0) throw new Error(`status-report failed:\n${run.stdout}\n${run.stderr}`);
    const requests = gh.requests.total();
    const forecast = /conflict forecast: (\d+) merges of (\d+) overlapping pairs in (\d+) ms/.exec(
      run.stdout,
    );
    const branches = Array.from({ length: workers }, (_, i) => `feat/w-${i}`);
    const naive = await naiveRequests(gh, branches);
    const merges = forecast ? Number(forecast[1]) : null;
    const forecastMs = forecast ? Number(forecast[3]) : null;
    print(
      `${String(workers).padStart(3)} workers: ${requests} requests (naive REST way: ${naive}, ` +
        `${(naive / requests).toFixed(0)}x); run ${(run.durationMs / 1000).toFixed(1)} s; ` +
        `forecast: ${merges ?? '?'} merge-tree runs (${forecast?.[2] ?? '?'} pairs with overlapping paths, ` +
        `${pairs} seeded) in ${forecastMs ?? '?'} ms`,
    );
    return { requests, naive, merges, forecastMs, runMs: run.durationMs };
  } finally {
    await gh.close();
    await repo?.cleanup();
  }
}

const statusReport: BenchSection = {
  name: 'status-report',
  title: 'status-report: API requests per run (budget: 4 for 6 workers, 8 for 100) and the conflict forecast',
  async run(print) {
    const six = await measure(6, print);
    const hundred = await measure(100, print);
    return { six, hundred };
  },
};

export default statusReport;
