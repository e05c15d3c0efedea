/** collectFacts in process, against the emulator's GraphQL and a real checkout. */
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { seedSark, type SarkScenario } from '../../emulator/scenarios/sark.js';
import { parseConfig } from '../../src/config/load.js';
import { Git } from '../../src/git/git.js';
import { createOctokit, graphql } from '../../src/github/client.js';
import { MemoryLogger } from '../../src/logger.js';
import { collectFacts } from '../../src/status/collect.js';
import { buildStatusDocument } from '../../src/status/document.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

describe('collectFacts', () => {
  let gh: Emulator;
  let repo: TestRepo;
  let sark: SarkScenario;
  const saved = { ...process.env };

  beforeAll(async () => {
    gh = await startEmulator();
    repo = await createRepo({ bare: gh.bareRepo });
    sark = await seedSark(gh, repo);
    process.env.GITHUB_API_URL = gh.url;
    process.env.GITHUB_GRAPHQL_URL = gh.graphqlUrl;
  });

  afterAll(async () => {
    process.env = saved;
    await gh.close();
    await repo.cleanup();
  });

  async function collect(git: Git | null, logger = new MemoryLogger()) {
    const config = parseConfig(sark.config, '.github/orchestrator.yml');
    const octokit = createOctokit('t', { logger });
    const collected = await collectFacts({
      config,
      owner: gh.owner,
      repo: gh.repo,
      graphql: (query, variables) => graphql(octokit, query, variables),
      git,
      logger,
    });
    const doc = buildStatusDocument({ ...collected, config, now: new Date() });
    const statuses = Object.fromEntries(Object.entries(doc.workers).map(([id, w]) => [id, w.status]));
    return { collected, doc, statuses };
  }

  const expected = (): Record<string, string> =>
    Object.fromEntries(Object.entries(sark.workers).map(([id, w]) => [id, w.status]));

  it('with a checkout: git decides containment and forecasts the one conflicting pair', async () => {
    const { collected, statuses, doc } = await collect(new Git(await repo.clone()));
    expect(collected.mode).toBe('git');
    expect(statuses).toEqual(expected());
    expect(collected.forecast?.merges).toBe(1);
    const [a, b] = sark.conflict.workers;
    expect(doc.workers[a]?.conflictsWith).toEqual([b]);
  });

  it('without a checkout: the API decides, with the same statuses here', async () => {
    gh.requests.reset();
    const { collected, statuses, doc } = await collect(null);
    expect(collected.mode).toBe('api');
    expect(statuses).toEqual(expected());
    expect(doc.workers.engineer1?.conflictsWith).toBeNull();
    expect(gh.requests.total()).toBeLessThanOrEqual(2);
    expect(gh.unimplementedFields).toEqual([]);
  });

  it('a checkout that cannot reach origin falls back to the API with a warning', async () => {
    const clone = await repo.clone();
    const git = new Git(clone);
    await git.run(['remote', 'set-url', 'origin', '/nonexistent/origin.git']);
    const logger = new MemoryLogger();
    const { collected, statuses } = await collect(git, logger);
    expect(collected.mode).toBe('api');
    expect(statuses).toEqual(expected());
    expect(
      logger.lines.some((l) => l.level === 'warning' && /deciding from the API alone/.test(l.message)),
    ).toBe(true);
  });

  it('a worker merged into the omnibus branch only still shows its conflict', async () => {
    const [a, b] = sark.conflict.workers;
    const branchA = sark.workers[a as keyof SarkScenario['workers']].branch;
    const { git } = repo;
    await git.run(['fetch', '-q', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
    await git.run(['checkout', '-q', '-f', '-B', sark.omnibusBranch, 'refs/remotes/origin/main']);
    await git.run(['merge', '-q', '--no-ff', '--no-edit', `refs/remotes/origin/${branchA}`]);
    await git.run(['push', '-q', '-f', 'origin', `HEAD:refs/heads/${sark.omnibusBranch}`]);
    try {
      const { doc } = await collect(new Git(await repo.clone()));
      expect(doc.omnibus.exists).toBe(true);
      expect(doc.workers[a]?.status).toBe('merged');
      expect(doc.workers[a]?.conflictsWith).toEqual([b]);
      expect(doc.workers[b]?.conflictsWith).toEqual([a]);
    } finally {
      await git.run(['push', '-q', 'origin', `:refs/heads/${sark.omnibusBranch}`]);
    }
  });
});
