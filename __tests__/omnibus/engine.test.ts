import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRepo, type TestRepo } from '../helpers/repo.js';
import { Git } from '../../src/git/git.js';
import { MemoryLogger } from '../../src/logger.js';
import type { Priority, Worker } from '../../src/config/types.js';
import { buildOmnibus, type BuildOptions } from '../../src/omnibus/engine.js';
import { OmnibusRefusal } from '../../src/omnibus/types.js';

const OMNIBUS = 'feat/omnibus';

function worker(id: string, priority: Priority = 'medium', dependsOn: string[] = []): Worker {
  return { id, branch: `feat/${id}`, role: `Role ${id}`, priority, dependsOn, task: null };
}

let repo: TestRepo;
let checkout: Git;

beforeEach(async () => {
  repo = await createRepo({
    initialFiles: { 'README.md': 'line 1\nline 2\nline 3\n', 'shared.ts': 'a\nb\nc\n' },
  });
  checkout = new Git(await repo.clone());
});
afterEach(async () => {
  await repo.cleanup();
});

function build(workers: Worker[], extra: Partial<BuildOptions> = {}) {
  return buildOmnibus({
    git: checkout,
    base: 'main',
    omnibusBranch: OMNIBUS,
    workers,
    onConflict: 'skip',
    rebuild: false,
    force: false,
    dryRun: false,
    logger: new MemoryLogger(),
    ...extra,
  });
}

/** Every ref of the remote, as `sha ref` lines. */
async function remoteRefs(): Promise<string> {
  return new Git(repo.bare).run(['for-each-ref', '--format=%(objectname) %(refname)']);
}

async function message(sha: string): Promise<string> {
  return checkout.run(['log', '-1', '--format=%B', sha]);
}

