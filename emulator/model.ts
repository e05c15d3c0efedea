/** The emulator's in-memory records. REST and GraphQL render them in GitHub's shapes. */

export type PullRequestState = 'open' | 'closed';

export interface PullRequest {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  state: PullRequestState;
  draft: boolean;
  locked: boolean;
  /** Head branch name (in `headRepoFullName`). */
  head: string;
  /** `owner/repo` the head branch lives in; differs from the base repository for a fork. */
  headRepoFullName: string;
  /** Base branch name. */
  base: string;
  user: string;
  labels: string[];
  requestedReviewers: string[];
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The head sha last seen. While the PR is open and its branch exists the live branch wins;
   * once closed or merged GitHub freezes the head, and so do we.
   */
  headSha: string | null;
  /** Base sha frozen at close/merge time. */
  baseSha: string | null;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface Review {
  id: number;
  nodeId: string;
  pullNumber: number;
  user: string;
  state: ReviewState;
  body: string;
  commitId: string;
  submittedAt: string | null;
}

/** A dismissal of a review: a ReviewDismissedEvent in the pull request's timeline. */
export interface ReviewDismissal {
  id: number;
  nodeId: string;
  pullNumber: number;
  reviewId: number;
  /** The state the review had before (APPROVED or CHANGES_REQUESTED). */
  previousState: ReviewState;
  message: string;
  /** Login of who dismissed it. */
  actor: string;
  createdAt: string;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type CheckConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure';

export interface CheckRun {
  id: number;
  nodeId: string;
  headSha: string;
  name: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  detailsUrl: string | null;
  externalId: string;
  startedAt: string | null;
  completedAt: string | null;
  checkSuiteId: number;
  appSlug: string;
  output: { title: string | null; summary: string | null; text: string | null };
}

export interface CheckSuite {
  id: number;
  nodeId: string;
  headSha: string;
  headBranch: string | null;
  appSlug: string;
  workflowRunId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowRun {
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  headBranch: string | null;
  event: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  runNumber: number;
  runAttempt: number;
  workflowId: number;
  path: string;
  actor: string;
  pullRequests: number[];
  createdAt: string;
  updatedAt: string;
}

export type StatusState = 'success' | 'pending' | 'failure' | 'error';

export interface CommitStatus {
  id: number;
  nodeId: string;
  sha: string;
  context: string;
  state: StatusState;
  targetUrl: string | null;
  description: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface Issue {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  user: string;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface IssueComment {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export type Permission =
  'issues' | 'pull_requests' | 'contents' | 'checks' | 'statuses' | 'actions' | 'metadata';
export type AccessLevel = 'read' | 'write';

export interface RepoSettings {
  /** "Allow GitHub Actions to create and approve pull requests". */
  actionsCanApprove: boolean;
  /** Branch protection's required approving review count on the default branch; 0 = no review required. */
  requiredApprovingReviewCount: number;
  /** Whether the repository allows each merge method. */
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
}

/** GitHub's timestamps: ISO 8601, UTC, seconds precision. */
export function isoSeconds(date: Date | string | number = new Date()): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isBotLogin(login: string): boolean {
  return login.endsWith('[bot]');
}

/** A stable pseudo node id: GitHub's are opaque base64 strings prefixed by type. */
export function nodeIdFor(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`0:${id}`).toString('base64url')}`;
}
