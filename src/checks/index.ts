/**
 * Check evaluation: the one place that decides whether a commit's CI is green. Used by
 * auto-review (approve a worker PR) and by omnibus `merge` mode (merge the omnibus PR).
 *
 * - `evaluateChecks({ checkRuns, statuses, runId, jobName, minChecks, requiredChecks })` → `ChecksVerdict`
 *   Pure. Keeps the latest check run per name (a re-run replaces the run it repeats, whichever
 *   way it went: newer `started_at`, then `completed_at`, then id) and the latest status per
 *   context; ignores the evaluating job's own check runs (`details_url`/`html_url` pointing into
 *   `/actions/runs/<runId>/`, or `workflowRunId === runId`; and earlier Actions runs whose check
 *   name is `jobName`). Every remaining check run and status context is one check:
 *     pass    — conclusion success, neutral, skipped; status success
 *     pending — status queued, in_progress, waiting, requested, pending; status state pending/expected
 *     fail    — conclusion failure, cancelled, timed_out, action_required, stale, startup_failure
 *               (and any conclusion GitHub may add later); status state failure, error
 *   `state` is `failure` when any check fails (it wins over pending), else `pending` when any
 *   check is unfinished, a required check is absent (`missing`) or fewer than `minChecks`
 *   (default 1) checks count, else `success`. `summary` says it in one sentence.
 * - `readChecks(octokit, owner, repo, sha)` → `{ checkRuns, statuses }`
 *   REST, every page (`filter=latest`, 100 per page): 2 requests for a commit with ≤ 100 of each.
 *   Needs `checks: read` and `statuses: read`.
 * - `classifyCheckRun(status, conclusion)`, `classifyStatus(state)`: one check's outcome.
 * - `describeChecks(items)`: "lint (failure), test (timed_out)".
 */
export { evaluateChecks, describeChecks, DEFAULT_MIN_CHECKS } from './evaluate.js';
export { readChecks, readCheckRuns, readStatuses, type CommitChecks } from './read.js';
export {
  classifyCheckRun,
  classifyStatus,
  CHECK_CONCLUSION_OUTCOMES,
  CHECK_STATUSES,
  STATUS_STATE_OUTCOMES,
} from './classify.js';
export { latestCheckRuns, latestStatuses, isOwnCheckRun, workflowRunIdOf } from './latest.js';
export type {
  CheckRunInfo,
  StatusInfo,
  CheckItem,
  CheckOutcome,
  ChecksState,
  ChecksVerdict,
  EvaluateChecksInput,
} from './types.js';
