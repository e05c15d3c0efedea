import type { Git } from '../git/git.js';

/** A branch as fetched from the remote. */
export interface FetchedBranch {
  sha: string;
  /** Committer date, unix seconds. */
  committedAt: number;
}

export const trackingRef = (remote: string, branch: string): string => `refs/remotes/${remote}/${branch}`;

/**
 * Fetches the given branches from `remote` in one fetch (missing branches are fine) and returns
 * those that exist, keyed by branch name. Only branches the remote has right now count: a stale
 * remote-tracking ref of a deleted branch is never used. A shallow checkout is deepened.
 */
export async function fetchBranches(
  git: Git,
  remote: string,
  branches: readonly string[],
): Promise<Map<string, FetchedBranch>> {
  const wanted = [...new Set(branches)];
  const advertised = await git.lsRemote(
    remote,
    wanted.map((b) => `refs/heads/${b}`),
  );
  const present = wanted.filter((b) => advertised.has(`refs/heads/${b}`));
  if (present.length > 0) {
    const shallow = (await git.run(['rev-parse', '--is-shallow-repository'])) === 'true';
    await git.run([
      'fetch',
      '--no-tags',
      '--quiet',
      ...(shallow ? ['--unshallow'] : []),
      remote,
      ...present.map((b) => `+refs/heads/${b}:${trackingRef(remote, b)}`),
    ]);
  }
  const found = new Map<string, FetchedBranch>();
  if (present.length === 0) return found;
  const lines = await git.run([
    'for-each-ref',
    '--format=%(objectname) %(committerdate:unix) %(refname)',
    ...present.map((b) => trackingRef(remote, b)),
  ]);
  const byRef = new Map<string, FetchedBranch>();
  for (const line of lines.split('\n')) {
    const [sha, date, ref] = line.split(' ');
    if (sha && date && ref) byRef.set(ref, { sha, committedAt: Number(date) });
  }
  for (const b of present) {
    const got = byRef.get(trackingRef(remote, b));
    if (got) found.set(b, got);
  }
  return found;
}

export type PushOutcome = { ok: true } | { ok: false; moved: boolean; message: string };

/**
 * Pushes `sha` to the branch with a lease on `expected` (null: the branch must not exist), so a
 * branch that moved on the remote since it was read is never overwritten.
 */
export async function pushWithLease(
  git: Git,
  remote: string,
  branch: string,
  sha: string,
  expected: string | null,
): Promise<PushOutcome> {
  const result = await git.push(remote, sha, branch, { expectedRemoteSha: expected ?? '' });
  if (result.exitCode === 0) return { ok: true };
  const text = `${result.stdout}\n${result.stderr}`;
  const moved = /stale info|fetch first|non-fast-forward|already exists/.test(text);
  let message = result.stderr.trim() || result.stdout.trim();
  if (/workflow/i.test(text) && /permission|scope|refusing/i.test(text)) {
    message +=
      '\nThe token cannot push commits that touch .github/workflows/ (GITHUB_TOKEN never can): pass a token with the workflows permission through the `token` input.';
  }
  return { ok: false, moved, message };
}
