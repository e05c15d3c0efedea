import type { CheckRunInfo, StatusInfo } from './types.js';

/**
 * The latest check run per name (per app): a re-run, in either direction, replaces the run it
 * repeats. Newer means a later `started_at`, then a later `completed_at`, then a higher id
 * (GitHub's ids grow); a run not started yet is newer than one that has.
 */
export function latestCheckRuns(runs: readonly CheckRunInfo[]): CheckRunInfo[] {
  const byKey = new Map<string, CheckRunInfo>();
  for (const run of runs) {
    const key = `${run.appSlug ?? ''}\u0000${run.name}`;
    const seen = byKey.get(key);
    if (!seen || isNewerRun(run, seen)) byKey.set(key, run);
  }
  return [...byKey.values()];
}

export function isNewerRun(a: CheckRunInfo, b: CheckRunInfo): boolean {
  const started = compareTimes(a.startedAt, b.startedAt);
  if (started !== 0) return started > 0;
  const completed = compareTimes(a.completedAt, b.completedAt);
  if (completed !== 0) return completed > 0;
  return a.id > b.id;
}

/** The latest status per context (GitHub lists every status ever posted, newest first). */
export function latestStatuses(statuses: readonly StatusInfo[]): StatusInfo[] {
  const byContext = new Map<string, { status: StatusInfo; index: number }>();
  statuses.forEach((status, index) => {
    const seen = byContext.get(status.context);
    if (!seen || isNewerStatus(status, index, seen.status, seen.index))
      byContext.set(status.context, { status, index });
  });
  return [...byContext.values()].map((v) => v.status);
}

function isNewerStatus(a: StatusInfo, aIndex: number, b: StatusInfo, bIndex: number): boolean {
  const updated = compareTimes(a.updatedAt ?? a.createdAt ?? null, b.updatedAt ?? b.createdAt ?? null);
  if (updated !== 0) return updated > 0;
  if (a.id !== undefined && b.id !== undefined && a.id !== b.id) return a.id > b.id;
  // Same time, no ids: GitHub's order (newest first) decides.
  return aIndex < bIndex;
}

/** Later time > 0. A missing time counts as "not yet", i.e. later than any known time. */
function compareTimes(a: string | null | undefined, b: string | null | undefined): number {
  const ta = a ? Date.parse(a) : Number.POSITIVE_INFINITY;
  const tb = b ? Date.parse(b) : Number.POSITIVE_INFINITY;
  if (ta === tb) return 0;
  return ta > tb ? 1 : -1;
}

/** The Actions workflow run a check run belongs to: its check suite's run, else the id in its URL. */
export function workflowRunIdOf(run: CheckRunInfo): number | null {
  if (run.workflowRunId !== undefined && run.workflowRunId !== null) return run.workflowRunId;
  for (const url of [run.detailsUrl, run.htmlUrl]) {
    const match = url ? /\/actions\/runs\/(\d+)(?:[/?#]|$)/.exec(url) : null;
    if (match?.[1]) return Number(match[1]);
  }
  return null;
}

/**
 * The evaluating job's own check runs, which must never count (waiting for them would wait
 * forever): every check run of the current workflow run, and check runs of earlier Actions
 * runs that carry the job's name (an earlier auto-review run that failed must not block).
 */
export function isOwnCheckRun(
  run: CheckRunInfo,
  runId: number | null | undefined,
  jobName: string | null | undefined,
): boolean {
  const runOf = workflowRunIdOf(run);
  if (runId !== undefined && runId !== null && runOf === runId) return true;
  if (jobName && runOf !== null && run.name === jobName) return true;
  return false;
}
