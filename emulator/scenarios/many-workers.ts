/** Repositories for the status-report end-to-end tests and bench: many workers, a few overlapping pairs. */
import type { Emulator } from '../index.js';
import type { TestRepo } from '../repo.js';

export const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

/** A config with `count` workers on feat/w-<i>; the omnibus branch is feat/omnibus. */
export function manyWorkersConfig(count: number): string {
  const workers = Array.from(
    { length: count },
    (_, i) =>
      `  - id: w${i}\n    branch: feat/w-${i}\n    role: Worker ${i}\n    priority: ${['critical', 'high', 'medium', 'low'][i % 4]}\n`,
  );
  return [
    'version: 1',
    `project: ${count} workers`,
    'base: main',
    'omnibus:',
    '  branch: feat/omnibus',
    '  title: Omnibus',
    'stale-after-hours: 48',
    'workers:',
    ...workers,
    'checkpoints:',
    '  - id: first',
    '    title: First worker up',
    '    requires: { w0: pr_ready }',
    '',
  ].join('\n');
}

/**
 * Commits `.github/orchestrator.yml` on main and one commit of its own per worker branch
 * (`feat/w-<i>`, file `src/w<i>.ts`); the first `overlappingPairs` pairs (w0/w1, w2/w3, …) also
 * change one shared file each, differently, so each such pair conflicts. Branches are pushed at once.
 */
export async function seedManyWorkers(
  repo: TestRepo,
  count: number,
  options: { overlappingPairs?: number; withBranch?: (i: number) => boolean } = {},
): Promise<void> {
  const { git } = repo;
  const pairs = options.overlappingPairs ?? 0;
  await repo.commit('main', {
    '.github/orchestrator.yml': manyWorkersConfig(count),
    'src/shared/base.ts': 'x\n',
  });
  const main = (await repo.head('main')) as string;
  const env = { GIT_AUTHOR_DATE: hoursAgo(2), GIT_COMMITTER_DATE: hoursAgo(2) };
  const refspecs: string[] = [];
  for (let i = 0; i < count; i++) {
    if (options.withBranch && !options.withBranch(i)) continue;
    await git.run(['checkout', '-q', '-f', '-B', `feat/w-${i}`, main]);
    const files: Record<string, string> = { [`src/w${i}.ts`]: `export const w${i} = ${i};\n` };
    const pair = Math.floor(i / 2);
    if (pair < pairs) files[`src/shared/pair${pair}.ts`] = `export const owner = 'w${i}';\n`;
    for (const [path, text] of Object.entries(files)) {
      await git
        .run(['hash-object', '-w', '--stdin'], { input: text })
        .then((blob) => git.run(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`]));
    }
    await git.run(['commit', '-q', '--no-verify', '-m', `Worker ${i} work`], { env });
    refspecs.push(`refs/heads/feat/w-${i}:refs/heads/feat/w-${i}`);
  }
  for (let i = 0; i < refspecs.length; i += 200)
    await git.run(['push', '-q', 'origin', ...refspecs.slice(i, i + 200)]);
}

/** Opens a PR for every `every`-th worker (some approved, one red CI) so the PR connections are not empty. */
export async function addPullRequests(gh: Emulator, repo: TestRepo, count: number, every = 3): Promise<void> {
  for (let i = 0; i < count; i += every) {
    const pr = gh.store.createPullRequest({ head: `feat/w-${i}`, base: 'main', title: `Worker ${i}` });
    const sha = (await repo.head(`feat/w-${i}`)) as string;
    gh.store.addCheckRun({
      headSha: sha,
      name: 'ci',
      status: 'completed',
      conclusion: i === 0 ? 'failure' : 'success',
    });
    if (i % 2 === 0)
      gh.store.addReview({ pullNumber: pr.number, user: 'lead', state: 'APPROVED', commitId: sha });
  }
}
