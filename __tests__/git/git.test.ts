import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BOT_IDENTITY, Git, GitError } from '../../src/git/git.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
let git: Git;
let main: string;

beforeEach(async () => {
  repo = await createRepo({ initialFiles: { 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'bee\n' } });
  main = (await repo.head('main')) ?? '';
  git = new Git(await repo.clone());
});

afterEach(async () => {
  await repo.cleanup();
});

async function treeFiles(tree: string): Promise<string[]> {
  return (await git.run(['ls-tree', '-r', '--name-only', tree])).split('\n');
}

describe('identity', () => {
  it('commits as the bot, passed with -c, leaving the repository config untouched', async () => {
    const before = await git.exec(['config', '--local', '--get-regexp', '^user\\.']);
    const tree = await git.run(['rev-parse', 'HEAD^{tree}']);
    const sha = await git.commitTree(tree, [main], 'Bot commit');
    expect(await git.run(['log', '-1', '--format=%an <%ae>|%cn <%ce>|%s', sha])).toBe(
      `${BOT_IDENTITY.name} <${BOT_IDENTITY.email}>|${BOT_IDENTITY.name} <${BOT_IDENTITY.email}>|Bot commit`,
    );
    const after = await git.exec(['config', '--local', '--get-regexp', '^user\\.']);
    expect(before.exitCode).toBe(1);
    expect(after).toEqual(before);
  });

  it('uses a given identity', async () => {
    const other = new Git(git.cwd, { name: 'Czar', email: 'czar@example.com' });
    const sha = await other.commitTree(await git.run(['rev-parse', 'HEAD^{tree}']), [main], 'x');
    expect(await git.run(['log', '-1', '--format=%an <%ae>', sha])).toBe('Czar <czar@example.com>');
  });

  it("is not overridden by GIT_AUTHOR_* / GIT_COMMITTER_* in the process's environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      GIT_AUTHOR_NAME: 'Leaked',
      GIT_AUTHOR_EMAIL: 'leaked@example.com',
      GIT_COMMITTER_NAME: 'Leaked',
      GIT_COMMITTER_EMAIL: 'leaked@example.com',
    });
    try {
      const sha = await git.commitTree(await git.run(['rev-parse', 'HEAD^{tree}']), [main], 'x');
      expect(await git.run(['log', '-1', '--format=%an|%cn', sha])).toBe(
        `${BOT_IDENTITY.name}|${BOT_IDENTITY.name}`,
      );
    } finally {
      process.env = saved;
    }
  });

  it('ignores GIT_DIR in the environment: the working directory decides the repository', async () => {
    const saved = { ...process.env };
    process.env.GIT_DIR = repo.bare;
    try {
      await repo.commit('feat/only-in-origin', { 'z.txt': 'z\n' });
      expect(await git.revParse('feat/only-in-origin')).toBeNull();
    } finally {
      process.env = saved;
    }
  });
});

describe('mergeTree', () => {
  it('merges cleanly without touching a working tree', async () => {
    const x = await repo.commit('feat/x', { 'x.txt': 'x\n' });
    const y = await repo.commit('feat/y', { 'a.txt': 'one\ntwo\nthree\nfour\n' });
    await git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    const result = await git.mergeTree(x, y);
    expect(result.clean).toBe(true);
    expect(result.conflictedPaths).toEqual([]);
    expect(result.tree).toMatch(/^[0-9a-f]{40}$/);
    expect(await treeFiles(result.tree)).toEqual(['a.txt', 'b.txt', 'x.txt']);
    expect(await git.run(['show', `${result.tree}:a.txt`])).toBe('one\ntwo\nthree\nfour');
    expect(await git.run(['status', '--porcelain'])).toBe('');
  });

  it('lists the conflicting paths and git messages', async () => {
    const x = await repo.commit('feat/x', {
      'a.txt': 'one\nTWO (x)\nthree\n',
      'b.txt': 'bee x\n',
      'c.txt': 'c\n',
    });
    const y = await repo.commit('feat/y', {
      'a.txt': 'one\nTWO (y)\nthree\n',
      'b.txt': 'bee y\n',
      'd.txt': 'd\n',
    });
    await git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    const result = await git.mergeTree(x, y);
    expect(result.clean).toBe(false);
    expect(result.conflictedPaths).toEqual(['a.txt', 'b.txt']);
    expect(result.messages.join('\n')).toContain('CONFLICT (content): Merge conflict in a.txt');
    expect(result.messages.join('\n')).toContain('CONFLICT (content): Merge conflict in b.txt');
    expect(result.tree).toMatch(/^[0-9a-f]{40}$/);
  });

  it('lists a modify/delete conflict', async () => {
    const x = await repo.commit('feat/x', { 'b.txt': null });
    const y = await repo.commit('feat/y', { 'b.txt': 'changed\n' });
    await git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    const result = await git.mergeTree(x, y);
    expect(result).toMatchObject({ clean: false, conflictedPaths: ['b.txt'] });
    expect(result.messages.join('\n')).toContain('CONFLICT (modify/delete)');
  });

  it('throws on an unknown revision', async () => {
    await expect(git.mergeTree(main, 'no-such-branch')).rejects.toThrow(GitError);
  });
});

