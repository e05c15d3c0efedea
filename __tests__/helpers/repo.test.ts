import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Git } from '../../src/git/git.js';
import { createRepo } from './repo.js';

describe('createRepo', () => {
  it('starts with one commit on main, pushed to the bare origin', async () => {
    const repo = await createRepo();
    try {
      const main = await repo.head('main');
      expect(main).toMatch(/^[0-9a-f]{40}$/);
      expect(await new Git(repo.bare).run(['log', '--format=%s|%an|%aI', 'main'])).toBe(
        'Initial commit|Test Author|2026-11-20T00:00:00+00:00',
      );
    } finally {
      await repo.cleanup();
    }
  });

  it('commits to new and existing branches, deletes files, and is deterministic', async () => {
    const shas: string[][] = [];
    for (let round = 0; round < 2; round++) {
      const repo = await createRepo();
      try {
        const a = await repo.commit('feat/x', { 'src/a.ts': 'export const a = 1;\n', 'README.md': null });
        const b = await repo.commit(
          'feat/x',
          { 'src/b.ts': 'b\n' },
          { message: 'Add b', author: 'Ada Lovelace' },
        );
        const c = await repo.commit(
          'feat/y',
          { 'y.txt': 'y\n' },
          { from: 'feat/x', date: '2026-11-21T10:00:00Z' },
        );
        shas.push([a, b, c]);
        const git = new Git(repo.bare);
        expect(await repo.head('feat/x')).toBe(b);
        expect(await git.run(['rev-parse', `${b}^`])).toBe(a);
        expect(await git.run(['rev-parse', `${c}^`])).toBe(b);
        expect(await git.run(['log', '-1', '--format=%an <%ae>|%cn|%s', b])).toBe(
          'Ada Lovelace <ada-lovelace@example.com>|Ada Lovelace|Add b',
        );
        expect(await git.run(['log', '-1', '--format=%aI|%cI', c])).toBe(
          '2026-11-21T10:00:00+00:00|2026-11-21T10:00:00+00:00',
        );
        expect(await git.run(['ls-tree', '-r', '--name-only', 'feat/y'])).toBe('src/a.ts\nsrc/b.ts\ny.txt');
        expect(await git.run(['ls-tree', '-r', '--name-only', 'main'])).toBe('README.md');
        const clone = await repo.clone();
        expect(readFileSync(join(clone, 'README.md'), 'utf8')).toBe('# widgets\n');
        expect(await new Git(clone).run(['rev-parse', 'origin/feat/y'])).toBe(c);
      } finally {
        await repo.cleanup();
      }
      expect(existsSync(repo.work)).toBe(false);
    }
    expect(shas[0]).toEqual(shas[1]);
  });

  it('picks up commits pushed to origin by others (e.g. a merge done by the emulator)', async () => {
    const repo = await createRepo();
    try {
      const other = await repo.clone();
      const git = new Git(other, { name: 'Other', email: 'other@example.com' });
      await git.run(['commit', '-q', '--allow-empty', '-m', 'elsewhere']);
      await git.run(['push', '-q', 'origin', 'HEAD:main']);
      const moved = await git.run(['rev-parse', 'HEAD']);
      const next = await repo.commit('main', { 'x.txt': 'x\n' });
      expect(await repo.git.run(['rev-parse', `${next}^`])).toBe(moved);
    } finally {
      await repo.cleanup();
    }
  });
});
