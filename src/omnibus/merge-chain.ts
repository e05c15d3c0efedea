import { BOT_IDENTITY, type Git, type GitIdentity } from '../git/git.js';
import type { Tip } from './merge-commit.js';

/** One worker to merge in a run of merges: its tip and the message of its merge commit. */
export interface ChainLink {
  tip: Tip;
  message: string;
}

export interface ChainResult {
  /** The merge commits made, one per link, in order, up to the first that did not merge clean. */
  commits: Tip[];
  /** Index of the first link that did not merge clean (to be handled one by one), or null. */
  stoppedAt: number | null;
}

// The same merge-tree + commit-tree as writeMergeCommit, looped in one shell: identity and dates come
// from the environment and arguments exactly as there, so both ways give the same commits.
const SCRIPT = `
cur=$1; cur_date=$2; shift 2
while [ $# -ge 3 ]; do
  tree=$(git merge-tree --write-tree "$cur" "$1") || { echo stop; exit 0; }
  if [ "$2" -gt "$cur_date" ]; then cur_date=$2; fi
  cur=$(GIT_AUTHOR_DATE="$cur_date +0000" GIT_COMMITTER_DATE="$cur_date +0000" git commit-tree "$tree" -p "$cur" -p "$1" -m "$3") || exit 3
  echo "$cur $cur_date"
  shift 3
done
`;

/**
 * Merges the links one after another onto `start` with `git merge-tree` + `git commit-tree` in a
 * single shell process, stopping at the first merge that is not clean. Starting a process from Node
 * costs more than a merge-tree on a large repository, so a run of clean merges costs one start
 * instead of two per worker. Throws when no POSIX shell is available (the caller merges one by one).
 */
export async function mergeChain(
  git: Git,
  start: Tip,
  links: readonly ChainLink[],
  identity: GitIdentity = BOT_IDENTITY,
): Promise<ChainResult> {
  if (links.length === 0) return { commits: [], stoppedAt: null };
  const args = [start.sha, String(start.committedAt)];
  for (const link of links) {
    args.push(
      link.tip.sha,
      String(link.tip.committedAt),
      link.message.endsWith('\n') ? link.message : `${link.message}\n`,
    );
  }
  const result = await git.shell(SCRIPT, args, {
    env: {
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    },
  });
  if (result.exitCode !== 0)
    throw new Error(`merge chain failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  const commits: Tip[] = [];
  let stoppedAt: number | null = null;
  for (const line of result.stdout.split('\n')) {
    if (line === 'stop') {
      stoppedAt = commits.length;
      break;
    }
    const [sha, date] = line.split(' ');
    if (sha && date) commits.push({ sha, committedAt: Number(date) });
  }
  if (stoppedAt === null && commits.length !== links.length) {
    throw new Error(`merge chain made ${commits.length} of ${links.length} merges: ${result.stderr.trim()}`);
  }
  return { commits, stoppedAt };
}
