import type { Git } from '../git/git.js';
import type { CommitRef } from './types.js';

/**
 * Commits on the omnibus branch that came from neither base nor any worker branch: commits made on it
 * by hand (conflict fixes), and merge commits whose tree is not what a clean automatic merge of their
 * parents gives (a conflict resolved by hand, or edits folded into a merge). Automatic merges — ours —
 * are recomputed and left out, since a rebuild makes them again.
 */
export async function findHandCommits(
  git: Git,
  omnibusSha: string,
  baseSha: string,
  workerHeads: readonly string[],
): Promise<CommitRef[]> {
  const exclude = [baseSha, ...workerHeads].map((s) => `^${s}`);
  const lines = await git.logFormat([omnibusSha, ...exclude], '%H%x09%T%x09%P%x09%s');
  const hand: CommitRef[] = [];
  for (const line of lines) {
    const [sha = '', tree = '', parentList = '', subject = ''] = line.split('\t');
    const parents = parentList.split(' ').filter((p) => p !== '');
    if (parents.length === 2 && (await isAutomaticMerge(git, tree, parents[0]!, parents[1]!))) continue;
    hand.push({ sha, subject });
  }
  return hand;
}

async function isAutomaticMerge(git: Git, tree: string, ours: string, theirs: string): Promise<boolean> {
  const merge = await git.mergeTree(ours, theirs);
  return merge.clean && merge.tree === tree;
}
