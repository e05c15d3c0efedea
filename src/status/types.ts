/** The observed facts about a worker and the status document built from them (PRODUCT.md § Worker status). */
import type { Priority, WorkerStatus } from '../config/types.js';

export type CiState = 'success' | 'failure' | 'pending' | 'none';
export type ReviewDecision = 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED';
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewFact {
  author: string;
  state: ReviewState;
  submittedAt: string | null;
}

export interface PullRequestFact {
  number: number;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  mergedAt: string | null;
  /** The branch head GitHub recorded for the PR (at merge time for a merged PR). */
  headRefOid: string;
  baseRefName: string;
  updatedAt: string | null;
  /** GitHub's value; null where the repository requires no reviews. */
  reviewDecision: ReviewDecision | null;
  /** Reviews; only the latest opinion per reviewer counts, so any superset of the latest ones is fine. */
  reviews: ReviewFact[];
}

export interface CommitFact {
  sha: string;
  date: string;
  author: string;
  message: string;
}

/**
 * Where the branch's commits stand relative to base and the omnibus branch. Answered by git when a
 * checkout is present, otherwise by the API (see README: "How status is decided").
 */
export interface Containment {
  /** The head is base's head or a commit of base's first-parent history: the branch has no commit of its own. */
  onBaseFirstParent: boolean;
  /** Every commit of the branch is reachable from base. */
  containedInBase: boolean;
  /** Every commit of the branch is reachable from the omnibus branch (false when it does not exist). */
  containedInOmnibus: boolean;
}

export interface WorkerFacts {
  /** null: the branch does not exist. */
  head: string | null;
  lastCommit: CommitFact | null;
  ci: CiState;
  /** null when the branch does not exist. */
  containment: Containment | null;
  /** Commits of the branch base lacks / commits of base the branch lacks; null where unknown. */
  ahead: number | null;
  behind: number | null;
  /** Paths changed since the merge base with base; null where unknown. */
  filesChanged: number | null;
  /** PRs from the branch, any state, any order (also those found by name after the branch was deleted). */
  pullRequests: PullRequestFact[];
}

/** The facts of a worker whose branch does not exist and never had a PR. */
export const NO_FACTS: Readonly<WorkerFacts> = {
  head: null,
  lastCommit: null,
  ci: 'none',
  containment: null,
  ahead: null,
  behind: null,
  filesChanged: null,
  pullRequests: [],
};

export interface StatusContext {
  now: Date;
  staleAfterHours: number;
}

export interface WorkerFlags {
  stale: boolean;
  ci: CiState;
  draft: boolean;
}

export interface DerivedStatus {
  status: WorkerStatus;
  flags: WorkerFlags;
  /** Why: one short phrase per row of the table that holds, highest first. */
  reasons: string[];
  /** The PR shown for the worker: the open one, else the newest merged one, else null. */
  pr: PullRequestFact | null;
  /** Reviewers whose latest opinion on `pr` approves. */
  approvals: number;
}

// ---- The status document (output `status-json`), keys exactly as PRODUCT.md documents them ----

export interface StatusDocumentPr {
  number: number;
  url: string;
  draft: boolean;
  reviewDecision: ReviewDecision | null;
  approvals: number;
}

export interface WorkerReport {
  status: WorkerStatus;
  branch: string;
  role: string;
  priority: Priority;
  head: string | null;
  ahead: number | null;
  behind: number | null;
  filesChanged: number | null;
  lastCommit: CommitFact | null;
  pr: StatusDocumentPr | null;
  ci: CiState;
  stale: boolean;
  draft: boolean;
  /** null where it could not be computed (no git checkout). */
  conflictsWith: string[] | null;
}

export interface CheckpointReport {
  title: string;
  reached: boolean;
  /** What is still missing: one entry per worker below the required status. */
  missing: { worker: string; requires: WorkerStatus; status: WorkerStatus }[];
}

export type Totals = Record<WorkerStatus, number>;

export interface StatusDocument {
  version: 1;
  project: string;
  generatedAt: string;
  base: string;
  omnibus: { branch: string; exists: boolean; sha: string | null };
  workers: Record<string, WorkerReport>;
  checkpoints: Record<string, CheckpointReport>;
  totals: Totals;
}
