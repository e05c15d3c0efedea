import type { Worker } from '../config/types.js';
import { ConfigurationError } from '../errors.js';
import type { Git } from '../git/git.js';
import type { Logger } from '../logger.js';
import { explainConflict, type MergedSide } from './conflicts.js';
import { findHandCommits } from './hand-commits.js';
import { baseMergeMessage, type Tip, workerMergeMessage, writeMergeCommit } from './merge-commit.js';
import { planMergeOrder } from './plan.js';
import { Containment } from './containment.js';
import { mergeChain } from './merge-chain.js';
import { fetchBranches, pushWithLease, trackingRef } from './remote.js';
import {
  type BaseSync,
  type CommitRef,
  type OmnibusResult,
  OmnibusRefusal,
  type SkippedWorker,
  type WorkerOutcome,
} from './types.js';

export type OnConflict = 'skip' | 'fail';

export interface BuildOptions {
  git: Git;
  /** The remote to fetch from and push to. */
  remote?: string;
  base: string;
  omnibusBranch: string;
  /** In config order. */
  workers: readonly Worker[];
  onConflict: OnConflict;
  rebuild: boolean;
  force: boolean;
  dryRun: boolean;
  logger: Logger;
  /** Merge runs of clean merges in one shell process (default true); false: one git process per command. */
  chain?: boolean;
  /** Called just before the push (tests use it to move the remote under the run). */
  beforePush?: (attempt: number) => Promise<void>;
}

export const SKIP_REASON_CONFLICT = 'conflict';
export const SKIP_REASON_DEPENDS = 'depends on a skipped worker';

/**
 * Brings the omnibus branch up to date: fetches, merges every worker branch that has commits of its
 * own in plan order with `git merge-tree` + `git commit-tree` (no working tree), and pushes the
 * branch with a lease on the sha it read. If the branch moved on the remote meanwhile, a merge into it
 * starts over once from the new state (a second move is a refusal); a rebuild is refused at once, since
 * starting it over could drop what was just pushed. Nothing is ever overwritten.
 */
export async function buildOmnibus(options: BuildOptions): Promise<OmnibusResult> {
  assertDistinctBranches(options);
  const first = await attempt(options, 1);
  if (first.pushOutcome !== 'moved') return first.result;
  if (options.rebuild) {
    throw new OmnibusRefusal(
      `The omnibus branch ${options.omnibusBranch} moved on ${remoteOf(options)} while this run was rebuilding it ` +
        `(read at ${first.result.previousSha ?? '(absent)'}). Nothing was overwritten; look at what was pushed, then run again.`,
      first.result,
    );
  }
  options.logger.warning(
    `The omnibus branch ${options.omnibusBranch} moved on ${remoteOf(options)} while this run was building; starting over from its new state.`,
  );
  const second = await attempt(options, 2);
  if (second.pushOutcome !== 'moved') return second.result;
  throw new OmnibusRefusal(
    `The omnibus branch ${options.omnibusBranch} moved on ${remoteOf(options)} again while this run was building ` +
      `(read at ${second.result.previousSha ?? '(absent)'}). Nothing was overwritten; run again when nobody else pushes to it.`,
    second.result,
  );
}

const remoteOf = (o: BuildOptions): string => o.remote ?? 'origin';

function assertDistinctBranches(o: BuildOptions): void {
  for (const w of o.workers) {
    if (w.branch === o.omnibusBranch || w.branch === o.base) {
      throw new ConfigurationError(
        `Worker ${w.id}'s branch ${w.branch} is the ${w.branch === o.base ? 'base' : 'omnibus'} branch; a worker needs a branch of its own.`,
      );
    }
  }
  if (o.base === o.omnibusBranch)
    throw new ConfigurationError(`The omnibus branch must differ from base (${o.base}).`);
}

