import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../../src/git/git.js';
import { MemoryLogger } from '../../src/logger.js';
import { forecastConflicts, overlappingPairs } from '../../src/status/forecast.js';
import { collectGitFacts, hasCheckout, originDefaultBranch } from '../../src/status/git-facts.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

const lines = (n: number, tag = ''): string =>
  Array.from({ length: n }, (_, i) => `line ${i}${tag}`).join('\n') + '\n';

/** Merges `branch` into `into` on origin with a merge commit (as a merged PR or the omnibus build does). */
async function mergeOnOrigin(repo: TestRepo, into: string, branch: string): Promise<string> {
  const { git } = repo;
  await git.run(['fetch', '-q', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
  await git.run(['checkout', '-q', '-f', '-B', into, `refs/remotes/origin/${into}`]);
  await git.run(['merge', '-q', '--no-ff', '--no-edit', `refs/remotes/origin/${branch}`]);
  await git.run(['push', '-q', 'origin', `HEAD:refs/heads/${into}`]);
  return git.run(['rev-parse', 'HEAD']);
}

describe('git facts in a real checkout', () => {
  let repo: TestRepo;
  let clone: string;

  beforeAll(async () => {
    repo = await createRepo({ initialFiles: { 'README.md': '# widgets\n', 'shared.txt': lines(40) } });
    const first = (await repo.head('main')) as string;
    // launched: cut from main, nothing added; old-launched: cut from an older main
    await repo.git.run(['push', '-q', 'origin', `${first}:refs/heads/feat/launched-old`]);
    await repo.commit('main', { 'base.txt': 'base moves on\n' });
    const main = (await repo.head('main')) as string;
    await repo.git.run(['push', '-q', 'origin', `${main}:refs/heads/feat/launched`]);
    // active, behind base
    await repo.commit('feat/active', { 'active.txt': 'a\n' }, { from: first });
    // merged into main with a merge commit
    await repo.commit('feat/merged', { 'merged.txt': 'm\n' });
    await mergeOnOrigin(repo, 'main', 'feat/merged');
    // in the omnibus branch only
    await repo.commit('feat/omni', { 'omni.txt': 'o\n' });
    await repo.commit('feat/omnibus', { 'omnibus.txt': 'start\n' });
    await mergeOnOrigin(repo, 'feat/omnibus', 'feat/omni');
    // a conflicting pair and an overlapping but clean pair
    await repo.commit('feat/c1', { 'shared.txt': lines(40).replace('line 3\n', 'line 3 from c1\n') });
    await repo.commit('feat/c2', { 'shared.txt': lines(40).replace('line 3\n', 'line 3 from c2\n') });
    await repo.commit('feat/c3', {
      'shared.txt': lines(40).replace('line 35\n', 'line 35 from c3\n'),
      'c3.txt': 'x\n',
    });
    clone = await repo.clone();
  });

  afterAll(async () => {
    await repo.cleanup();
  });

  it('recognises a checkout and origin default branch', async () => {
    const git = new Git(clone);
    expect(await hasCheckout(git)).toBe(true);
    expect(await originDefaultBranch(git)).toBe('main');
    const empty = await mkdtemp(join(tmpdir(), 'no-checkout-'));
    expect(await hasCheckout(new Git(empty))).toBe(false);
    await rm(empty, { recursive: true });
  });

  it('answers containment, first-parent history, ahead/behind and changed paths', async () => {
    const git = new Git(clone);
    const branches = [
      'feat/launched',
      'feat/launched-old',
      'feat/active',
      'feat/merged',
      'feat/omni',
      'feat/gone',
      'feat/c1',
    ];
    const facts = await collectGitFacts(
      git,
      { base: 'main', omnibus: 'feat/omnibus', branches },
      new MemoryLogger(),
    );
    expect(facts.baseSha).toBe(await repo.head('main'));
    expect(facts.omnibusSha).toBe(await repo.head('feat/omnibus'));
    expect(facts.branches.has('feat/gone')).toBe(false);

    expect(facts.branches.get('feat/launched')).toMatchObject({
      containment: { onBaseFirstParent: true, containedInBase: true },
      ahead: 0,
      behind: 2, // the merge of feat/merged came after it was cut
      changedPaths: [],
    });
    expect(facts.branches.get('feat/launched-old')).toMatchObject({
      containment: { onBaseFirstParent: true },
      ahead: 0,
      behind: 3,
    });
    expect(facts.branches.get('feat/active')).toMatchObject({
      containment: { onBaseFirstParent: false, containedInBase: false, containedInOmnibus: false },
      ahead: 1,
      behind: 3,
      changedPaths: ['active.txt'],
    });
    expect(facts.branches.get('feat/merged')?.containment).toEqual({
      onBaseFirstParent: false,
      containedInBase: true,
      containedInOmnibus: true, // the omnibus branch was cut from main after that merge
    });
    expect(facts.branches.get('feat/omni')?.containment).toEqual({
      onBaseFirstParent: false,
      containedInBase: false,
      containedInOmnibus: true,
    });
    expect(facts.branches.get('feat/active')?.lastCommit).toMatchObject({
      author: 'Test Author',
      message: 'Update active.txt',
    });
  });

  it('forecasts conflicts only among overlapping pairs', async () => {
    const git = new Git(clone);
    const branches = ['feat/active', 'feat/c1', 'feat/c2', 'feat/c3'];
    const facts = await collectGitFacts(
      git,
      { base: 'main', omnibus: 'feat/omnibus', branches },
      new MemoryLogger(),
    );
    const workers = branches.map((b) => ({
      id: b.slice(5),
      head: facts.branches.get(b)!.head,
      changedPaths: facts.branches.get(b)!.changedPaths,
    }));
    const result = await forecastConflicts(git, workers);
    expect(result.candidatePairs).toEqual([
      ['c1', 'c2'],
      ['c1', 'c3'],
      ['c2', 'c3'],
    ]);
    expect(result.merges).toBe(3);
    expect(result.conflictsWith).toEqual({ active: [], c1: ['c2'], c2: ['c1'], c3: [] });
    expect(result.conflicts).toEqual([{ a: 'c1', b: 'c2', paths: ['shared.txt'] }]);
  });
});

describe('overlappingPairs', () => {
  it('pairs only workers sharing a path, each pair once', () => {
    const pairs = overlappingPairs([
      { id: 'a', head: '1', changedPaths: ['x', 'y'] },
      { id: 'b', head: '2', changedPaths: ['y', 'x'] },
      { id: 'c', head: '3', changedPaths: ['z'] },
      { id: 'd', head: '4', changedPaths: ['x'] },
    ]);
    expect(pairs).toEqual([
      ['a', 'b'],
      ['a', 'd'],
      ['b', 'd'],
    ]);
  });

  it('grows with overlaps, not with the square of the workers', () => {
    const workers = Array.from({ length: 100 }, (_, i) => ({
      id: `w${i}`,
      head: String(i),
      changedPaths: [`own/${i}.ts`],
    }));
    for (let k = 0; k < 5; k++) {
      workers[k * 2]!.changedPaths.push(`shared/${k}.ts`);
      workers[k * 2 + 1]!.changedPaths.push(`shared/${k}.ts`);
    }
    expect(overlappingPairs(workers)).toHaveLength(5);
  });
});
