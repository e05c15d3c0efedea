import type { EmulatorContext } from '../context.js';
import {
  bodyOf,
  HttpError,
  intParam,
  list,
  notFound,
  ok,
  str,
  validationFailed,
  type Route,
} from '../http.js';
import type { ReviewState } from '../model.js';
import { reviewRefusal } from '../rules.js';
import { findPull, renderPull } from './pulls.js';
import { review } from './shapes.js';

const EVENTS: Record<string, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

/** GitHub answers these refusals as 422 with the reason in `errors` (a list of strings). */
const refused = (reason: string) => validationFailed([reason], 'Unprocessable Entity');

/** Pull request reviews (with `commit_id`), dismissals, and review requests. */
export function reviewRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      permission: ['pull_requests', 'read'],
      handler: (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const visible = ctx.store
          .reviewsOf(pr.number)
          .filter((r) => r.state !== 'PENDING' || r.user === req.login);
        return list(req, visible, (r) => review(ctx, r));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}',
      permission: ['pull_requests', 'read'],
      handler: (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const r = ctx.store.reviewsOf(pr.number).find((x) => x.id === intParam(req, 'review_id'));
        if (!r) throw notFound();
        return ok(review(ctx, r));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      permission: ['pull_requests', 'write'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const body = bodyOf(req);
        const event = str(body.event);
        const state: ReviewState = event === undefined ? 'PENDING' : (EVENTS[event] ?? 'PENDING');
        if (event !== undefined && !EVENTS[event])
          throw validationFailed([{ resource: 'PullRequestReview', field: 'event', code: 'invalid' }]);
        const text = str(body.body) ?? '';
        const refusal = reviewRefusal(ctx, pr, req.login, state, text);
        if (refusal) throw refused(refusal);
        const headSha = await ctx.store.headSha(pr);
        const commitId = str(body.commit_id) ?? headSha ?? '';
        if (!(await ctx.git.objectExists(commitId)))
          throw refused('Commit ID is not part of the pull request');
        const r = ctx.store.addReview({
          pullNumber: pr.number,
          user: req.login,
          state,
          body: text,
          commitId,
        });
        return ok(review(ctx, r));
      },
    },
    {
      method: 'PUT',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals',
      permission: ['pull_requests', 'write'],
      handler: (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const r = ctx.store.reviewsOf(pr.number).find((x) => x.id === intParam(req, 'review_id'));
        if (!r) throw notFound();
        const message = str(bodyOf(req).message);
        if (!message)
          throw validationFailed([
            { resource: 'PullRequestReview', field: 'message', code: 'missing_field' },
          ]);
        if (!ctx.store.dismissReview(r.id, { message, by: req.login }))
          throw new HttpError(422, `Can not dismiss a ${r.state.toLowerCase()} pull request review`);
        return ok(review(ctx, r));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      permission: ['pull_requests', 'read'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const full = await renderPull(ctx, pr);
        return ok({ users: full.requested_reviewers, teams: [] });
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      permission: ['pull_requests', 'write'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const reviewers = bodyOf(req).reviewers;
        if (Array.isArray(reviewers))
          for (const login of reviewers) {
            if (typeof login !== 'string') continue;
            if (login === pr.user) throw refused('Review cannot be requested from pull request author.');
            if (!pr.requestedReviewers.includes(login)) pr.requestedReviewers.push(login);
          }
        return ok(await renderPull(ctx, pr), 201);
      },
    },
  ];
}
