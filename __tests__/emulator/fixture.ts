import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Git } from '../../src/git/git.js';
import { startEmulator, type Emulator } from '../../emulator/index.js';

/** An emulator over a fresh bare repository plus a work clone to commit and push from. */
export interface Fixture {
  gh: Emulator;
  git: Git;
  work: string;
  /** Commits files on `branch` (created from `from`, default main) and pushes; returns the sha. */
  commit(
    branch: string,
    files: Record<string, string | null>,
    options?: { from?: string; message?: string; date?: string },
  ): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createFixture(): Promise<Fixture> {
  const gh = await startEmulator();
  const work = mkdtempSync(join(tmpdir(), 'emulator-work-'));
  const git = new Git(work);
  await git.run(['init', '-q', '-b', 'main']);
  await git.run(['remote', 'add', 'origin', gh.bareRepo]);
  const commit: Fixture['commit'] = async (branch, files, options = {}) => {
    const exists = (await git.revParse(`refs/heads/${branch}`)) !== null;
    const hasAny = (await git.revParse('HEAD')) !== null;
    if (exists) await git.run(['checkout', '-q', branch]);
    else if (hasAny) await git.run(['checkout', '-q', '-b', branch, options.from ?? 'main']);
    else await git.run(['checkout', '-q', '-B', branch]);
    for (const [path, text] of Object.entries(files)) {
      const full = join(work, path);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
    await git.run(['add', '-A']);
    const env: Record<string, string> = options.date
      ? { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date }
      : {};
    await git.run(
      ['commit', '-q', '--allow-empty', '-m', options.message ?? `change ${Object.keys(files).join(', ')}`],
      { env },
    );
    await git.run(['push', '-q', '--force', 'origin', `${branch}:refs/heads/${branch}`]);
    return (await git.revParse('HEAD')) as string;
  };
  return {
    gh,
    git,
    work,
    commit,
    cleanup: async () => {
      await gh.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
