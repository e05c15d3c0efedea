import { BOT_IDENTITY, type Git, type GitIdentity } from '../git/git.js';

/** A commit to build on, with its committer date (unix seconds). */
export interface Tip {
  sha: string;
  committedAt: number;
}

/**
 * Writes a two-parent merge commit for `tree` without touching any working tree. Identity is fixed and
 * the date is the newer parent's, so the same inputs always give the same commit (a dry run's sha is
 * the real run's sha; a rebuild with nothing new reproduces the branch exactly).
 */
export async function writeMergeCommit(
  git: Git,
  tree: string,
  ours: Tip,
  theirs: Tip,
  message: string,
  identity: GitIdentity = BOT_IDENTITY,
): Promise<Tip> {
  const committedAt = Math.max(ours.committedAt, theirs.committedAt);
  const date = `${committedAt} +0000`;
  const sha = await git.commitTree(tree, [ours.sha, theirs.sha], message, {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
    GIT_COMMITTER_DATE: date,
  });
  return { sha, committedAt };
}

export function workerMergeMessage(worker: { id: string; role: string; branch: string }): string {
  return (
    `Merge worker ${worker.id} (${worker.role}) from ${worker.branch}\n\n` +
    `Omnibus-Worker: ${worker.id}\nOmnibus-Role: ${worker.role}\nOmnibus-Branch: ${worker.branch}\n`
  );
}

export function baseMergeMessage(base: string, omnibus: string): string {
  return `Merge base ${base} into ${omnibus}\n\nOmnibus-Base: ${base}\n`;
}