describe('commitTree', () => {
  it('makes a merge commit with both parents, the message and the given dates', async () => {
    const x = await repo.commit('feat/x', { 'x.txt': 'x\n' });
    await git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    const { tree } = await git.mergeTree(main, x);
    const date = '2026-11-22T12:00:00+00:00';
    const sha = await git.commitTree(tree, [main, x], "Merge feat/x\n\nWorker engineer1's branch.", {
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
    expect(await git.run(['log', '-1', '--format=%P', sha])).toBe(`${main} ${x}`);
    expect(await git.run(['log', '-1', '--format=%B', sha])).toBe(
      "Merge feat/x\n\nWorker engineer1's branch.\n",
    );
    expect(await git.run(['log', '-1', '--format=%aI|%cI', sha])).toBe(`${date}|${date}`);
    expect(await git.run(['rev-parse', `${sha}^{tree}`])).toBe(tree);
    // Same inputs, same commit: re-running changes nothing.
    expect(
      await git.commitTree(tree, [main, x], "Merge feat/x\n\nWorker engineer1's branch.", {
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      }),
    ).toBe(sha);
  });

  it('makes a root commit without parents', async () => {
    const tree = await git.run(['rev-parse', `${main}^{tree}`]);
    const sha = await git.commitTree(tree, [], 'root');
    expect(await git.run(['log', '-1', '--format=%P', sha])).toBe('');
  });
});

describe('push', () => {
  async function newCommit(parent: string, message: string): Promise<string> {
    return git.commitTree(await git.run(['rev-parse', `${parent}^{tree}`]), [parent], message);
  }

  it('pushes with a lease when the remote is where we expected', async () => {
    const sha = await newCommit(main, 'next');
    const result = await git.push('origin', sha, 'main', { expectedRemoteSha: main });
    expect(result.exitCode).toBe(0);
    expect(await repo.head('main')).toBe(sha);
  });

  it("creates a branch with the lease '' (must not exist), and refuses it once it exists", async () => {
    const sha = await newCommit(main, 'omnibus');
    expect((await git.push('origin', sha, 'feat/omnibus', { expectedRemoteSha: '' })).exitCode).toBe(0);
    expect(await repo.head('feat/omnibus')).toBe(sha);
    const again = await newCommit(main, 'omnibus again');
    const refused = await git.push('origin', again, 'feat/omnibus', { expectedRemoteSha: '' });
    expect(refused.exitCode).not.toBe(0);
    expect(await repo.head('feat/omnibus')).toBe(sha);
  });

  it('is refused when the remote moved since we read it, and changes nothing', async () => {
    const moved = await repo.commit('main', { 'hand-fix.txt': 'fix\n' });
    const sha = await newCommit(main, 'based on the old head');
    const result = await git.push('origin', sha, 'main', { expectedRemoteSha: main });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/stale info|rejected/);
    expect(await repo.head('main')).toBe(moved);
  });

  it('refuses a non-fast-forward without force or lease, and allows it with force', async () => {
    const first = await newCommit(main, 'first');
    expect((await git.push('origin', first, 'main')).exitCode).toBe(0);
    const sibling = await newCommit(main, 'sibling');
    expect((await git.push('origin', sibling, 'main')).exitCode).not.toBe(0);
    expect((await git.push('origin', sibling, 'main', { force: true })).exitCode).toBe(0);
    expect(await repo.head('main')).toBe(sibling);
  });
});

describe('reading history', () => {
  it('revParse gives the sha, or null for what names nothing', async () => {
    expect(await git.revParse('HEAD')).toBe(main);
    expect(await git.revParse('origin/main')).toBe(main);
    expect(await git.revParse('refs/remotes/origin/no-such-branch')).toBeNull();
    expect(await git.revParse('no-such-branch')).toBeNull();
    expect(await git.revParse('HEAD~5')).toBeNull();
    expect(await git.revParse('0000000000000000000000000000000000000000')).toBeNull();
  });

  it('isAncestor, mergeBase, revList, countCommits', async () => {
    const x1 = await repo.commit('feat/x', { 'x.txt': '1\n' });
    const x2 = await repo.commit('feat/x', { 'x.txt': '2\n' });
    const m2 = await repo.commit('main', { 'm.txt': 'm\n' });
    await git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    expect(await git.isAncestor(main, x2)).toBe(true);
    expect(await git.isAncestor(x1, x2)).toBe(true);
    expect(await git.isAncestor(x2, x1)).toBe(false);
    expect(await git.isAncestor(x2, m2)).toBe(false);
    await expect(git.isAncestor('no-such-branch', x2)).rejects.toThrow(GitError);
    expect(await git.mergeBase(x2, m2)).toBe(main);
    expect(await git.mergeBase(x2, 'no-such-branch')).toBeNull();
    expect(await git.revList([`${m2}..${x2}`])).toEqual([x2, x1]);
    expect(await git.revList([`${x2}..${x2}`])).toEqual([]);
    expect(await git.countCommits(`${m2}..${x2}`)).toBe(2);
    expect(await git.countCommits(`${x2}..${m2}`)).toBe(1);
    expect(await git.logFormat([`${m2}..${x2}`], '%s')).toEqual(['Update x.txt', 'Update x.txt']);
  });

  it('diffNames lists added, changed and deleted paths', async () => {
    const x = await repo.commit('feat/x', {
      'a.txt': 'changed\n',
      'b.txt': null,
      'dir/new file.txt': 'n\n',
      'ünï.txt': 'u\n',
    });
    await git.fetch('origin', ['+refs/heads/*:refs/remotes/origin/*']);
    expect(await git.diffNames(main, x)).toEqual(['a.txt', 'b.txt', 'dir/new file.txt', 'ünï.txt']);
    expect(await git.diffNames(x, x)).toEqual([]);
  });

  it('lsRemote maps refs to shas, optionally filtered', async () => {
    const x = await repo.commit('feat/x', { 'x.txt': 'x\n' });
    const refs = await git.lsRemote('origin');
    expect(refs.get('refs/heads/main')).toBe(main);
    expect(refs.get('refs/heads/feat/x')).toBe(x);
    expect(refs.get('HEAD')).toBe(main);
    const filtered = await git.lsRemote('origin', ['refs/heads/feat/*']);
    expect([...filtered.entries()]).toEqual([['refs/heads/feat/x', x]]);
    expect((await git.lsRemote('origin', ['refs/heads/none'])).size).toBe(0);
  });

  it('updateRef checks the old value', async () => {
    const x = await repo.commit('feat/x', { 'x.txt': 'x\n' });
    await git.fetch('origin', ['+refs/heads/feat/x:refs/remotes/origin/feat/x']);
    await git.updateRef('refs/heads/omnibus', x);
    expect(await git.revParse('refs/heads/omnibus')).toBe(x);
    await expect(git.updateRef('refs/heads/omnibus', main, main)).rejects.toThrow(GitError);
    await git.updateRef('refs/heads/omnibus', main, x);
    expect(await git.revParse('refs/heads/omnibus')).toBe(main);
  });
});

describe('exec and run', () => {
  it('exec reports a failure without throwing; run throws a GitError naming the command', async () => {
    const result = await git.exec(['rev-parse', '--verify', 'nope']);
    expect(result.exitCode).not.toBe(0);
    await expect(git.run(['rev-parse', '--verify', 'nope'])).rejects.toThrow(
      /^git rev-parse --verify nope failed \(exit 128\): fatal: Needed a single revision$/,
    );
  });

  it('passes stdin and never prompts', async () => {
    expect(await git.run(['hash-object', '--stdin'], { input: 'hello\n' })).toBe(
      'ce013625030ba8dba906f756967f9e9ca394464a',
    );
    const result = await git.exec(['ls-remote', 'https://127.0.0.1:9/nothing.git']);
    expect(result.exitCode).not.toBe(0);
  });

  it('writes a commit graph', async () => {
    await git.writeCommitGraph();
    expect(await git.run(['rev-parse', '--git-path', 'objects/info/commit-graph'])).toContain('commit-graph');
  });
});