async function attempt(
  o: BuildOptions,
  attemptNo: number,
): Promise<{ result: OmnibusResult; pushOutcome: 'none' | 'pushed' | 'moved' }> {
  const { git, logger } = o;
  const remote = remoteOf(o);
  const fetched = await fetchBranches(git, remote, [
    o.base,
    o.omnibusBranch,
    ...o.workers.map((w) => w.branch),
  ]);
  const baseTip = fetched.get(o.base);
  if (!baseTip) throw new ConfigurationError(`The base branch ${o.base} does not exist on ${remote}.`);
  const omnibusTip = fetched.get(o.omnibusBranch) ?? null;
  logger.info(
    `Fetched ${fetched.size} branches from ${remote}; base ${o.base} at ${baseTip.sha}, ` +
      `omnibus ${o.omnibusBranch} ${omnibusTip ? `at ${omnibusTip.sha}` : 'absent'}.`,
  );
  // Merge bases and merge-tree walk history; a commit-graph makes that several times faster on deep histories.
  await git.writeCommitGraph();

  const workerHeads = o.workers
    .map((w) => fetched.get(w.branch)?.sha)
    .filter((s): s is string => s !== undefined);
  const hand = omnibusTip ? await findHandCommits(git, omnibusTip.sha, baseTip.sha, workerHeads) : [];
  const handCommits: { kept: CommitRef[]; dropped: CommitRef[] } = { kept: [], dropped: [] };

  let current: Tip;
  let baseSync: BaseSync;
  if (o.rebuild || !omnibusTip) {
    if (o.rebuild && hand.length > 0 && !o.force) {
      throw new OmnibusRefusal(
        `A rebuild of ${o.omnibusBranch} from ${o.base} would drop ${hand.length} commit(s) that come from no worker branch:\n` +
          hand.map((c) => `  ${c.sha.slice(0, 12)} ${c.subject}`).join('\n') +
          `\nNothing was changed. Merge into the existing branch (rebuild: false), or set force: true to drop them.`,
      );
    }
    handCommits.dropped = hand;
    current = baseTip;
    baseSync = { kind: omnibusTip ? 'rebuilt' : 'up-to-date', paths: [] };
  } else {
    handCommits.kept = hand;
    ({ current, baseSync } = await syncBase(o, omnibusTip, baseTip));
  }

  let useChain = o.chain ?? true;
  const plan = planMergeOrder(o.workers);
  const merged = o.dryRun ? 'merges clean: would merge' : 'merged';
  logger.info(
    `${o.dryRun ? 'Dry run. ' : ''}Merge order:\n` +
      plan.steps
        .map((st) => `  ${st.position}. ${st.worker.id} (${st.worker.branch}): ${st.reason}`)
        .join('\n'),
  );
  const present = o.workers.filter((w) => fetched.has(w.branch));
  const containment = await Containment.compute(
    git,
    present.map((w) => trackingRef(remote, w.branch)),
    present.map((w) => fetched.get(w.branch)!.sha),
    baseTip.sha,
    current.sha,
  );
  const outcomes: WorkerOutcome[] = [];
  const mergedSides: MergedSide[] = [];
  const skippedIds = new Set<string>();

  // Runs of clean merges are made in one process (mergeChain); results for the steps ahead wait here.
  const chained = new Map<number, Tip>();
  let chainStop = -1;
  const simple = (index: number): boolean => {
    const w = plan.steps[index]!.worker;
    const tip = fetched.get(w.branch);
    return tip !== undefined && containment.surelyNew(tip.sha) && !w.dependsOn.some((d) => skippedIds.has(d));
  };

  for (const [index, step] of plan.steps.entries()) {
    const { worker } = step;
    const tip = fetched.get(worker.branch);
    const outcome: WorkerOutcome = {
      worker,
      position: step.position,
      orderReason: step.reason,
      kind: 'no-branch',
      head: tip?.sha ?? null,
      commit: null,
      skipReason: null,
      conflict: null,
    };
    outcomes.push(outcome);
    if (!tip) {
      logger.info(`#${step.position} ${worker.id}: branch ${worker.branch} does not exist.`);
      continue;
    }
    const side: MergedSide = { id: worker.id, branch: worker.branch, head: tip.sha };
    if (containment.inBase(tip.sha)) {
      outcome.kind = 'no-commits';
      logger.info(`#${step.position} ${worker.id}: no commits of its own beyond ${o.base}.`);
      continue;
    }
    if (await containment.contained(git, tip.sha, current.sha)) {
      outcome.kind = 'already-merged';
      mergedSides.push(side);
      logger.info(`#${step.position} ${worker.id}: already merged.`);
      continue;
    }
    const skippedDeps = worker.dependsOn.filter((d) => skippedIds.has(d));
    if (skippedDeps.length > 0) {
      outcome.kind = 'skipped';
      outcome.skipReason = SKIP_REASON_DEPENDS;
      skippedIds.add(worker.id);
      logger.warning(
        `#${step.position} ${worker.id}: skipped, it depends on skipped ${skippedDeps.join(', ')}.`,
      );
      continue;
    }
    if (useChain && !chained.has(index) && index !== chainStop) {
      let end = index + 1;
      while (end < plan.steps.length && simple(end)) end++;
      const links = plan.steps.slice(index, end).map((s) => ({
        tip: fetched.get(s.worker.branch)!,
        message: workerMergeMessage(s.worker),
      }));
      try {
        const run = await mergeChain(git, current, links);
        run.commits.forEach((commit, k) => chained.set(index + k, commit));
        if (run.stoppedAt !== null) chainStop = index + run.stoppedAt;
      } catch (error) {
        useChain = false;
        logger.debug(`Merging one process per command: ${String(error)}`);
      }
    }
    const made = chained.get(index);
    if (made) {
      current = made;
      outcome.kind = 'merged';
      outcome.commit = current.sha;
      mergedSides.push(side);
      logger.info(`#${step.position} ${worker.id}: ${merged} ${worker.branch} as ${current.sha}.`);
      continue;
    }
    const merge = await git.mergeTree(current.sha, tip.sha);
    if (merge.clean) {
      current = await writeMergeCommit(git, merge.tree, current, tip, workerMergeMessage(worker));
      outcome.kind = 'merged';
      outcome.commit = current.sha;
      mergedSides.push(side);
      logger.info(`#${step.position} ${worker.id}: ${merged} ${worker.branch} as ${current.sha}.`);
      continue;
    }
    outcome.kind = 'skipped';
    outcome.skipReason = SKIP_REASON_CONFLICT;
    outcome.conflict = await explainConflict(
      {
        git,
        base: o.base,
        baseSha: baseTip.sha,
        omnibusBranch: o.omnibusBranch,
        into: current.sha,
        earlier: mergedSides,
      },
      side,
      merge.conflictedPaths,
      merge.messages,
    );
    skippedIds.add(worker.id);
    logger.warning(
      `#${step.position} ${worker.id}: conflicts with ${outcome.conflict.conflictsWith.join(', ')} in ${merge.conflictedPaths.join(', ')}; left out.`,
    );
  }

  const result: OmnibusResult = {
    branch: o.omnibusBranch,
    base: o.base,
    baseSha: baseTip.sha,
    previousSha: omnibusTip?.sha ?? null,
    sha: current.sha,
    // With no omnibus branch yet and nothing merged, there is nothing to create.
    changed: current.sha !== (omnibusTip?.sha ?? baseTip.sha),
    pushed: false,
    dryRun: o.dryRun,
    rebuild: o.rebuild,
    plan,
    outcomes,
    baseSync,
    handCommits,
    attempts: attemptNo,
    merged: outcomes
      .filter((x) => x.kind === 'merged' || x.kind === 'already-merged')
      .map((x) => x.worker.id),
    skipped: outcomes.filter((x) => x.kind === 'skipped').map(toSkipped),
  };

  const conflicts = outcomes.filter((x) => x.conflict !== null);
  if (o.onConflict === 'fail' && conflicts.length > 0) {
    throw new OmnibusRefusal(
      `on-conflict is fail and ${conflicts.length} worker(s) conflict: ` +
        conflicts
          .map(
            (x) =>
              `${x.worker.id} (${x.conflict!.paths.join(', ')} with ${x.conflict!.conflictsWith.join(', ')})`,
          )
          .join('; ') +
        '. Nothing was pushed.',
      result,
    );
  }
  if (!result.changed || o.dryRun) return { result, pushOutcome: 'none' };

  await o.beforePush?.(attemptNo);
  const pushed = await pushWithLease(git, remote, o.omnibusBranch, current.sha, omnibusTip?.sha ?? null);
  if (pushed.ok) {
    result.pushed = true;
    logger.info(`Pushed ${o.omnibusBranch} at ${current.sha}.`);
    return { result, pushOutcome: 'pushed' };
  }
  if (pushed.moved) return { result, pushOutcome: 'moved' };
  throw new OmnibusRefusal(`Could not push ${o.omnibusBranch}: ${pushed.message}`, result);
}

