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
  const commits = lines.map((line) => {
    const [sha = '', tree = '', parentList = '', subject = ''] = line.split('\t');
    return { sha, tree, parents: parentList.split(' ').filter((p) => p !== ''), subject };
  });
  const merges = commits.filter((c) => c.parents.length === 2);
  const automatic = await automaticMerges(git, merges);
  return commits.filter((c) => !automatic.has(c.sha)).map(({ sha, subject }) => ({ sha, subject }));
}

interface MergeCommit {
  sha: string;
  tree: string;
  parents: string[];
}

// Recomputes every merge in one shell process: one merge-tree each, and one process start in all.
const SCRIPT = `
while [ $# -ge 4 ]; do
  t=$(git merge-tree --write-tree "$3" "$4") && [ "$t" = "$2" ] && echo "$1"
  shift 4
done
exit 0
`;

/** The merge commits whose tree a clean merge-tree of their two parents reproduces. */
async function automaticMerges(git: Git, merges: MergeCommit[]): Promise<Set<string>> {
  if (merges.length === 0) return new Set();
  try {
    const result = await git.shell(
      SCRIPT,
      merges.flatMap((m) => [m.sha, m.tree, m.parents[0]!, m.parents[1]!]),
    );
    if (result.exitCode === 0) return new Set(result.stdout.split('\n').filter((l) => l !== ''));
  } catch {
    // No POSIX shell: one git process per merge below.
  }
  const automatic = new Set<string>();
  for (const m of merges) {
    const merge = await git.mergeTree(m.parents[0]!, m.parents[1]!);
    if (merge.clean && merge.tree === m.tree) automatic.add(m.sha);
  }
  return automatic;
}
