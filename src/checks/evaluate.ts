import { classifyCheckRun, classifyStatus } from './classify.js';
import { isOwnCheckRun, latestCheckRuns, latestStatuses } from './latest.js';
import type { CheckItem, ChecksState, ChecksVerdict, EvaluateChecksInput } from './types.js';

export const DEFAULT_MIN_CHECKS = 1;

/**
 * Judges a commit's checks. Pure: the same check runs and statuses always give the same verdict.
 * `failure` wins over `pending` (something finished badly, whatever else is still running).
 */
export function evaluateChecks(input: EvaluateChecksInput): ChecksVerdict {
  const minChecks = input.minChecks ?? DEFAULT_MIN_CHECKS;
  const required = [...new Set((input.requiredChecks ?? []).map((name) => name.trim()).filter(Boolean))];

  const ignored: CheckItem[] = [];
  const counted: CheckItem[] = [];
  for (const run of latestCheckRuns(input.checkRuns.filter((r) => !isOwnRun(r, input)))) {
    const { outcome, detail } = classifyCheckRun(run.status, run.conclusion);
    counted.push({
      name: run.name,
      kind: 'check-run',
      outcome,
      detail,
      url: run.htmlUrl ?? run.detailsUrl ?? null,
    });
  }
  for (const run of input.checkRuns.filter((r) => isOwnRun(r, input))) {
    const { outcome, detail } = classifyCheckRun(run.status, run.conclusion);
    ignored.push({
      name: run.name,
      kind: 'check-run',
      outcome,
      detail,
      url: run.htmlUrl ?? run.detailsUrl ?? null,
    });
  }
  for (const status of latestStatuses(input.statuses)) {
    const { outcome, detail } = classifyStatus(status.state);
    counted.push({ name: status.context, kind: 'status', outcome, detail, url: status.targetUrl });
  }
  counted.sort(byName);

  const passing = counted.filter((c) => c.outcome === 'pass');
  const failing = counted.filter((c) => c.outcome === 'fail');
  const pending = counted.filter((c) => c.outcome === 'pending');
  const present = new Set(counted.map((c) => c.name));
  const missing = required.filter((name) => !present.has(name));
  const tooFew = counted.length < minChecks;

  let state: ChecksState = 'success';
  if (failing.length > 0) state = 'failure';
  else if (pending.length > 0 || missing.length > 0 || tooFew) state = 'pending';

  return {
    state,
    passing,
    failing,
    pending,
    missing,
    ignored,
    counted: counted.length,
    minChecks,
    summary: summarize(state, counted.length, minChecks, failing, pending, missing),
  };
}

function isOwnRun(run: EvaluateChecksInput['checkRuns'][number], input: EvaluateChecksInput): boolean {
  return isOwnCheckRun(run, input.runId, input.jobName);
}

function byName(a: CheckItem, b: CheckItem): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

/** "lint (failure), test (timed_out)" */
export function describeChecks(items: readonly CheckItem[]): string {
  return items.map((c) => `${c.name} (${c.detail})`).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(
  state: ChecksState,
  total: number,
  minChecks: number,
  failing: CheckItem[],
  pending: CheckItem[],
  missing: string[],
): string {
  if (state === 'success') return `all ${plural(total, 'check')} passed`;
  const parts: string[] = [];
  if (failing.length > 0)
    parts.push(`${failing.length} of ${plural(total, 'check')} failed: ${describeChecks(failing)}`);
  if (pending.length > 0) parts.push(`waiting for ${describeChecks(pending)}`);
  if (missing.length > 0)
    parts.push(
      `required ${missing.length === 1 ? 'check' : 'checks'} not reported yet: ${missing.join(', ')}`,
    );
  if (total < minChecks) parts.push(`${plural(total, 'check')} reported, at least ${minChecks} required`);
  return parts.join('; ');
}
