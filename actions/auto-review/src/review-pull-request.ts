import type { OrchestratorConfig } from '../../../src/config/types.js';
import { ConfigurationError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import {
  decide,
  short,
  type DecideInput,
  type DecideResult,
  type ReviewDecision,
  type RunIdentity,
} from '../../../src/review/index.js';
import { commentAction, findOurComment } from './comment.js';
import { DISMISSAL_TAG, type ReviewApi } from './review-api.js';

/** The decision on one pull request, as reported in outputs and the summary. */
export interface PullRequestOutcome {
  pullRequest: number;
  sha: string | null;
  decision: ReviewDecision;
  reason: string;
  worker: string | null;
  url: string | null;
  /** Checks counted, when they were evaluated. */
  checks: number | null;
  /** A refusal by GitHub that fails the run once every PR is decided (e.g. approving not permitted). */
  error?: string;
}

export interface ReviewSettings {
  api: ReviewApi;
  config: OrchestratorConfig;
  run: RunIdentity;
  minChecks: number;
  requiredChecks: string[];
  dryRun: boolean;
  logger: Logger;
  /** Link to this run, put in the approval. */
  runUrl: string;
}

/**
 * Reads, decides and acts for one pull request. Requests for a PR with < 100 checks: the PR
 * with its reviews, dismissals and comments (GraphQL), check runs, statuses; then at most
 * approve + read the head again + dismiss or comment: never more than 6. Returns null when the
 * PR's head is not `requiredSha` (the event was about another commit: nothing to decide).
 */
export async function reviewPullRequest(
  settings: ReviewSettings,
  number: number,
  requiredSha: string | null = null,
): Promise<PullRequestOutcome | null> {
  const { api, config, logger, dryRun } = settings;
  const snapshot = await api.readPullRequest(number);
  if (!snapshot) {
    return {
      pullRequest: number,
      sha: null,
      decision: 'skipped',
      reason: `There is no pull request #${number}.`,
      worker: null,
      url: null,
      checks: null,
    };
  }
  const { pr, reviews, comments } = snapshot;
  if (requiredSha !== null && pr.headSha !== requiredSha) {
    logger.info(
      `#${number}: its head is ${short(pr.headSha)}, not ${short(requiredSha)} of the event; the checks of ${short(pr.headSha)} decide.`,
    );
    return null;
  }

  const base = config.base ?? snapshot.defaultBranch ?? 'main';
  const input: DecideInput = {
    pr,
    checks: null,
    reviews,
    config,
    base,
    run: settings.run,
    minChecks: settings.minChecks,
    requiredChecks: settings.requiredChecks,
  };
  const outcome = (result: ReturnType<typeof decide>, reason = result.reason): PullRequestOutcome => ({
    pullRequest: number,
    sha: result.sha,
    decision: result.decision,
    reason,
    worker: result.worker,
    url: pr.url ?? null,
    checks: result.verdict?.counted ?? null,
  });

  // Not ours to decide: no need to read its checks.
  const early = decide(input);
  if (early.decision === 'skipped') return outcome(early);

  input.checks = await api.readChecks(pr.headSha);
  const result = decide(input);
  let final: PullRequestOutcome = outcome(result);

  if (result.decision === 'approved') {
    if (dryRun) {
      final = outcome(result, `${result.reason} Dry run: no review written.`);
    } else {
      const approved = await approveAndConfirm(settings, input, result);
      // The head moved: the evaluated commit is history, and so is anything said about it.
      if (approved.moved) return approved.outcome;
      final = approved.outcome;
    }
  }

  // The failing-checks comment follows the checks: it names failures, and is resolved once they are green.
  const verdict = result.verdict;
  const action = commentAction(findOurComment(comments), pr.headSha, verdict, verdict?.state === 'success');
  if (action.kind !== 'none') {
    if (dryRun) logger.info(`#${number}: dry run, the failing-checks comment is not ${action.kind}d.`);
    else if (action.kind === 'create') await api.createComment(number, action.body);
    else await api.updateComment(action.id, action.body);
  }
  return final;
}

/**
 * Approves the evaluated commit, then reads the head again: if it moved in between, the approval
 * is dismissed (tagged as auto-review's own, so a head that returns to this commit can be approved
 * again) and the decision becomes `waiting`. A refusal by GitHub becomes `blocked` with
 * the message that names the fix (and fails the run later).
 */
async function approveAndConfirm(
  settings: ReviewSettings,
  input: DecideInput,
  result: DecideResult,
): Promise<{ outcome: PullRequestOutcome; moved: boolean }> {
  const { api } = settings;
  const { number, headSha, url } = input.pr;
  const base = {
    pullRequest: number,
    sha: headSha,
    worker: result.worker,
    url: url ?? null,
    checks: result.verdict?.counted ?? null,
  };
  let reviewId: number;
  try {
    reviewId = await api.approve(number, headSha, approvalBody(base.checks ?? 0, headSha, settings.runUrl));
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return {
      outcome: { ...base, decision: 'blocked', reason: error.message, error: error.message },
      moved: false,
    };
  }
  const headNow = await api.readHead(number);
  const after = decide({ ...input, headNow });
  if (after.decision === 'approved') {
    return { outcome: { ...base, decision: 'approved', reason: `${result.reason} Approved.` }, moved: false };
  }
  await api.dismiss(
    number,
    reviewId,
    `The head moved from ${short(headSha)} to ${short(headNow)} while auto-review approved ${short(headSha)}; ` +
      `the approval does not cover ${short(headNow)}. ${DISMISSAL_TAG}`,
  );
  return {
    outcome: {
      ...base,
      decision: after.decision,
      reason: `${after.reason} The approval of ${short(headSha)} was dismissed.`,
    },
    moved: true,
  };
}

function approvalBody(checks: number, sha: string, runUrl: string): string {
  return `Auto-review: all ${checks} ${checks === 1 ? 'check' : 'checks'} on ${sha} passed ([run](${runUrl})). This approval covers that commit only.`;
}
