import { getExecOutput } from '@actions/exec';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface GitIdentity {
  name: string;
  email: string;
}

/** The identity our commits carry unless the caller gives another. */
export const BOT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    super(
      `git ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
    this.name = 'GitError';
  }
}

export interface MergeTreeResult {
  clean: boolean;
  /** The merged tree (written even when there are conflicts, with conflict markers). */
  tree: string;
  /** Paths with conflicts; empty when clean. */
  conflictedPaths: string[];
  /** git's informational messages ("CONFLICT (content): ..."). */
  messages: string[];
}

/**
 * Inherited variables that would override what a Git instance stands for: its repository (the
 * working directory decides, not GIT_DIR and friends, as set inside git hooks) and its identity
 * (GIT_AUTHOR_* / GIT_COMMITTER_* beat `-c user.name`). Callers may still pass them in `env`.
 */
const IGNORED_ENV = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
]);

/**
 * One method per git verb over a single exec. Identity is passed with `-c` per command so the
 * repository's config is never changed. Commands never prompt.
 */
export class Git {
  constructor(
    readonly cwd: string,
    private readonly identity: GitIdentity = BOT_IDENTITY,
  ) {}

  /** Runs git; never throws on a non-zero exit. */
  async exec(
    args: string[],
    options: { input?: string; env?: Record<string, string> } = {},
  ): Promise<GitResult> {
    const fullArgs = [
      '-c',
      `user.name=${this.identity.name}`,
      '-c',
      `user.email=${this.identity.email}`,
      '-c',
      'core.quotePath=false',
      ...args,
    ];
    const result = await getExecOutput('git', fullArgs, {
      cwd: this.cwd,
      ignoreReturnCode: true,
      silent: true,
      env: gitEnvironment(options.env),
      input: options.input === undefined ? undefined : Buffer.from(options.input),
    });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * Runs a POSIX shell script (`sh -c script sh ...args`) in the repository, with the environment
   * git commands get; never throws on a non-zero exit. For loops of many small git commands: starting
   * a process from Node costs more than most git commands do. The script sets identity itself.
   */
  async shell(
    script: string,
    args: string[] = [],
    options: { env?: Record<string, string> } = {},
  ): Promise<GitResult> {
    const result = await getExecOutput('sh', ['-c', script, 'sh', ...args], {
      cwd: this.cwd,
      ignoreReturnCode: true,
      silent: true,
      env: gitEnvironment(options.env),
    });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs git and throws GitError on a non-zero exit; returns trimmed stdout. */
  async run(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
    const result = await this.exec(args, options);
    if (result.exitCode !== 0) throw new GitError(args, result);
    return result.stdout.replace(/\n$/, '');
  }

  async init(bare = false, initialBranch = 'main'): Promise<void> {
    await this.run(['init', '-q', ...(bare ? ['--bare'] : []), '-b', initialBranch]);
  }

  async fetch(remote: string, refspecs: string[], options: { prune?: boolean } = {}): Promise<void> {
    await this.run([
      'fetch',
      '--no-tags',
      '--quiet',
      ...(options.prune ? ['--prune'] : []),
      remote,
      ...refspecs,
    ]);
  }

  /**
   * Pushes `sha` to `refs/heads/<branch>` on `remote`. With `expectedRemoteSha` the push carries a lease:
   * git refuses it unless the remote branch is still at that sha ('' means "must not exist").
   */
  async push(
    remote: string,
    sha: string,
    branch: string,
    options: { expectedRemoteSha?: string; force?: boolean } = {},
  ): Promise<GitResult> {
    const ref = `refs/heads/${branch}`;
    const args = ['push', '--porcelain', remote];
    if (options.expectedRemoteSha !== undefined)
      args.splice(1, 0, `--force-with-lease=${ref}:${options.expectedRemoteSha}`);
    args.push(`${options.force ? '+' : ''}${sha}:${ref}`);
    return this.exec(args);
  }

  /** The sha a revision names, or null when it names nothing. */
  async revParse(rev: string): Promise<string | null> {
    const result = await this.exec(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.exec(['merge-base', '--is-ancestor', ancestor, descendant]);
    if (result.exitCode > 1)
      throw new GitError(['merge-base', '--is-ancestor', ancestor, descendant], result);
    return result.exitCode === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const result = await this.exec(['merge-base', a, b]);
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  /** `git rev-list` with the given arguments; one sha per element. */
  async revList(args: string[]): Promise<string[]> {
    const out = await this.run(['rev-list', ...args]);
    return out === '' ? [] : out.split('\n');
  }

  async countCommits(range: string): Promise<number> {
    return Number(await this.run(['rev-list', '--count', range]));
  }

  /** Paths changed between two commits (as `git diff --name-only a b`). */
  async diffNames(a: string, b: string): Promise<string[]> {
    const out = await this.run(['diff', '--name-only', '--no-renames', a, b]);
    return out === '' ? [] : out.split('\n');
  }

  /** A three-way merge computed without touching a working tree. */
  async mergeTree(ours: string, theirs: string): Promise<MergeTreeResult> {
    const args = ['merge-tree', '--write-tree', '--name-only', '--messages', ours, theirs];
    const result = await this.exec(args);
    if (result.exitCode !== 0 && result.exitCode !== 1) throw new GitError(args, result);
    const [head = '', rest = ''] = splitOnce(result.stdout, '\n\n');
    const lines = head.split('\n').filter((l) => l !== '');
    const tree = lines.shift() ?? '';
    // git 2.39 answers an unknown revision with exit 1 (as for a conflict) and no tree.
    if (!/^[0-9a-f]{40,64}$/.test(tree)) throw new GitError(args, result);
    const messages = rest.split('\n').filter((l) => l !== '');
    return { clean: result.exitCode === 0, tree, conflictedPaths: [...new Set(lines)], messages };
  }

  async commitTree(
    tree: string,
    parents: string[],
    message: string,
    env: Record<string, string> = {},
  ): Promise<string> {
    const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'];
    // As `git commit` does, the stored message ends with a newline.
    return this.run(args, { input: message.endsWith('\n') ? message : `${message}\n`, env });
  }

  async updateRef(ref: string, sha: string, oldSha?: string): Promise<void> {
    await this.run(['update-ref', ref, sha, ...(oldSha === undefined ? [] : [oldSha])]);
  }

  async logFormat(args: string[], format: string): Promise<string[]> {
    const out = await this.run(['log', `--format=${format}`, ...args]);
    return out === '' ? [] : out.split('\n');
  }

  async lsRemote(remote: string, patterns: string[] = []): Promise<Map<string, string>> {
    const out = await this.run(['ls-remote', remote, ...patterns]);
    const refs = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [sha, ref] = line.split('\t');
      if (sha && ref) refs.set(ref, sha);
    }
    return refs;
  }

  async writeCommitGraph(): Promise<void> {
    await this.exec(['commit-graph', 'write', '--reachable']);
  }
}

function gitEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !IGNORED_ENV.has(k)) env[k] = v;
  }
  return Object.assign(env, { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, extra);
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