describe('buildOmnibus on real repositories', () => {
  it('merges clean workers in plan order, one merge commit each, without touching the working tree', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': 'one\n' });
    await repo.commit('feat/e2', { 'src/e2.ts': 'two\n' });
    await repo.commit('feat/e3', { 'src/e3.ts': 'three\n' });
    const headBefore = await checkout.run(['rev-parse', 'HEAD']);

    const result = await build([worker('e3', 'low'), worker('e2', 'high', ['e1']), worker('e1', 'critical')]);

    expect(result.merged).toEqual(['e1', 'e2', 'e3']);
    expect(result.skipped).toEqual([]);
    expect(result.pushed).toBe(true);
    expect(await repo.head(OMNIBUS)).toBe(result.sha);
    const firstParents = await checkout.revList(['--first-parent', result.sha, '^main']);
    expect(firstParents).toHaveLength(3);
    expect(await message(firstParents[0]!)).toMatch(/^Merge worker e3 \(Role e3\) from feat\/e3/);
    expect(await message(firstParents[2]!)).toMatch(/^Merge worker e1 \(Role e1\) from feat\/e1/);
    expect(await checkout.run(['ls-tree', '-r', '--name-only', result.sha])).toContain('src/e3.ts');
    expect(await checkout.run(['rev-parse', 'HEAD'])).toBe(headBefore);
    expect(await checkout.run(['status', '--porcelain'])).toBe('');
  });

  it('names base, the paths and the commits on both sides when base changed the same lines', async () => {
    const workerCommit = await repo.commit(
      'feat/e1',
      { 'README.md': 'line 1\nworker\nline 3\n' },
      { message: 'e1 edits' },
    );
    const baseCommit = await repo.commit(
      'main',
      { 'README.md': 'line 1\nbase\nline 3\n' },
      { message: 'base edits' },
    );
    await repo.commit('feat/e2', { 'src/e2.ts': 'two\n' });

    const result = await build([worker('e1', 'critical'), worker('e2')]);

    expect(result.skipped).toEqual([
      { worker: 'e1', reason: 'conflict', paths: ['README.md'], conflictsWith: ['base'] },
    ]);
    expect(result.merged).toEqual(['e2']);
    const conflict = result.outcomes[0]!.conflict!;
    expect(conflict.sides.map((s) => [s.name, s.commits.map((c) => c.sha)])).toEqual([
      ['e1', [workerCommit]],
      ['base', [baseCommit]],
    ]);
    expect(conflict.messages.join('\n')).toContain('CONFLICT (content)');
  });

  it('names the earlier-merged worker a conflict is with, found by trial merges', async () => {
    const c1 = await repo.commit(
      'feat/e1',
      { 'shared.ts': 'a\none\nc\n', 'src/e1.ts': '1\n' },
      { message: 'e1 shared' },
    );
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n', 'README.md': 'line 1\ntwo\nline 3\n' });
    const c3 = await repo.commit('feat/e3', { 'shared.ts': 'a\nthree\nc\n' }, { message: 'e3 shared' });

    const result = await build([worker('e1', 'critical'), worker('e2', 'high'), worker('e3', 'low')]);

    expect(result.merged).toEqual(['e1', 'e2']);
    expect(result.skipped).toEqual([
      { worker: 'e3', reason: 'conflict', paths: ['shared.ts'], conflictsWith: ['e1'] },
    ]);
    const sides = result.outcomes[2]!.conflict!.sides;
    expect(sides.map((s) => [s.name, s.branch, s.paths, s.commits.map((c) => c.subject)])).toEqual([
      ['e3', 'feat/e3', ['shared.ts'], ['e3 shared']],
      ['e1', 'feat/e1', ['shared.ts'], ['e1 shared']],
    ]);
    expect(sides[0]!.commits[0]!.sha).toBe(c3);
    expect(sides[1]!.commits[0]!.sha).toBe(c1);
  });

  it('blames a conflict on the worker whose own commits changed the path, not on a branch cut from it', async () => {
    await repo.commit('feat/e1', { 'shared.ts': 'a\none\nc\n' }, { message: 'e1 shared' });
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n' }, { from: 'feat/e1' });
    await repo.commit('feat/e3', { 'shared.ts': 'a\nthree\nc\n' });

    const result = await build([worker('e1', 'critical'), worker('e2', 'high', ['e1']), worker('e3', 'low')]);

    expect(result.skipped).toEqual([
      { worker: 'e3', reason: 'conflict', paths: ['shared.ts'], conflictsWith: ['e1'] },
    ]);
    expect(result.outcomes[2]!.conflict!.sides[1]!.commits.map((c) => c.subject)).toEqual(['e1 shared']);
  });

  it('merges a three-way dependency chain in order, each branch cut from the previous one', async () => {
    await repo.commit('feat/e1', { 'src/a.ts': 'a\n' });
    await repo.commit('feat/e2', { 'src/b.ts': 'b\n' }, { from: 'feat/e1' });
    await repo.commit('feat/e3', { 'src/c.ts': 'c\n' }, { from: 'feat/e2' });

    const result = await build([
      worker('e3', 'critical', ['e2']),
      worker('e2', 'critical', ['e1']),
      worker('e1', 'low'),
    ]);

    expect(result.merged).toEqual(['e1', 'e2', 'e3']);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['merged', 'merged', 'merged']);
    expect(result.outcomes[1]!.orderReason).toBe(
      'after e1 (#1), which it depends on; critical priority, the only worker ready',
    );
  });

  it('skips the dependents of a skipped worker, transitively, with the reason', async () => {
    await repo.commit('feat/e1', { 'shared.ts': 'a\none\nc\n' });
    await repo.commit('feat/e2', { 'shared.ts': 'a\ntwo\nc\n' });
    await repo.commit('feat/e3', { 'src/e3.ts': '3\n' }, { from: 'feat/e2' });
    await repo.commit('feat/e4', { 'src/e4.ts': '4\n' });
    await repo.commit('feat/e5', { 'src/e5.ts': '5\n' });

    const result = await build([
      worker('e1', 'critical'),
      worker('e2', 'high'),
      worker('e3', 'high', ['e2']),
      worker('e4', 'low', ['e3']),
      worker('e5', 'low', ['e1']),
    ]);

    expect(result.merged).toEqual(['e1', 'e5']);
    expect(result.skipped).toEqual([
      { worker: 'e2', reason: 'conflict', paths: ['shared.ts'], conflictsWith: ['e1'] },
      { worker: 'e3', reason: 'depends on a skipped worker', paths: [], conflictsWith: [] },
      { worker: 'e4', reason: 'depends on a skipped worker', paths: [], conflictsWith: [] },
    ]);
  });

  it('reports a worker already contained as already merged and a re-run with nothing new as a no-op', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n' });
    const workers = [worker('e1'), worker('e2')];
    const first = await build(workers);
    const refsAfterFirst = await remoteRefs();

    const again = await build(workers);

    expect(again.sha).toBe(first.sha);
    expect(again.changed).toBe(false);
    expect(again.pushed).toBe(false);
    expect(again.outcomes.map((o) => o.kind)).toEqual(['already-merged', 'already-merged']);
    expect(again.merged).toEqual(['e1', 'e2']);
    expect(await remoteRefs()).toBe(refsAfterFirst);
  });

  it('leaves workers without a branch or without commits of their own out of both lists', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await repo.git.run(['push', '-q', 'origin', 'refs/remotes/origin/main:refs/heads/feat/launched']);

    const result = await build([worker('e1'), worker('ghost'), worker('launched')]);

    expect(result.outcomes.map((o) => [o.worker.id, o.kind])).toEqual([
      ['e1', 'merged'],
      ['ghost', 'no-branch'],
      ['launched', 'no-commits'],
    ]);
    expect(result.merged).toEqual(['e1']);
    expect(result.skipped).toEqual([]);
  });

  it('creates no omnibus branch when no worker has commits of its own', async () => {
    await repo.git.run(['push', '-q', 'origin', 'refs/remotes/origin/main:refs/heads/feat/launched']);
    const before = await remoteRefs();

    const result = await build([worker('launched'), worker('ghost')]);

    expect(result.changed).toBe(false);
    expect(result.pushed).toBe(false);
    expect(result.merged).toEqual([]);
    expect(await remoteRefs()).toBe(before);
  });

  it('keeps a commit made by hand on the omnibus branch when merging into it', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await build([worker('e1'), worker('e2')]);
    const hand = await repo.commit(OMNIBUS, { 'src/fix.ts': 'fix\n' }, { message: 'Fix the build by hand' });
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n' });

    const result = await build([worker('e1'), worker('e2')]);

    expect(result.outcomes.map((o) => o.kind)).toEqual(['already-merged', 'merged']);
    expect(await checkout.isAncestor(hand, result.sha)).toBe(true);
    expect(result.handCommits.kept).toEqual([{ sha: hand, subject: 'Fix the build by hand' }]);
    expect(await checkout.isAncestor((await repo.head(OMNIBUS))!, result.sha)).toBe(true);
  });

  it('merges new commits of base into the existing omnibus branch', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await build([worker('e1')]);
    const onBase = await repo.commit('main', { 'docs/new.md': 'new\n' });

    const result = await build([worker('e1')]);

    expect(result.baseSync.kind).toBe('merged');
    expect(await checkout.isAncestor(onBase, result.sha)).toBe(true);
    expect(await message(result.sha)).toMatch(/^Merge base main into feat\/omnibus/);
    expect(result.handCommits.kept).toEqual([]);
  });

  it('refuses a rebuild that would drop hand commits, naming them, and changes nothing', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await build([worker('e1')]);
    const hand = await repo.commit(OMNIBUS, { 'src/fix.ts': 'fix\n' }, { message: 'Hand fix' });
    const before = await remoteRefs();

    const refused = build([worker('e1')], { rebuild: true });

    await expect(refused).rejects.toThrow(OmnibusRefusal);
    await expect(build([worker('e1')], { rebuild: true })).rejects.toThrow(`${hand.slice(0, 12)} Hand fix`);
    expect(await remoteRefs()).toBe(before);
  });

  it('rebuilds from base when forced, listing the dropped hand commits', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    const first = await build([worker('e1')]);
    const hand = await repo.commit(OMNIBUS, { 'src/fix.ts': 'fix\n' }, { message: 'Hand fix' });

    const result = await build([worker('e1')], { rebuild: true, force: true });

    expect(result.handCommits.dropped).toEqual([{ sha: hand, subject: 'Hand fix' }]);
    expect(await checkout.isAncestor(hand, result.sha)).toBe(false);
    // The same inputs give the same merge commit: the rebuild reproduces the first build exactly.
    expect(result.sha).toBe(first.sha);
    expect(await repo.head(OMNIBUS)).toBe(first.sha);
  });

  it('rebuilds without refusal when the branch has only automatic merges, to the same sha', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n' });
    const first = await build([worker('e1'), worker('e2')]);

    const rebuilt = await build([worker('e1'), worker('e2')], { rebuild: true });

    expect(rebuilt.handCommits.dropped).toEqual([]);
    expect(rebuilt.sha).toBe(first.sha);
    expect(rebuilt.pushed).toBe(false);
  });

  it('counts a conflict resolved by hand in a merge commit as a hand commit', async () => {
    await repo.commit('feat/e1', { 'shared.ts': 'a\none\nc\n' });
    await repo.commit('feat/e2', { 'shared.ts': 'a\ntwo\nc\n' });
    await build([worker('e1', 'high'), worker('e2')]);
    // Someone resolves e2 by hand on the omnibus branch: a fix, then a merge of e2 carrying that tree.
    await repo.commit(OMNIBUS, { 'shared.ts': 'a\none\ntwo\nc\n' }, { message: 'Resolve e2 by hand' });
    const omnibusSha = (await repo.head(OMNIBUS))!;
    const resolvedTree = await repo.git.run(['rev-parse', `${omnibusSha}^{tree}`]);
    const e2 = (await repo.head('feat/e2'))!;
    const merge = await repo.git.commitTree(resolvedTree, [omnibusSha, e2], 'Merge feat/e2 by hand');
    await repo.git.run(['push', '-q', 'origin', `${merge}:refs/heads/${OMNIBUS}`]);

    const result = await build([worker('e1', 'high'), worker('e2')]);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['already-merged', 'already-merged']);
    expect(result.handCommits.kept.map((c) => c.subject)).toEqual([
      'Merge feat/e2 by hand',
      'Resolve e2 by hand',
    ]);
    await expect(build([worker('e1', 'high'), worker('e2')], { rebuild: true })).rejects.toThrow(
      /would drop 2 commit/,
    );
  });

  it('with on-conflict fail pushes nothing and names the conflict', async () => {
    await repo.commit('feat/e1', { 'shared.ts': 'a\none\nc\n' });
    await repo.commit('feat/e2', { 'shared.ts': 'a\ntwo\nc\n' });
    const before = await remoteRefs();

    const run = build([worker('e1', 'high'), worker('e2')], { onConflict: 'fail' });

    await expect(run).rejects.toThrow('e2 (shared.ts with e1)');
    expect(await remoteRefs()).toBe(before);
  });

  it('dry-run computes the sha the real run gives and pushes nothing', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await repo.commit('feat/e2', { 'shared.ts': 'x\n' });
    const before = await remoteRefs();

    const dry = await build([worker('e1'), worker('e2')], { dryRun: true });

    expect(dry.pushed).toBe(false);
    expect(await remoteRefs()).toBe(before);
    const real = await build([worker('e1'), worker('e2')]);
    expect(real.sha).toBe(dry.sha);
  });

  it('starts over once when the remote moved during the run, keeping what was pushed meanwhile', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await build([worker('e1')]);
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n' });
    let sneaked = '';

    const result = await build([worker('e1'), worker('e2')], {
      beforePush: async (attempt) => {
        if (attempt === 1)
          sneaked = await repo.commit(OMNIBUS, { 'src/sneak.ts': 's\n' }, { message: 'Pushed meanwhile' });
      },
    });

    expect(result.attempts).toBe(2);
    expect(await repo.head(OMNIBUS)).toBe(result.sha);
    expect(await checkout.isAncestor(sneaked, result.sha)).toBe(true);
    expect(result.handCommits.kept.map((c) => c.subject)).toEqual(['Pushed meanwhile']);
  });

  it('refuses, never overwriting, when the remote keeps moving', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    let last = '';

    const run = build([worker('e1')], {
      beforePush: async (attempt) => {
        last = await repo.commit(OMNIBUS, { [`src/sneak${attempt}.ts`]: 's\n' }, { from: 'main' });
      },
    });

    await expect(run).rejects.toThrow(/moved on origin again/);
    expect(await repo.head(OMNIBUS)).toBe(last);
  });

  it('makes the same commits whether clean runs of merges go through one shell or one git process each', async () => {
    await repo.commit(
      'feat/e1',
      { 'shared.ts': 'a\none\nc\n' },
      { message: 'e1: a message with "quotes", $HOME and `ticks`' },
    );
    await repo.commit('feat/e2', { 'src/e2.ts': '2\n' });
    await repo.commit('feat/e3', { 'shared.ts': 'a\nthree\nc\n' });
    await repo.commit('feat/e4', { 'src/e4.ts': '4\n' });
    await repo.commit('feat/e5', { 'src/e5.ts': '5\n' }, { from: 'feat/e3' });
    const workers = [
      { ...worker('e1', 'critical'), role: "Role with 'quotes' and $(echo x)" },
      worker('e2', 'high'),
      worker('e3', 'high'),
      worker('e4', 'medium'),
      worker('e5', 'low', ['e3']),
    ];

    const chained = await build(workers, { dryRun: true });
    const oneByOne = await build(workers, { dryRun: true, chain: false });

    expect(chained.sha).toBe(oneByOne.sha);
    expect(chained.outcomes.map((o) => [o.kind, o.commit])).toEqual(
      oneByOne.outcomes.map((o) => [o.kind, o.commit]),
    );
    expect(chained.outcomes.map((o) => o.kind)).toEqual(['merged', 'merged', 'skipped', 'merged', 'skipped']);
    expect((await message(chained.outcomes[0]!.commit!)).trim()).toBe(
      "Merge worker e1 (Role with 'quotes' and $(echo x)) from feat/e1\n\nOmnibus-Worker: e1\nOmnibus-Role: Role with 'quotes' and $(echo x)\nOmnibus-Branch: feat/e1",
    );
  });

  it('refuses a forced rebuild at once when the remote moved, so what was pushed meanwhile is not dropped', async () => {
    await repo.commit('feat/e1', { 'src/e1.ts': '1\n' });
    await build([worker('e1')]);
    await repo.commit(OMNIBUS, { 'src/fix.ts': 'fix\n' }, { message: 'Hand fix' });
    let sneaked = '';

    const run = build([worker('e1')], {
      rebuild: true,
      force: true,
      beforePush: async () => {
        sneaked = await repo.commit(OMNIBUS, { 'src/late.ts': 'late\n' }, { message: 'Pushed meanwhile' });
      },
    });

    await expect(run).rejects.toThrow(/moved on origin while this run was rebuilding/);
    expect(await repo.head(OMNIBUS)).toBe(sneaked);
  });

  it('explains a push the token may not make because it touches .github/workflows/', async () => {
    await repo.commit('feat/e1', { '.github/workflows/ci.yml': 'on: push\n' });
    // What GitHub answers a GITHUB_TOKEN push of a workflow file.
    const hook = join(repo.bare, 'hooks', 'pre-receive');
    await writeFile(
      hook,
      '#!/bin/sh\necho "refusing to allow a GitHub App to create or update workflow \\`.github/workflows/ci.yml\\` without \\`workflows\\` permission" >&2\nexit 1\n',
    );
    await chmod(hook, 0o755);

    const run = build([worker('e1')]);

    await expect(run).rejects.toThrow(/cannot push commits that touch \.github\/workflows\/.*`token` input/s);
    expect(await repo.head(OMNIBUS)).toBeNull();
  });

  it('refuses a worker whose branch is the omnibus branch', async () => {
    await expect(build([{ ...worker('loop'), branch: OMNIBUS }])).rejects.toThrow(
      /needs a branch of its own/,
    );
  });
});
