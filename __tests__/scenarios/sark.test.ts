import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { seedSark, type SarkScenario } from '../../emulator/scenarios/sark.js';
import { createOctokit, type Octokit } from '../../src/github/client.js';
import { MemoryLogger } from '../../src/logger.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

const NOW = '2026-11-23T02:00:00.000Z';
let gh: Emulator;
let repo: TestRepo;
let scenario: SarkScenario;
let octokit: Octokit;

beforeAll(async () => {
  gh = await startEmulator({ owner: 'acme', repo: 'sark' });
  repo = await createRepo({ bare: gh.bareRepo });
  scenario = await seedSark(gh, repo, { now: NOW });
  process.env.GITHUB_API_URL = gh.url;
  process.env.GITHUB_GRAPHQL_URL = gh.graphqlUrl;
  octokit = createOctokit('t', { logger: new MemoryLogger(), retryAfterBaseValue: 10 });
});

afterAll(async () => {
  await gh.close();
  await repo.cleanup();
});

const hoursBefore = (date: string): number => (Date.parse(NOW) - Date.parse(date)) / 3_600_000;

describe('seedSark', () => {
  it('describes six workers, every status once', () => {
    const statuses = Object.values(scenario.workers).map((w) => w.status);
    expect(statuses.sort()).toEqual(['active', 'approved', 'launched', 'merged', 'pending', 'pr_ready']);
    expect(scenario.now).toBe(NOW);
    expect(scenario.conflict).toEqual({
      workers: ['engineer3', 'engineer4'],
      paths: ['src/gateway/config.ts'],
    });
  });

  it('commits the config on main, and the branches of every worker but docs', async () => {
    const { data: file } = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'sark',
      path: scenario.configPath,
      ref: 'main',
    });
    expect(Buffer.from((file as { content: string }).content, 'base64').toString('utf8')).toBe(
      scenario.config,
    );
    const refs = await repo.git.lsRemote('origin', ['refs/heads/*']);
    for (const worker of Object.values(scenario.workers)) {
      expect(refs.get(`refs/heads/${worker.branch}`) ?? null).toBe(worker.head);
    }
    expect(refs.get('refs/heads/main')).toBe(scenario.mainHead);
    expect(refs.has('refs/heads/feat/gateway-docs')).toBe(false);
    expect(refs.has(`refs/heads/${scenario.omnibusBranch}`)).toBe(false);
  });

  it("merged engineer1's PR into main through the emulator; qa's branch is main", async () => {
    const { data: pr } = await octokit.rest.pulls.get({
      owner: 'acme',
      repo: 'sark',
      pull_number: scenario.workers.engineer1.pr ?? 0,
    });
    expect(pr).toMatchObject({ merged: true, state: 'closed', head: { ref: 'feat/gateway-client' } });
    await repo.git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    expect(await repo.git.isAncestor(scenario.workers.engineer1.head ?? '', scenario.mainHead)).toBe(true);
    expect(scenario.workers.qa.head).toBe(scenario.mainHead);
  });

  it('opens the PRs: engineer2 approved and green, engineer3 ready with a check running, engineer4 a red draft', async () => {
    const { data: open } = await octokit.rest.pulls.list({ owner: 'acme', repo: 'sark', state: 'open' });
    expect(open.map((pr) => [pr.head.ref, pr.draft]).sort()).toEqual([
      ['feat/gateway-api', false],
      ['feat/gateway-audit', true],
      ['feat/gateway-policies', false],
    ]);
    const { engineer2, engineer3, engineer4 } = scenario.workers;
    const { data: reviews } = await octokit.rest.pulls.listReviews({
      owner: 'acme',
      repo: 'sark',
      pull_number: engineer2.pr ?? 0,
    });
    expect(reviews.map((r) => [r.user?.login, r.state, r.commit_id])).toEqual([
      ['czar', 'APPROVED', engineer2.head],
    ]);
    const checks = async (sha: string | null): Promise<string[]> => {
      const { data } = await octokit.rest.checks.listForRef({ owner: 'acme', repo: 'sark', ref: sha ?? '' });
      return data.check_runs.map((r) => `${r.name}:${r.status}:${r.conclusion}`).sort();
    };
    expect(await checks(engineer2.head)).toEqual(['build:completed:success', 'test:completed:success']);
    expect(await checks(engineer3.head)).toEqual(['build:completed:success', 'test:in_progress:null']);
    expect(await checks(engineer4.head)).toEqual(['build:completed:success', 'test:completed:failure']);
  });

  it('dates the commits relative to now: engineer4 is the only live worker idle for more than 48 h', async () => {
    const lastCommit = async (sha: string | null): Promise<string> =>
      repo.git.run(['log', '-1', '--format=%cI', sha ?? '']);
    const { engineer2, engineer3, engineer4 } = scenario.workers;
    expect(hoursBefore(await lastCommit(engineer4.head))).toBeCloseTo(72, 5);
    expect(hoursBefore(await lastCommit(engineer3.head))).toBeLessThan(48);
    expect(hoursBefore(await lastCommit(engineer2.head))).toBeLessThan(48);
    expect(
      Object.values(scenario.workers)
        .filter((w) => w.stale)
        .map((w) => w.id),
    ).toEqual(['engineer4']);
  });

  it('has exactly one conflicting pair among the branches with commits of their own', async () => {
    const live = ['engineer2', 'engineer3', 'engineer4'] as const;
    const conflicts: string[] = [];
    for (let i = 0; i < live.length; i++) {
      const a = scenario.workers[live[i]!];
      const base = await repo.git.mergeTree(scenario.mainHead, a.head ?? '');
      expect(base.clean).toBe(true);
      for (let j = i + 1; j < live.length; j++) {
        const b = scenario.workers[live[j]!];
        const result = await repo.git.mergeTree(a.head ?? '', b.head ?? '');
        if (!result.clean) conflicts.push(`${a.id}/${b.id}:${result.conflictedPaths.join(',')}`);
      }
    }
    expect(conflicts).toEqual(['engineer3/engineer4:src/gateway/config.ts']);
  });
});
