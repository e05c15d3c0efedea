/**
 * The auto-review decision, pure: `decide({ pr, checks, reviews, config, base, run, minChecks,
 * requiredChecks, headNow })` → `{ decision, reason, sha, worker, verdict }`. Review helpers:
 * `REVIEW_MARKER` (marks auto-review's own reviews), `changeRequesters`, `ourApprovalOf`.
 */
export { decide, short } from './decide.js';
export {
  REVIEW_MARKER,
  changeRequesters,
  ourApprovalOf,
  ourDismissedApprovalOf,
  personOpinions,
} from './reviews.js';
export * from './types.js';
