import type { ReviewFacts } from './types.js';

/** The hidden marker in the body of every review auto-review writes; how it knows its own. */
export const REVIEW_MARKER = '<!-- orchestrator:auto-review -->';

/**
 * Each person's standing opinion: their latest APPROVED or CHANGES_REQUESTED review, as on
 * GitHub (a COMMENTED review changes nothing; a dismissed review no longer counts). Reviews
 * auto-review wrote itself are not a person's.
 */
export function personOpinions(reviews: readonly ReviewFacts[]): Map<string, ReviewFacts> {
  const latest = new Map<string, { review: ReviewFacts; index: number }>();
  reviews.forEach((review, index) => {
    if (review.ours || review.user === null) return;
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED') return;
    const seen = latest.get(review.user);
    if (!seen || isLater(review, index, seen.review, seen.index)) latest.set(review.user, { review, index });
  });
  return new Map([...latest].map(([user, { review }]) => [user, review]));
}

/** People whose latest opinion requests changes, sorted. */
export function changeRequesters(reviews: readonly ReviewFacts[]): string[] {
  return [...personOpinions(reviews)]
    .filter(([, review]) => review.state === 'CHANGES_REQUESTED')
    .map(([user]) => user)
    .sort();
}

/** Our approval of exactly this commit that still stands. */
export function ourApprovalOf(reviews: readonly ReviewFacts[], sha: string): ReviewFacts | undefined {
  return reviews.find((r) => r.ours && r.state === 'APPROVED' && r.commitId === sha);
}

/** Our approval of exactly this commit that somebody dismissed. */
export function ourDismissedApprovalOf(
  reviews: readonly ReviewFacts[],
  sha: string,
): ReviewFacts | undefined {
  return reviews.find((r) => r.ours && r.state === 'DISMISSED' && r.commitId === sha);
}

/** GitHub lists reviews oldest first; the submission time decides where it is known. */
function isLater(a: ReviewFacts, aIndex: number, b: ReviewFacts, bIndex: number): boolean {
  const ta = a.submittedAt ? Date.parse(a.submittedAt) : NaN;
  const tb = b.submittedAt ? Date.parse(b.submittedAt) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta > tb;
  if (a.id !== b.id) return a.id > b.id;
  return aIndex > bIndex;
}
