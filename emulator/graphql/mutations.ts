import { GraphQLError } from 'graphql';
import type { Permission, PullRequest, ReviewState } from '../model.js';
import { isoSeconds } from '../model.js';
import { mergeRefusal, reviewRefusal, type MergeMethod } from '../rules.js';
import { REPO_ID } from '../rest/shapes.js';
import type { GqlContext, GqlObject } from './context.js';
import { commentNode, issueNode } from './issue.js';
import { pullRequestNode, reviewNode } from './pull-request.js';

/** The mutations a PR bot or dashboard uses, with the same refusals as REST. */

type Input<T> = { input: T & { clientMutationId?: string | null } };

const unprocessable = (message: string) =>
  new GraphQLError(message, { extensions: { type: 'UNPROCESSABLE' } });
const notFound = (id: string) =>
  new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, {
    extensions: { type: 'NOT_FOUND' },
  });

function allow(g: GqlContext, permission: Permission): void {
  if (g.ctx.store.isDenied(permission, 'write'))
    throw new GraphQLError('Resource not accessible by integration', { extensions: { type: 'FORBIDDEN' } });
}

function pullById(g: GqlContext, id: string): PullRequest {
  const pr = g.ctx.store.pullRequests.find((p) => p.nodeId === id);
  if (!pr) throw notFound(id);
  return pr;
}

const EVENTS: Record<string, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

