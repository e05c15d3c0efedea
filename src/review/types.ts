import type { ChecksVerdict, CommitChecks } from '../checks/index.js';
import type { OrchestratorConfig } from '../config/types.js';

/** What auto-review decided about one pull request (PRODUCT.md § Action 2). */
export type ReviewDecision = 'approved' | 'already-approved' | 'waiting' | 'blocked' | 'skipped';
export const REVIEW_DECISIONS: readonly ReviewDecision[] = [
  'approved',
  'already-approved',
  'waiting',
  'blocked',
  'skipped',
];

/** The facts of a pull request the decision needs, as read from the API (never from the event). */
export interface PullRequestFacts {
  number: number;
  /** open | closed | merged (any case) */
  state: string;
  draft: boolean;
  headRef: string;
  /** The head commit read from the API: the commit whose checks are evaluated. */
  headSha: string;
  baseRef: string;
  /** The head branch lives in another repository. */
  fromFork: boolean;
  url?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewFacts {
  id: number;
  /** Login of the reviewer; null for a deleted account. */
  user: string | null;
  state: string;
  /** The commit the review was given on. */
  commitId: string | null;
  /** Given by auto-review itself (its hidden marker is in the body). */
  ours: boolean;
  submittedAt?: string | null;
  /** Who dismissed it (a DISMISSED review), when the timeline says. */
  dismissedBy?: string | null;
  /**
   * Dismissed by auto-review itself because the head moved while it approved: its tag is in the
   * dismissal message and the dismissal was made by the review's own author. Absent means no.
   */
  dismissedByUs?: boolean;
}

/** Who is deciding: the run whose own check runs must not count. */
export interface RunIdentity {
  runId: number | null;
  /** The job's check-run name (GITHUB_JOB unless the job has a `name:`). */
  jobName: string | null;
}

export interface DecideInput {
  pr: PullRequestFacts;
  /** The head commit's check runs and statuses; null when not read (a PR skipped before reading). */
  checks: CommitChecks | null;
  reviews: ReviewFacts[];
  config: OrchestratorConfig;
  /** The base branch, resolved (the config's `base`, else the repository's default branch). */
  base: string;
  run: RunIdentity;
  minChecks: number;
  requiredChecks: string[];
  /** The head read again after the checks (or after approving); differs from pr.headSha when it moved. */
  headNow?: string | null;
}

export interface DecideResult {
  decision: ReviewDecision;
  /** One or two sentences a person understands. */
  reason: string;
  /** The commit decided about (pr.headSha). */
  sha: string;
  /** The worker whose branch the PR comes from, when it is one. */
  worker: string | null;
  /** Null when the checks were not evaluated (skipped). */
  verdict: ChecksVerdict | null;
}
