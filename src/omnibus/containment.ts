import type { Git } from '../git/git.js';

/**
 * Which worker tips the omnibus already holds, decided for all workers with three git calls instead
 * of two per worker (process start-up dominates the cost of a merge). The commit being built is the
 * start commit plus merged worker tips, so a tip is contained in it exactly when the start holds it
 * or an earlier-merged tip reaches it; only tips that another tip reaches (or that two workers share)
 * need asking again as the run goes.
 */
export class Containment {
  private constructor(
    private readonly inBaseSet: ReadonlySet<string>,
    private readonly inStartSet: ReadonlySet<string>,
    private readonly ask: ReadonlySet<string>,
  ) {}

  static async compute(
    git: Git,
    refs: readonly string[],
    tips: readonly string[],
    baseSha: string,
    startSha: string,
  ): Promise<Containment> {
    if (tips.length === 0) return new Containment(new Set(), new Set(), new Set());
    const inBase = await mergedInto(git, refs, baseSha);
    const inStart = startSha === baseSha ? inBase : await mergedInto(git, refs, startSha);
    const unique = [...new Set(tips)];
    const independent = new Set((await git.run(['merge-base', '--independent', ...unique])).split('\n'));
    const ask = new Set(unique.filter((t) => !independent.has(t)));
    for (const t of unique) if (tips.indexOf(t) !== tips.lastIndexOf(t)) ask.add(t);
    return new Containment(inBase, inStart, ask);
  }

  /** Base holds the tip: the worker has no commits of its own. */
  inBase(tip: string): boolean {
    return this.inBaseSet.has(tip);
  }

  /** Neither base nor the start holds the tip, and no other tip reaches it: it is new to the omnibus branch. */
  surelyNew(tip: string): boolean {
    return !this.inBaseSet.has(tip) && !this.inStartSet.has(tip) && !this.ask.has(tip);
  }

  async contained(git: Git, tip: string, current: string): Promise<boolean> {
    if (this.inStartSet.has(tip)) return true;
    return this.ask.has(tip) ? git.isAncestor(tip, current) : false;
  }
}

async function mergedInto(git: Git, refs: readonly string[], sha: string): Promise<Set<string>> {
  const out = await git.run(['for-each-ref', '--format=%(objectname)', `--merged=${sha}`, ...refs]);
  return new Set(out.split('\n').filter((l) => l !== ''));
}
