import type { Git } from '../git/git.js';
import type { CommitRef, ConflictSide, MergeConflict } from './types.js';

/** An earlier-merged worker, a candidate for the other side of a conflict. */
export interface MergedSide {
  id: string;
  branch: string;
  head: string;
}

export interface ConflictContext {
  git: Git;
  base: string;
  baseSha: string;
  omnibusBranch: string;
  /** The omnibus commit the worker was being merged into. */
  into: string;
  /** Workers whose commits the omnibus already holds, in merge order. */
  earlier: readonly MergedSide[];
}

const MAX_COMMITS_PER_SIDE = 5;

/**
 * Names what a worker's conflicting merge conflicts with, by trial merges: `base` when merging the
 * worker into base alone conflicts on those paths, else the earlier-merged workers whose own trial
 * merge with it conflicts there (or, when only their combination conflicts, those that changed the
 * paths); whatever no worker explains is put on the omnibus branch's own (hand-made) commits.
 */
export async function explainConflict(
  ctx: ConflictContext,
  worker: MergedSide,
  paths: string[],
  messages: string[],
): Promise<MergeConflict> {
  const { git } = ctx;
  const sides: ConflictSide[] = [];
  const open = new Set(paths);

  const withBase = await git.mergeTree(ctx.baseSha, worker.head);
  const basePaths = withBase.conflictedPaths.filter((p) => open.has(p));
  if (basePaths.length > 0) {
    const forkPoint = (await git.mergeBase(ctx.baseSha, worker.head)) ?? ctx.baseSha;
    sides.push({
      name: 'base',
      branch: ctx.base,
      paths: basePaths,
      commits: await commitsTouching(git, [ctx.baseSha, `^${forkPoint}`], basePaths),
    });
    basePaths.forEach((p) => open.delete(p));
  }

  if (open.size > 0) {
    const touched = new Map<string, string[]>();
    for (const other of ctx.earlier) {
      const own = new Set(
        await git.logFormat(['--no-merges', '--name-only', ...(await ownRange(ctx, other))], ''),
      );
      const hit = [...open].filter((p) => own.has(p));
      if (hit.length > 0) touched.set(other.id, hit);
    }
    const confirmed: { side: MergedSide; paths: string[] }[] = [];
    for (const other of ctx.earlier) {
      if (!touched.has(other.id)) continue;
      const trial = await git.mergeTree(other.head, worker.head);
      const hit = trial.conflictedPaths.filter((p) => open.has(p));
      if (hit.length > 0) confirmed.push({ side: other, paths: hit });
    }
    const explained = new Set(confirmed.flatMap((c) => c.paths));
    // Paths no single trial merge reproduces conflict only in combination: name every worker that changed them.
    for (const other of ctx.earlier) {
      const hit = (touched.get(other.id) ?? []).filter((p) => !explained.has(p));
      if (hit.length === 0) continue;
      const existing = confirmed.find((c) => c.side.id === other.id);
      if (existing) existing.paths.push(...hit);
      else confirmed.push({ side: other, paths: hit });
    }
    for (const c of confirmed) {
      sides.push({
        name: c.side.id,
        branch: c.side.branch,
        paths: c.paths,
        commits: await commitsTouching(git, await ownRange(ctx, c.side), c.paths),
      });
      c.paths.forEach((p) => open.delete(p));
    }
  }

  if (open.size > 0) {
    const rest = [...open];
    sides.push({
      name: ctx.omnibusBranch,
      branch: ctx.omnibusBranch,
      paths: rest,
      commits: await commitsTouching(
        git,
        [ctx.into, `^${ctx.baseSha}`, ...ctx.earlier.map((e) => `^${e.head}`)],
        rest,
      ),
    });
  }

  const own: ConflictSide = {
    name: worker.id,
    branch: worker.branch,
    paths,
    commits: await commitsTouching(git, await ownRange(ctx, worker), paths),
  };
  return {
    worker: worker.id,
    paths,
    conflictsWith: sides.map((s) => s.name),
    sides: [own, ...sides],
    messages,
  };
}

/**
 * A merged worker's own commits: not base's, and not those of the merged workers its branch was cut
 * from (such a branch carries that worker's commits, which must not be blamed on it).
 */
async function ownRange(ctx: ConflictContext, side: MergedSide): Promise<string[]> {
  const exclude = [`^${ctx.baseSha}`];
  for (const e of ctx.earlier) {
    if (e.id !== side.id && e.head !== side.head && (await ctx.git.isAncestor(e.head, side.head))) {
      exclude.push(`^${e.head}`);
    }
  }
  return [side.head, ...exclude];
}

async function commitsTouching(git: Git, range: string[], paths: string[]): Promise<CommitRef[]> {
  const lines = await git.logFormat(
    ['--no-merges', `--max-count=${MAX_COMMITS_PER_SIDE}`, ...range, '--', ...paths],
    '%H%x09%s',
  );
  return lines.map((line) => {
    const [sha = '', subject = ''] = line.split('\t');
    return { sha, subject };
  });
}
