import type { EmulatorContext } from './context.js';
import type { PullRequest, ReviewState } from './model.js';
import { DEFAULT_LOGIN } from './store.js';

/** GitHub's refusals shared by REST and GraphQL, so both answer the same way. */

/** Why GitHub refuses this review, or null when it accepts it. */
export function reviewRefusal(
  ctx: EmulatorContext,
  pr: PullRequest,
  login: string,
  state: ReviewState,
  body: string,
): string | null {
  if (state === 'APPROVED' || state === 'CHANGES_REQUESTED') {
    if (pr.user === login)
      return state === 'APPROVED'
        ? 'Can not approve your own pull request'
        : 'Can not request changes on your own pull request';
    if (login === DEFAULT_LOGIN && state === 'APPROVED' && !ctx.store.settings.actionsCanApprove)
      return 'GitHub Actions is not permitted to approve pull requests.';
  }
  if ((state === 'CHANGES_REQUESTED' || state === 'COMMENTED') && body.trim() === '')
    return 'Body is required for this event';
  if (pr.state !== 'open' && state !== 'COMMENTED') return 'Can not review a closed pull request';
  return null;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** Why GitHub refuses to merge (405 not mergeable, 409 head moved), or null. */
export async function mergeRefusal(
  ctx: EmulatorContext,
  pr: PullRequest,
  method: MergeMethod,
  expectedHeadSha: string | undefined,
): Promise<{ status: 405 | 409; message: string } | null> {
  const s = ctx.store.settings;
  if (method === 'merge' && !s.allowMergeCommit)
    return { status: 405, message: 'Merge commits are not allowed on this repository.' };
  if (method === 'squash' && !s.allowSquashMerge)
    return { status: 405, message: 'Squash merges are not allowed on this repository.' };
  if (method === 'rebase' && !s.allowRebaseMerge)
    return { status: 405, message: 'Rebase merges are not allowed on this repository.' };
  if (pr.state !== 'open') return { status: 405, message: 'Pull Request is not mergeable' };
  if (pr.draft) return { status: 405, message: 'Pull Request is still a draft' };
  const headSha = await ctx.store.headSha(pr);
  if (expectedHeadSha && expectedHeadSha !== headSha)
    return { status: 409, message: 'Head branch was modified. Review and try the merge again.' };
  const baseSha = await ctx.git.branchSha(pr.base);
  if (!headSha || !baseSha || !(await ctx.git.git.mergeTree(baseSha, headSha)).clean)
    return { status: 405, message: 'Pull Request is not mergeable' };
  return null;
}
