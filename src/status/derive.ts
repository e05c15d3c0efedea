import { WORKER_STATUSES, type WorkerStatus } from '../config/types.js';
import type { DerivedStatus, PullRequestFact, ReviewFact, StatusContext, WorkerFacts } from './types.js';

export function statusRank(status: WorkerStatus): number {
  return WORKER_STATUSES.indexOf(status);
}

/** True when `status` is `required` or beyond it in the order pending < … < merged. */
export function atLeast(status: WorkerStatus, required: WorkerStatus): boolean {
  return statusRank(status) >= statusRank(required);
}

/**
 * A worker's status and flags from what was observed, following PRODUCT.md's table: every row that
 * holds is a candidate and the highest one wins.
 */
export function deriveStatus(facts: WorkerFacts, context: StatusContext): DerivedStatus {
  const candidates: { status: WorkerStatus; reason: string }[] = [];
  const hold = (status: WorkerStatus, reason: string): void => void candidates.push({ status, reason });

  const open = newestFirst(facts.pullRequests.filter((pr) => pr.state === 'OPEN'));
  const ready = open.filter((pr) => !pr.isDraft);
  const drafts = open.filter((pr) => pr.isDraft);
  const merged = facts.pullRequests
    .filter((pr) => pr.state === 'MERGED')
    .sort((a, b) => time(b.mergedAt) - time(a.mergedAt) || b.number - a.number);
  const approvedPr = ready.find(isApproved);

  if (facts.head === null || facts.containment === null) {
    const last = merged[0];
    if (last) hold('merged', `branch deleted after PR #${last.number} was merged`);
    else hold('pending', 'branch does not exist');
  } else {
    const c = facts.containment;
    if (c.onBaseFirstParent) hold('launched', 'branch has no commit of its own');
    else if (c.containedInBase) hold('merged', 'all commits are contained in base');
    else if (c.containedInOmnibus) hold('merged', 'all commits are contained in the omnibus branch');
    else hold('active', 'commits not yet in base or the omnibus branch');

    const firstDraft = drafts[0];
    if (firstDraft) hold('active', `draft PR #${firstDraft.number}`);
    if (approvedPr) hold('approved', `PR #${approvedPr.number} is approved`);
    const firstReady = ready[0];
    if (firstReady) hold('pr_ready', `PR #${firstReady.number} is open`);

    const mergedAtHead = merged.find((pr) => pr.headRefOid === facts.head);
    if (mergedAtHead) hold('merged', `PR #${mergedAtHead.number} was merged and nothing was pushed after`);
  }

  candidates.sort((a, b) => statusRank(b.status) - statusRank(a.status));
  const status = candidates[0]?.status ?? 'pending';
  const pr = approvedPr ?? ready[0] ?? drafts[0] ?? merged[0] ?? null;
  const live = facts.head !== null && status !== 'merged' && status !== 'pending';
  return {
    status,
    flags: {
      stale: live && facts.lastCommit !== null && isStale(facts.lastCommit.date, context),
      ci: facts.head === null ? 'none' : facts.ci,
      draft: pr !== null && pr.state === 'OPEN' && pr.isDraft,
    },
    reasons: candidates.map((c) => c.reason),
    pr,
    approvals: pr ? approvingReviewers(pr.reviews).length : 0,
  };
}

/**
 * GitHub's review decision when it gives one; where the repository requires no reviews (no
 * decision), some reviewer's latest opinion approves and no reviewer's latest opinion requests changes.
 */
export function isApproved(pr: PullRequestFact): boolean {
  if (pr.reviewDecision !== null) return pr.reviewDecision === 'APPROVED';
  const opinions = latestOpinions(pr.reviews);
  return (
    opinions.some((r) => r.state === 'APPROVED') && !opinions.some((r) => r.state === 'CHANGES_REQUESTED')
  );
}

export function approvingReviewers(reviews: ReviewFact[]): string[] {
  return latestOpinions(reviews)
    .filter((r) => r.state === 'APPROVED')
    .map((r) => r.author);
}

/** Each reviewer's latest opinion; comments and pending reviews change nothing, a dismissal withdraws. */
export function latestOpinions(reviews: ReviewFact[]): ReviewFact[] {
  const latest = new Map<string, ReviewFact>();
  const ordered = reviews
    .map((review, index) => ({ review, index }))
    .sort((a, b) => time(a.review.submittedAt) - time(b.review.submittedAt) || a.index - b.index);
  for (const { review } of ordered) {
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.author, review);
  }
  return [...latest.values()];
}

export function isStale(lastCommitDate: string, context: StatusContext): boolean {
  const age = context.now.getTime() - Date.parse(lastCommitDate);
  return Number.isFinite(age) && age > context.staleAfterHours * 3_600_000;
}

function newestFirst(prs: PullRequestFact[]): PullRequestFact[] {
  return [...prs].sort((a, b) => time(b.updatedAt) - time(a.updatedAt) || b.number - a.number);
}

function time(date: string | null): number {
  const t = date === null ? NaN : Date.parse(date);
  return Number.isFinite(t) ? t : 0;
}
