import { execFileSync } from 'node:child_process';
import { Git, type GitIdentity } from '../src/git/git.js';
import { isoSeconds } from './model.js';

/** Read live from the bare repository on every call, so pushes by clients are seen at once. */

export interface Signature {
  name: string;
  email: string;
  date: string;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  sha: string | null;
  previousFilename?: string;
}

export interface Comparison {
  mergeBase: string | null;
  aheadBy: number;
  behindBy: number;
  status: 'identical' | 'ahead' | 'behind' | 'diverged';
  /** Commits in head not in base, oldest first (as GitHub lists them). */
  commits: CommitInfo[];
  files: FileChange[];
}

export type TreeEntry = {
  type: 'file' | 'dir' | 'symlink' | 'submodule';
  name: string;
  path: string;
  sha: string;
  size: number;
};

export type Content =
  | { type: 'file'; path: string; name: string; sha: string; size: number; content: Buffer }
  | { type: 'dir'; path: string; name: string; sha: string; entries: TreeEntry[] };

export type MergeOutcome = { sha: string } | { conflict: string[] };

const LOG_FORMAT = '%H%x1f%T%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B';
const HEX = /^[0-9a-f]{4,40}$/i;

export class GitRepo {
  readonly git: Git;

  constructor(readonly path: string) {
    this.git = new Git(path);
  }

  /** Resolves a branch, tag, full ref or (abbreviated) sha to a commit sha. */
  async resolve(rev: string): Promise<string | null> {
    for (const candidate of candidates(rev)) {
      const sha = await this.git.revParse(candidate);
      if (sha) return sha;
    }
    return null;
  }

  /** Same as resolve, synchronously (for store seeding helpers that must stay synchronous). */
  resolveSync(rev: string): string | null {
    for (const candidate of candidates(rev)) {
      try {
        const out = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], {
          cwd: this.path,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        if (out.trim()) return out.trim();
      } catch {
        // not this candidate
      }
    }
    return null;
  }

  async branchSha(branch: string): Promise<string | null> {
    return this.git.revParse(`refs/heads/${branch}`);
  }

  branchShaSync(branch: string): string | null {
    return this.resolveSync(`refs/heads/${branch}`);
  }

  /** Every branch: `refs/heads/<name>` -> sha, in one git call. */
  async headsMap(): Promise<Map<string, string>> {
    return new Map((await this.listRefs('refs/heads/')).map((r) => [r.ref, r.sha]));
  }

  /** Full refs under a prefix (e.g. `refs/heads/`), sorted by name. */
  async listRefs(prefix = 'refs/'): Promise<{ ref: string; sha: string; type: string }[]> {
    const out = await this.git.run([
      'for-each-ref',
      '--format=%(refname)%09%(objectname)%09%(objecttype)',
      prefix,
    ]);
    if (out === '') return [];
    return out.split('\n').map((line) => {
      const [ref = '', sha = '', type = ''] = line.split('\t');
      return { ref, sha, type };
    });
  }

  /**
   * Commits by full sha, read with one `git log --no-walk` for all shas asked for in the same tick
   * (a GraphQL query over many branches asks for many commits at once).
   */
  commitBySha(sha: string): Promise<CommitInfo | null> {
    if (!this.batch) {
      const batch = { shas: new Set<string>(), result: null as Promise<Map<string, CommitInfo>> | null };
      this.batch = batch;
      batch.result = new Promise((resolve) => setImmediate(resolve)).then(async () => {
        this.batch = null;
        const wanted = [...batch.shas];
        const found = new Map<string, CommitInfo>();
        // Unknown shas make git log fail as a whole: check existence first.
        const check = await this.git.exec(['cat-file', '--batch-check'], { input: wanted.join('\n') + '\n' });
        const present = wanted.filter((sha, i) => !(check.stdout.split('\n')[i] ?? '').endsWith('missing'));
        const commits = present.length > 0 ? await this.log(present, { noWalk: true }) : [];
        for (const c of commits) found.set(c.sha, c);
        return found;
      });
    }
    this.batch.shas.add(sha);
    const result = this.batch.result as Promise<Map<string, CommitInfo>>;
    return result.then((found) => found.get(sha) ?? null);
  }

  private batch: { shas: Set<string>; result: Promise<Map<string, CommitInfo>> | null } | null = null;

  async commit(rev: string): Promise<CommitInfo | null> {
    const sha = HEX.test(rev) && rev.length === 40 ? rev : await this.resolve(rev);
    if (!sha) return null;
    const commits = await this.log([sha], { max: 1, noWalk: true });
    return commits[0] ?? null;
  }

