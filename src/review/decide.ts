import { evaluateChecks } from '../checks/index.js';
import { changeRequesters, ourApprovalOf, ourDismissedApprovalOf } from './reviews.js';
import type { DecideInput, DecideResult } from './types.js';

export const short = (sha: string): string => sha.slice(0, 7);

/**
 * The auto-review decision for one pull request (PRODUCT.md § Action 2). Pure: reads nothing,
 * writes nothing. Precedence: skipped (not ours to decide) > waiting because the head moved >
 * blocked (something finished badly, a person requests changes, a person dismissed our approval of
 * this commit) > waiting (unfinished, missing or too few checks) > already-approved > approved.
 */
export function decide(input: DecideInput): DecideResult {
  const { pr, config } = input;
  const sha = pr.headSha;
  const worker = config.workers.find((w) => w.branch === pr.headRef) ?? null;
  const result = (
    decision: DecideResult['decision'],
    reason: string,
    verdict: DecideResult['verdict'] = null,
  ) => ({
    decision,
    reason,
    sha,
    worker: worker?.id ?? null,
    verdict,
  });

  const skip = skipReason(input, worker !== null);
  if (skip) return result('skipped', skip);

  if (input.headNow && input.headNow !== sha) {
    return result(
      'waiting',
      `The head moved from ${short(sha)} to ${short(input.headNow)} while deciding; the checks of ${short(input.headNow)} decide.`,
    );
  }
  if (!input.checks) return result('waiting', `The checks of ${short(sha)} have not been read.`);

  const verdict = evaluateChecks({
    checkRuns: input.checks.checkRuns,
    statuses: input.checks.statuses,
    runId: input.run.runId,
    jobName: input.run.jobName,
    minChecks: input.minChecks,
    requiredChecks: input.requiredChecks,
  });

  const blockers: string[] = [];
  if (verdict.state === 'failure') blockers.push(`Checks on ${short(sha)}: ${verdict.summary}.`);
  const requesters = changeRequesters(input.reviews);
  if (requesters.length > 0) {
    blockers.push(`${requesters.join(', ')} ${requesters.length === 1 ? 'requests' : 'request'} changes.`);
  }
  // Our own dismissal for a moved head is no dismissal of this commit: it may be approved again.
  const dismissed = ourDismissedApprovalOf(
    input.reviews.filter((r) => !r.dismissedByUs),
    sha,
  );
  if (dismissed) {
    const by = dismissed.dismissedBy ? ` by ${dismissed.dismissedBy}` : '';
    blockers.push(
      `An approval of ${short(sha)} by auto-review was dismissed${by}; it is not given again until a new commit is pushed.`,
    );
  }
  if (blockers.length > 0) return result('blocked', blockers.join(' '), verdict);

  if (verdict.state === 'pending')
    return result('waiting', `Checks on ${short(sha)}: ${verdict.summary}.`, verdict);

  const passed = `All ${verdict.counted} ${verdict.counted === 1 ? 'check' : 'checks'} on ${short(sha)} passed`;
  if (ourApprovalOf(input.reviews, sha)) {
    return result('already-approved', `${passed}; auto-review had already approved this commit.`, verdict);
  }
  return result('approved', `${passed}.`, verdict);
}

function skipReason(input: DecideInput, isWorkerBranch: boolean): string | null {
  const { pr, config, base } = input;
  const state = pr.state.toLowerCase();
  if (state !== 'open') return `#${pr.number} is ${state === 'merged' ? 'merged' : 'closed'}.`;
  if (pr.fromFork)
    return `#${pr.number} comes from a fork; auto-review never approves a fork's pull request.`;
  if (!isWorkerBranch) return `${pr.headRef} is not a worker branch in the config.`;
  const bases = [base, config.omnibus.branch];
  if (!bases.includes(pr.baseRef)) {
    return `#${pr.number} targets ${pr.baseRef}, not ${base} or the omnibus branch ${config.omnibus.branch}.`;
  }
  if (pr.draft) return `#${pr.number} is a draft.`;
  return null;
}
