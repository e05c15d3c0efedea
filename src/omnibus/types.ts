import type { Worker } from '../config/types.js';
import { ConfigurationError } from '../errors.js';
import type { OmnibusPlan } from './plan.js';

/** A commit as a report shows it. */
export interface CommitRef {
  sha: string;
  subject: string;
}

/** One side of a conflict: the worker being merged, `base`, an earlier-merged worker, or the omnibus branch itself. */
export interface ConflictSide {
  /** A worker id, `base`, or the omnibus branch name (commits made on it by hand). */
  name: string;
  branch: string;
  /** The conflicting paths this side changed. */
  paths: string[];
  /** This side's commits that touched those paths, newest first (at most a few). */
  commits: CommitRef[];
}

export interface MergeConflict {
  worker: string;
  /** Every path in conflict. */
  paths: string[];
  /** `base` when base's own changes conflict, and/or the earlier-merged workers that changed those paths. */
  conflictsWith: string[];
  /** The worker's own side first, then every other side. */
  sides: ConflictSide[];
  /** git's CONFLICT messages. */
  messages: string[];
}

export type OutcomeKind = 'merged' | 'already-merged' | 'skipped' | 'no-branch' | 'no-commits';

export interface WorkerOutcome {
  worker: Worker;
  position: number;
  /** Why the worker stands at this position in the order. */
  orderReason: string;
  kind: OutcomeKind;
  /** The branch head that was considered; null when the branch does not exist. */
  head: string | null;
  /** The merge commit made for the worker (kind `merged`). */
  commit: string | null;
  /** Why it was skipped (kind `skipped`). */
  skipReason: string | null;
  conflict: MergeConflict | null;
}

/** The `skipped` output's element (PRODUCT.md § Action 3). */
export interface SkippedWorker {
  worker: string;
  reason: string;
  paths: string[];
  conflictsWith: string[];
}

export interface BaseSync {
  /** `up-to-date`: base already in the omnibus; `fast-forward`: the omnibus was an ancestor of base; `merged`: a merge commit brought base in; `conflict`: base could not be merged in. */
  kind: 'up-to-date' | 'fast-forward' | 'merged' | 'conflict' | 'rebuilt';
  paths: string[];
}

export interface OmnibusResult {
  branch: string;
  base: string;
  baseSha: string;
  /** The omnibus branch on origin when read; null when it did not exist. */
  previousSha: string | null;
  /** The branch's sha after the run (on a dry run: the sha it would have). */
  sha: string;
  /** Whether the branch would change / changed. */
  changed: boolean;
  pushed: boolean;
  dryRun: boolean;
  rebuild: boolean;
  plan: OmnibusPlan;
  outcomes: WorkerOutcome[];
  baseSync: BaseSync;
  /** Commits on the omnibus branch that came from no worker branch and not from base. */
  handCommits: { kept: CommitRef[]; dropped: CommitRef[] };
  /** 1, or 2 when the remote moved during the first attempt and the run started over. */
  attempts: number;
  merged: string[];
  skipped: SkippedWorker[];
}

/** The run refuses to go on (a conflict with `on-conflict: fail`, a rebuild that would drop hand commits, the remote moved). Nothing was pushed. */
export class OmnibusRefusal extends ConfigurationError {
  constructor(
    message: string,
    readonly result: OmnibusResult | null = null,
  ) {
    super(message);
    this.name = 'OmnibusRefusal';
  }
}