  /** `git log` over the given revisions; newest first. */
  async log(
    revs: string[],
    options: {
      max?: number;
      skip?: number;
      path?: string;
      since?: string;
      until?: string;
      noWalk?: boolean;
      firstParent?: boolean;
    } = {},
  ): Promise<CommitInfo[]> {
    const args = ['log', '-z', `--format=${LOG_FORMAT}`];
    if (options.noWalk) args.push('--no-walk');
    if (options.firstParent) args.push('--first-parent');
    if (options.max !== undefined) args.push(`--max-count=${options.max}`);
    if (options.skip) args.push(`--skip=${options.skip}`);
    if (options.since) args.push(`--since=${options.since}`);
    if (options.until) args.push(`--until=${options.until}`);
    args.push(...revs, '--');
    if (options.path) args.push(options.path);
    const result = await this.git.exec(args);
    if (result.exitCode !== 0) return [];
    return result.stdout
      .split('\0')
      .filter((record) => record.trim() !== '')
      .map(parseCommit);
  }

  async count(range: string[]): Promise<number> {
    const result = await this.git.exec(['rev-list', '--count', ...range]);
    return result.exitCode === 0 ? Number(result.stdout.trim()) : 0;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return this.git.isAncestor(ancestor, descendant);
  }

  /** Commits of head that base lacks (ahead) and of base that head lacks (behind), in one git call. */
  async aheadBehind(baseSha: string, headSha: string): Promise<{ aheadBy: number; behindBy: number }> {
    const out = await this.git.run(['rev-list', '--left-right', '--count', `${baseSha}...${headSha}`]);
    const [behind = '0', ahead = '0'] = out.trim().split(/\s+/);
    return { aheadBy: Number(ahead), behindBy: Number(behind) };
  }

  /** Compares head against base as GitHub's compare API does (three-dot: from the merge base). */
  async compare(
    baseSha: string,
    headSha: string,
    options: { withCommits?: boolean; withFiles?: boolean; withMergeBase?: boolean } = {},
  ): Promise<Comparison> {
    const { aheadBy, behindBy } = await this.aheadBehind(baseSha, headSha);
    const mergeBase =
      options.withMergeBase === false && options.withFiles === false
        ? null
        : await this.git.mergeBase(baseSha, headSha);
    const status =
      aheadBy === 0 && behindBy === 0
        ? 'identical'
        : behindBy === 0
          ? 'ahead'
          : aheadBy === 0
            ? 'behind'
            : 'diverged';
    const commits =
      options.withCommits === false ? [] : (await this.log([headSha, `^${baseSha}`], { max: 250 })).reverse();
    const files = options.withFiles === false || !mergeBase ? [] : await this.diffFiles(mergeBase, headSha);
    return { mergeBase, aheadBy, behindBy, status, commits, files };
  }

  /** Files changed from a to b with line counts. */
  async diffFiles(a: string, b: string): Promise<FileChange[]> {
    const [numstat, raw] = await Promise.all([
      this.git.run(['diff', '--numstat', '-z', '--no-renames', a, b]),
      this.git.run(['diff', '--raw', '-z', '--no-renames', '--abbrev=40', a, b]),
    ]);
    const counts = new Map<string, [number, number]>();
    for (const record of numstat.split('\0')) {
      const [adds, dels, file] = record.split('\t');
      if (file !== undefined) counts.set(file, [Number(adds) || 0, Number(dels) || 0]);
    }
    const parts = raw.split('\0');
    const files: FileChange[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const meta = (parts[i] ?? '').split(' ');
      const filename = parts[i + 1] ?? '';
      const letter = (meta[4] ?? 'M')[0];
      const status = letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified';
      const [additions, deletions] = counts.get(filename) ?? [0, 0];
      const blob = status === 'removed' ? null : (meta[3] ?? null);
      files.push({ filename, status, additions, deletions, changes: additions + deletions, sha: blob });
    }
    return files;
  }

