import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Git, type GitIdentity } from '../src/git/git.js';

/** Files to write (text) or delete (null), by path relative to the repository root. */
export type FileChanges = Record<string, string | null>;

export interface CommitOptions {
  message?: string;
  /** Author and committer date (ISO 8601). Default: a fixed clock that ticks one minute per commit. */
  date?: string;
  /** Author and committer: a name (email derived) or a full identity. Default: "Test Author". */
  author?: string | GitIdentity;
  /** Where a missing branch is cut from: a branch on origin or any revision. Default: the default branch. */
  from?: string;
}

export interface TestRepo {
  /** The bare repository that plays `origin` (the emulator serves it). */
  bare: string;
  /** A working clone of `bare`, used to make commits. */
  work: string;
  /** Git in the working clone. */
  git: Git;
  defaultBranch: string;
  /** Commits the changes on `branch` (creating it from `from` when missing) and pushes it to origin; returns the sha. */
  commit(branch: string, files: FileChanges, options?: CommitOptions): Promise<string>;
  /** A fresh full clone of origin, as actions/checkout with fetch-depth 0 makes it. */
  clone(): Promise<string>;
  /** The sha a branch has on origin, or null. */
  head(branch: string): Promise<string | null>;
  cleanup(): Promise<void>;
}

export interface CreateRepoOptions {
  /** Use this bare repository (created when absent), e.g. the emulator's; default: a new one in the temp dir. */
  bare?: string;
  defaultBranch?: string;
  /** Files of the first commit on the default branch when origin is empty. Default: a README. */
  initialFiles?: FileChanges;
}

/** Start of the fixture clock: commits get this date plus one minute per commit unless given one. */
export const FIXTURE_EPOCH = Date.parse('2026-11-20T00:00:00Z');

const DEFAULT_AUTHOR: GitIdentity = { name: 'Test Author', email: 'author@example.com' };

/**
 * A bare repository (origin) plus a working clone in os.tmpdir(). Commit dates default to a fixed
 * clock, so the same sequence of commits gives the same shas on every run.
 */
export async function createRepo(options: CreateRepoOptions = {}): Promise<TestRepo> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const root = await mkdtemp(join(tmpdir(), 'orchestrator-repo-'));
  const bare = options.bare ?? join(root, 'origin.git');
  if (!existsSync(join(bare, 'HEAD'))) {
    await mkdir(bare, { recursive: true });
    await new Git(bare).init(true, defaultBranch);
  }
  const work = join(root, 'work');
  await new Git(root).run(['clone', '-q', bare, work]);
  const git = new Git(work, DEFAULT_AUTHOR);
  let clock = 0;
  let clones = 0;

  async function fetchOrigin(): Promise<void> {
    await git.run(['fetch', '-q', '--prune', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
  }

  async function commit(
    branch: string,
    files: FileChanges,
    commitOptions: CommitOptions = {},
  ): Promise<string> {
    await fetchOrigin();
    const existing = await git.revParse(`refs/remotes/origin/${branch}`);
    let start = existing;
    if (start === null) {
      const from = commitOptions.from ?? defaultBranch;
      start = (await git.revParse(`refs/remotes/origin/${from}`)) ?? (await git.revParse(from));
      if (start === null && from !== defaultBranch)
        throw new Error(`createRepo: cannot cut ${branch} from ${from}`);
    }
    if (start === null) {
      // origin is empty: the first commit starts the history.
      await git.run(['checkout', '-q', '--orphan', branch]);
      await git.run(['rm', '-rfq', '--ignore-unmatch', '.']);
    } else {
      await git.run(['checkout', '-q', '-f', '-B', branch, start]);
    }
    await git.run(['clean', '-qfdx']);
    for (const [path, content] of Object.entries(files)) {
      const full = join(work, path);
      if (content === null) {
        await rm(full, { force: true });
      } else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
    await git.run(['add', '-A']);
    const author = identity(commitOptions.author);
    const date = commitOptions.date ?? new Date(FIXTURE_EPOCH + clock * 60_000).toISOString();
    clock++;
    const message = commitOptions.message ?? `Update ${Object.keys(files).join(', ') || branch}`;
    await git.run(['commit', '-q', '--allow-empty', '--no-verify', '-F', '-'], {
      input: message,
      env: {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    const sha = await git.run(['rev-parse', 'HEAD']);
    await git.run(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
    return sha;
  }

  async function clone(): Promise<string> {
    const path = join(root, `clone-${++clones}`);
    await new Git(root).run(['clone', '-q', '--no-tags', bare, path]);
    return path;
  }

  async function head(branch: string): Promise<string | null> {
    const refs = await git.lsRemote('origin', [`refs/heads/${branch}`]);
    return refs.get(`refs/heads/${branch}`) ?? null;
  }

  const repo: TestRepo = {
    bare,
    work,
    git,
    defaultBranch,
    commit,
    clone,
    head,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  if ((await head(defaultBranch)) === null) {
    await commit(defaultBranch, options.initialFiles ?? { 'README.md': '# widgets\n' }, {
      message: 'Initial commit',
    });
  }
  return repo;
}

function identity(author: CommitOptions['author']): GitIdentity {
  if (author === undefined) return DEFAULT_AUTHOR;
  if (typeof author !== 'string') return author;
  const slug =
    author
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'author';
  return { name: author, email: `${slug}@example.com` };
}
