import type { CheckOutcome } from './types.js';

/**
 * Every check-run conclusion GitHub has. GitHub's own rule for required checks: success,
 * neutral and skipped pass; everything else that finished is a failure.
 */
export const CHECK_CONCLUSION_OUTCOMES: Readonly<Record<string, CheckOutcome>> = {
  success: 'pass',
  neutral: 'pass',
  skipped: 'pass',
  failure: 'fail',
  cancelled: 'fail',
  timed_out: 'fail',
  action_required: 'fail',
  stale: 'fail',
  startup_failure: 'fail',
};

/** Every check-run status GitHub has; all but `completed` mean "not finished yet". */
export const CHECK_STATUSES = [
  'queued',
  'in_progress',
  'completed',
  'waiting',
  'requested',
  'pending',
] as const;

/** Every commit-status state (REST), plus GraphQL's `expected` (a required context not posted yet). */
export const STATUS_STATE_OUTCOMES: Readonly<Record<string, CheckOutcome>> = {
  success: 'pass',
  pending: 'pending',
  expected: 'pending',
  failure: 'fail',
  error: 'fail',
};

/** A check run's outcome; `detail` is the word shown to people (the conclusion, else the status). */
export function classifyCheckRun(
  status: string,
  conclusion: string | null,
): { outcome: CheckOutcome; detail: string } {
  const s = status.toLowerCase();
  if (s !== 'completed') return { outcome: 'pending', detail: s };
  // A completed run without a conclusion does not exist on GitHub; treat it as not finished rather than green.
  if (conclusion === null || conclusion === '')
    return { outcome: 'pending', detail: 'completed without conclusion' };
  const c = conclusion.toLowerCase();
  // An unknown conclusion (one GitHub may add later) is never taken for green.
  return { outcome: CHECK_CONCLUSION_OUTCOMES[c] ?? 'fail', detail: c };
}

/** A commit status's outcome; unknown states wait rather than pass. */
export function classifyStatus(state: string): { outcome: CheckOutcome; detail: string } {
  const s = state.toLowerCase();
  return { outcome: STATUS_STATE_OUTCOMES[s] ?? 'pending', detail: s };
}