  /** A file or directory at a ref, or null when the path does not exist there. */
  async content(ref: string, path: string): Promise<Content | null> {
    const sha = await this.resolve(ref);
    if (!sha) return null;
    const clean = path.replace(/^\/+|\/+$/g, '');
    const name = clean.split('/').pop() ?? '';
    if (clean === '')
      return {
        type: 'dir',
        path: '',
        name: '',
        sha: await this.git.run(['rev-parse', `${sha}^{tree}`]),
        entries: await this.tree(sha, ''),
      };
    const ls = await this.git.exec(['ls-tree', '-l', sha, '--', clean]);
    const line = ls.stdout.split('\n')[0];
    if (ls.exitCode !== 0 || !line) return null;
    const [meta = '', entryPath = ''] = line.split('\t');
    if (entryPath !== clean) return null;
    const [mode = '', type = '', objectSha = ''] = meta.split(/\s+/);
    if (type === 'tree')
      return { type: 'dir', path: clean, name, sha: objectSha, entries: await this.tree(sha, clean) };
    if (type !== 'blob' || mode === '120000') return null;
    const content = await this.blob(objectSha);
    return { type: 'file', path: clean, name, sha: objectSha, size: content.length, content };
  }

  private async tree(commitSha: string, dir: string): Promise<TreeEntry[]> {
    const treeish = dir === '' ? commitSha : `${commitSha}:${dir}`;
    const out = await this.git.run(['ls-tree', '-l', '-z', treeish]);
    return out
      .split('\0')
      .filter((l) => l !== '')
      .map((line) => {
        const [meta = '', entryName = ''] = line.split('\t');
        const [mode = '', type = '', sha = '', size = '0'] = meta.split(/\s+/);
        const kind =
          type === 'tree' ? 'dir' : type === 'commit' ? 'submodule' : mode === '120000' ? 'symlink' : 'file';
        return {
          type: kind,
          name: entryName,
          path: dir === '' ? entryName : `${dir}/${entryName}`,
          sha,
          size: Number(size) || 0,
        };
      });
  }

  private async blob(sha: string): Promise<Buffer> {
    const { execFile } = await import('node:child_process');
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        ['cat-file', 'blob', sha],
        { cwd: this.path, encoding: 'buffer', maxBuffer: 100 * 1024 * 1024 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
    });
  }

  /**
   * Merges `headSha` into `branch` like GitHub's merge button: a real merge commit (or a squash commit)
   * made with merge-tree + commit-tree, then update-ref with the old value as a lease.
   */
  async merge(
    branch: string,
    headSha: string,
    options: { message: string; method?: 'merge' | 'squash' | 'rebase'; author?: GitIdentity },
  ): Promise<MergeOutcome> {
    const baseSha = await this.branchSha(branch);
    if (!baseSha) throw new Error(`branch ${branch} does not exist`);
    const result = await this.git.mergeTree(baseSha, headSha);
    if (!result.clean) return { conflict: result.conflictedPaths };
    const parents =
      options.method === 'squash' || options.method === 'rebase' ? [baseSha] : [baseSha, headSha];
    const author = options.author ?? { name: 'GitHub', email: 'noreply@github.com' };
    const sha = await this.git.commitTree(result.tree, parents, options.message, {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: 'GitHub',
      GIT_COMMITTER_EMAIL: 'noreply@github.com',
    });
    await this.git.updateRef(`refs/heads/${branch}`, sha, baseSha);
    return { sha };
  }

  async updateRef(ref: string, sha: string, oldSha?: string): Promise<void> {
    await this.git.updateRef(ref, sha, oldSha);
  }

  async deleteRef(ref: string): Promise<void> {
    await this.git.run(['update-ref', '-d', ref]);
  }

  async objectExists(sha: string): Promise<boolean> {
    const result = await this.git.exec(['cat-file', '-e', `${sha}^{commit}`]);
    return result.exitCode === 0;
  }
}

function candidates(rev: string): string[] {
  if (rev.startsWith('refs/')) return [rev];
  const list = [`refs/heads/${rev}`, `refs/tags/${rev}`];
  if (rev.startsWith('heads/') || rev.startsWith('tags/')) list.unshift(`refs/${rev}`);
  if (HEX.test(rev)) list.push(rev);
  return list;
}

function parseCommit(record: string): CommitInfo {
  const [
    sha = '',
    tree = '',
    parents = '',
    an = '',
    ae = '',
    ad = '',
    cn = '',
    ce = '',
    cd = '',
    ...message
  ] = record.replace(/^\n/, '').split('\x1f');
  return {
    sha,
    tree,
    parents: parents === '' ? [] : parents.split(' '),
    author: { name: an, email: ae, date: isoSeconds(ad) },
    committer: { name: cn, email: ce, date: isoSeconds(cd) },
    message: message.join('\x1f').replace(/\n+$/, ''),
  };
}