/** Brings base's new commits into the existing omnibus branch, so conflicts with base show up here, not on the PR. */
async function syncBase(
  o: BuildOptions,
  omnibus: Tip,
  base: Tip,
): Promise<{ current: Tip; baseSync: BaseSync }> {
  const { git } = o;
  if (await git.isAncestor(base.sha, omnibus.sha))
    return { current: omnibus, baseSync: { kind: 'up-to-date', paths: [] } };
  if (await git.isAncestor(omnibus.sha, base.sha)) {
    o.logger.info(
      `${o.omnibusBranch} is behind ${o.base} with nothing of its own: fast-forwarded to ${base.sha}.`,
    );
    return { current: base, baseSync: { kind: 'fast-forward', paths: [] } };
  }
  const merge = await git.mergeTree(omnibus.sha, base.sha);
  if (!merge.clean) {
    o.logger.warning(
      `${o.base} cannot be merged into ${o.omnibusBranch} (conflicts in ${merge.conflictedPaths.join(', ')}); ` +
        'workers are merged without it. Resolve it by hand on the omnibus branch, or rebuild.',
    );
    return { current: omnibus, baseSync: { kind: 'conflict', paths: merge.conflictedPaths } };
  }
  const current = await writeMergeCommit(
    git,
    merge.tree,
    omnibus,
    base,
    baseMergeMessage(o.base, o.omnibusBranch),
  );
  o.logger.info(`Merged ${o.base} into ${o.omnibusBranch} as ${current.sha}.`);
  return { current, baseSync: { kind: 'merged', paths: [] } };
}

function toSkipped(x: WorkerOutcome): SkippedWorker {
  if (x.conflict) {
    return {
      worker: x.worker.id,
      reason: SKIP_REASON_CONFLICT,
      paths: x.conflict.paths,
      conflictsWith: x.conflict.conflictsWith,
    };
  }
  return { worker: x.worker.id, reason: x.skipReason ?? SKIP_REASON_DEPENDS, paths: [], conflictsWith: [] };
}
