/** Plain data the check evaluation works on; `readChecks` fills it from the REST API, tests by hand. */

/** A check run as GitHub reports it (REST `check-run`, camelCased and trimmed to what we use). */
export interface CheckRunInfo {
  id: number;
  name: string;
  /** queued | in_progress | completed | waiting | requested | pending */
  status: string;
  /** success | neutral | skipped | failure | cancelled | timed_out | action_required | stale | startup_failure | null */
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  htmlUrl?: string | null;
  /** The workflow run that created the check run, when known (GraphQL `checkSuite.workflowRun.databaseId`). */
  workflowRunId?: number | null;
  /** The app that created it ("github-actions" for Actions jobs); checks of different apps never shadow each other. */
  appSlug?: string | null;
}

/** A commit status (REST `status`). GitHub keeps every one posted; the latest per context counts. */
export interface StatusInfo {
  id?: number;
  context: string;
  /** success | pending | failure | error (GraphQL also knows `expected`) */
  state: string;
  targetUrl: string | null;
  description?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

/** How one check stands: passed, not finished (wait), or finished badly (block). */
export type CheckOutcome = 'pass' | 'pending' | 'fail';

/** One counted check after deduplication. */
export interface CheckItem {
  name: string;
  kind: 'check-run' | 'status';
  outcome: CheckOutcome;
  /** GitHub's word for it: the conclusion, the run status while unfinished, or the status state. */
  detail: string;
  url: string | null;
}

export type ChecksState = 'success' | 'pending' | 'failure';

export interface ChecksVerdict {
  /** failure: something finished badly; pending: something is unfinished or missing; success: all green. */
  state: ChecksState;
  passing: CheckItem[];
  failing: CheckItem[];
  pending: CheckItem[];
  /** Required checks that no check run or status provides. */
  missing: string[];
  /** Check runs of the current workflow run (or earlier runs of this job): never counted. */
  ignored: CheckItem[];
  /** How many checks count (latest check run per name + status contexts), passing or not. */
  counted: number;
  minChecks: number;
  /** One sentence for a person: what is green, what blocks, what is awaited. */
  summary: string;
}

export interface EvaluateChecksInput {
  checkRuns: CheckRunInfo[];
  statuses: StatusInfo[];
  /** GITHUB_RUN_ID of the run evaluating; its own check runs are ignored. */
  runId?: number | null;
  /** The check-run name of the evaluating job (its `name:`, else GITHUB_JOB); earlier runs of it are ignored too. */
  jobName?: string | null;
  /** At least this many checks must exist (default 1: "no checks" is never green). */
  minChecks?: number;
  /** Names that must be present (as a check-run name or a status context) and green. */
  requiredChecks?: string[];
}