export function mutationRoot(g: GqlContext): GqlObject {
  const { store } = g.ctx;
  const done = (clientMutationId: string | null | undefined, payload: GqlObject) => ({
    clientMutationId: clientMutationId ?? null,
    ...payload,
  });

  return {
    addPullRequestReview: async ({
      input,
    }: Input<{ pullRequestId: string; event?: string; body?: string; commitOID?: string }>) => {
      allow(g, 'pull_requests');
      const pr = pullById(g, input.pullRequestId);
      const state: ReviewState = input.event ? (EVENTS[input.event] ?? 'PENDING') : 'PENDING';
      const body = input.body ?? '';
      const refusal = reviewRefusal(g.ctx, pr, g.login, state, body);
      if (refusal) throw unprocessable(refusal);
      const commitId = input.commitOID ?? (await store.headSha(pr)) ?? '';
      const review = store.addReview({ pullNumber: pr.number, user: g.login, state, body, commitId });
      return done(input.clientMutationId, { pullRequestReview: reviewNode(g, review) });
    },
    dismissPullRequestReview: ({ input }: Input<{ pullRequestReviewId: string; message: string }>) => {
      allow(g, 'pull_requests');
      const review = store.reviews.find((r) => r.nodeId === input.pullRequestReviewId);
      if (!review) throw notFound(input.pullRequestReviewId);
      if (!store.dismissReview(review.id, { message: input.message, by: g.login }))
        throw unprocessable(`Can not dismiss a ${review.state.toLowerCase()} pull request review`);
      return done(input.clientMutationId, { pullRequestReview: reviewNode(g, review) });
    },
    mergePullRequest: async ({
      input,
    }: Input<{
      pullRequestId: string;
      expectedHeadOid?: string;
      mergeMethod?: string;
      commitHeadline?: string;
      commitBody?: string;
    }>) => {
      allow(g, 'contents');
      const pr = pullById(g, input.pullRequestId);
      const method = (input.mergeMethod ?? 'MERGE').toLowerCase() as MergeMethod;
      const refusal = await mergeRefusal(g.ctx, pr, method, input.expectedHeadOid);
      if (refusal) throw unprocessable(refusal.message);
      await store.mergePullRequest(pr.number, {
        method,
        by: g.login,
        commitTitle: input.commitHeadline,
        commitMessage: input.commitBody,
      });
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    closePullRequest: ({ input }: Input<{ pullRequestId: string }>) => {
      allow(g, 'pull_requests');
      const pr = store.closePullRequest(pullById(g, input.pullRequestId).number);
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    reopenPullRequest: ({ input }: Input<{ pullRequestId: string }>) => {
      allow(g, 'pull_requests');
      const pr = pullById(g, input.pullRequestId);
      if (pr.merged) throw unprocessable('Cannot reopen a merged pull request');
      store.reopenPullRequest(pr.number);
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    markPullRequestReadyForReview: ({ input }: Input<{ pullRequestId: string }>) => {
      allow(g, 'pull_requests');
      const pr = pullById(g, input.pullRequestId);
      pr.draft = false;
      pr.updatedAt = isoSeconds();
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    convertPullRequestToDraft: ({ input }: Input<{ pullRequestId: string }>) => {
      allow(g, 'pull_requests');
      const pr = pullById(g, input.pullRequestId);
      pr.draft = true;
      pr.updatedAt = isoSeconds();
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    updatePullRequest: async ({
      input,
    }: Input<{
      pullRequestId: string;
      title?: string;
      body?: string;
      baseRefName?: string;
      state?: string;
    }>) => {
      allow(g, 'pull_requests');
      const pr = pullById(g, input.pullRequestId);
      if (input.baseRefName !== undefined) {
        if (!(await g.ctx.git.branchSha(input.baseRefName)))
          throw unprocessable(`Proposed base branch '${input.baseRefName}' was not found`);
        pr.base = input.baseRefName;
      }
      if (input.title !== undefined) pr.title = input.title;
      if (input.body !== undefined) pr.body = input.body;
      if (input.state === 'CLOSED') store.closePullRequest(pr.number);
      if (input.state === 'OPEN' && pr.state === 'closed' && !pr.merged) store.reopenPullRequest(pr.number);
      pr.updatedAt = isoSeconds();
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    createPullRequest: async ({
      input,
    }: Input<{
      repositoryId: string;
      baseRefName: string;
      headRefName: string;
      title: string;
      body?: string;
      draft?: boolean;
    }>) => {
      allow(g, 'pull_requests');
      if (input.repositoryId !== `R_${REPO_ID}`) throw notFound(input.repositoryId);
      const head = input.headRefName.replace(/^[^:]+:/, '');
      const [headSha, baseSha] = await Promise.all([
        g.ctx.git.branchSha(head),
        g.ctx.git.branchSha(input.baseRefName),
      ]);
      if (!headSha)
        throw unprocessable(
          `Head sha can't be blank, Base sha can't be blank, No commits between ${input.baseRefName} and ${head}, Head ref must be a branch`,
        );
      if (!baseSha) throw unprocessable(`Base ref must be a branch`);
      if (
        store.pullRequests.some(
          (p) => p.state === 'open' && p.head === head && p.base === input.baseRefName && !store.isFork(p),
        )
      )
        throw unprocessable(`A pull request already exists for ${g.ctx.owner}:${head}.`);
      if ((await g.ctx.git.count([headSha, `^${baseSha}`])) === 0)
        throw unprocessable(`No commits between ${input.baseRefName} and ${head}`);
      const pr = store.createPullRequest({
        head,
        base: input.baseRefName,
        title: input.title,
        body: input.body ?? null,
        draft: input.draft ?? false,
        user: g.login,
        headSha,
      });
      return done(input.clientMutationId, { pullRequest: pullRequestNode(g, pr) });
    },
    addComment: ({ input }: Input<{ subjectId: string; body: string }>) => {
      allow(g, 'issues');
      const subject =
        store.issues.find((i) => i.nodeId === input.subjectId) ??
        store.pullRequests.find((p) => p.nodeId === input.subjectId);
      if (!subject) throw notFound(input.subjectId);
      const comment = store.addComment({ issueNumber: subject.number, body: input.body, user: g.login });
      const node = commentNode(g, comment);
      const issue = store.issue(subject.number);
      const pr = store.pullRequest(subject.number);
      return done(input.clientMutationId, {
        commentEdge: { cursor: Buffer.from(`cursor:v2:${comment.id}`).toString('base64'), node },
        subject: issue ? issueNode(g, issue) : pr ? pullRequestNode(g, pr) : null,
        timelineEdge: null,
      });
    },
    updateIssueComment: ({ input }: Input<{ id: string; body: string }>) => {
      allow(g, 'issues');
      const comment = store.comments.find((c) => c.nodeId === input.id);
      if (!comment) throw notFound(input.id);
      comment.body = input.body;
      comment.updatedAt = isoSeconds();
      return done(input.clientMutationId, { issueComment: commentNode(g, comment) });
    },
    createIssue: ({ input }: Input<{ repositoryId: string; title: string; body?: string }>) => {
      allow(g, 'issues');
      if (input.repositoryId !== `R_${REPO_ID}`) throw notFound(input.repositoryId);
      const issue = store.createIssue({ title: input.title, body: input.body ?? null, user: g.login });
      return done(input.clientMutationId, { issue: issueNode(g, issue) });
    },
    updateIssue: ({ input }: Input<{ id: string; title?: string; body?: string; state?: string }>) => {
      allow(g, 'issues');
      const issue = store.issues.find((i) => i.nodeId === input.id);
      if (!issue) throw notFound(input.id);
      const now = isoSeconds();
      if (input.title !== undefined) issue.title = input.title;
      if (input.body !== undefined) issue.body = input.body;
      if (input.state === 'CLOSED' && issue.state === 'open')
        Object.assign(issue, { state: 'closed', closedAt: now, stateReason: 'completed' });
      if (input.state === 'OPEN' && issue.state === 'closed')
        Object.assign(issue, { state: 'open', closedAt: null, stateReason: 'reopened' });
      issue.updatedAt = now;
      return done(input.clientMutationId, { issue: issueNode(g, issue) });
    },
  };
}
