import { repoHtmlUrl } from '../context.js';
import { isBotLogin, type PullRequest, type Review, type ReviewDismissal } from '../model.js';
import { pullHtmlUrl } from '../rest/shapes.js';
import { actorNode } from './actor.js';
import { rollupNode } from './checks.js';
import { commitNode } from './commit.js';
import { connection, type ConnectionArgs } from './connection.js';
import type { GqlContext, GqlObject } from './context.js';
import { commentNode } from './issue.js';
import { refNode, repositoryNode } from './repository.js';

export function pullState(pr: PullRequest): 'OPEN' | 'CLOSED' | 'MERGED' {
  return pr.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED';
}

const OPINIONS = ['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'];

/** The latest review per author among `reviews` (submitted order). */
function latestPerAuthor(reviews: Review[]): Review[] {
  const latest = new Map<string, Review>();
  for (const r of reviews) latest.set(r.user, r);
  return [...latest.values()].sort((a, b) => a.id - b.id);
}

/**
 * GitHub's reviewDecision: null unless the repository requires reviews; else CHANGES_REQUESTED when
 * someone's latest opinion requests changes, APPROVED with enough approvals, REVIEW_REQUIRED otherwise.
 */
export function reviewDecision(
  reviews: Review[],
  required: number,
): 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null {
  if (required <= 0) return null;
  const latest = latestPerAuthor(reviews.filter((r) => OPINIONS.includes(r.state)));
  if (latest.some((r) => r.state === 'CHANGES_REQUESTED')) return 'CHANGES_REQUESTED';
  return latest.filter((r) => r.state === 'APPROVED').length >= required ? 'APPROVED' : 'REVIEW_REQUIRED';
}

export function reviewNode(g: GqlContext, r: Review): GqlObject {
  const pr = g.ctx.store.pullRequest(r.pullNumber);
  const url = `${pullHtmlUrl(g.ctx, r.pullNumber)}#pullrequestreview-${r.id}`;
  return {
    __typename: 'PullRequestReview',
    id: r.nodeId,
    databaseId: r.id,
    fullDatabaseId: String(r.id),
    state: r.state,
    body: r.body,
    bodyText: r.body,
    bodyHTML: r.body,
    submittedAt: r.submittedAt,
    publishedAt: r.submittedAt,
    createdAt: r.submittedAt ?? '1970-01-01T00:00:00Z',
    updatedAt: r.submittedAt ?? '1970-01-01T00:00:00Z',
    lastEditedAt: null,
    url,
    resourcePath: new URL(url).pathname,
    author: () => actorNode(g, r.user),
    authorAssociation: r.user === g.ctx.owner ? 'OWNER' : isBotLogin(r.user) ? 'NONE' : 'COLLABORATOR',
    authorCanPushToRepository: true,
    isMinimized: false,
    minimizedReason: null,
    viewerDidAuthor: r.user === g.login,
    commit: () => commitNode(g, r.commitId),
    pullRequest: () => (pr ? pullRequestNode(g, pr) : null),
    repository: () => repositoryNode(g),
  };
}

export function pullRequestNode(g: GqlContext, pr: PullRequest): GqlObject {
  const { ctx } = g;
  const url = pullHtmlUrl(ctx, pr.number);
  const reviews = () => ctx.store.reviewsOf(pr.number).filter((r) => r.state !== 'PENDING');
  const head = async () => ctx.store.headSha(pr, await g.heads());
  const base = async () => ctx.store.baseSha(pr, await g.heads());
  const decision = () => reviewDecision(reviews(), ctx.store.settings.requiredApprovingReviewCount);
  const mergeable = async () => {
    if (pr.state !== 'open') return 'UNKNOWN';
    const [h, b] = await Promise.all([head(), base()]);
    if (!h || !b) return 'UNKNOWN';
    return (await ctx.git.git.mergeTree(b, h)).clean ? 'MERGEABLE' : 'CONFLICTING';
  };
  const diff = async () => {
    const [h, b] = await Promise.all([head(), base()]);
    if (!h || !b) return [];
    const mergeBase =
      pr.merged && pr.mergeCommitSha ? `${pr.mergeCommitSha}^1` : ((await ctx.git.git.mergeBase(b, h)) ?? b);
    return ctx.git.diffFiles(mergeBase, h);
  };
  const commits = async () => {
    const [h, b] = await Promise.all([head(), base()]);
    if (!h) return [];
    const exclude = pr.merged && pr.mergeCommitSha ? `^${pr.mergeCommitSha}^1` : b ? `^${b}` : null;
    return (await ctx.git.log(exclude ? [h, exclude] : [h], { max: 250 })).reverse();
  };
  return {
    __typename: 'PullRequest',
    id: pr.nodeId,
    databaseId: pr.id,
    fullDatabaseId: String(pr.id),
    number: pr.number,
    url,
    permalink: url,
    resourcePath: new URL(url).pathname,
    checksUrl: `${url}/checks`,
    checksResourcePath: `${new URL(url).pathname}/checks`,
    title: pr.title,
    body: pr.body ?? '',
    bodyText: pr.body ?? '',
    bodyHTML: pr.body ?? '',
    state: pullState(pr),
    isDraft: pr.draft,
    closed: pr.state === 'closed',
    merged: pr.merged,
    mergedAt: pr.mergedAt,
    closedAt: pr.closedAt,
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    publishedAt: pr.createdAt,
    lastEditedAt: null,
    locked: pr.locked,
    activeLockReason: null,
    maintainerCanModify: false,
    isCrossRepository: ctx.store.isFork(pr),
    isInMergeQueue: false,
    isMergeQueueEnabled: false,
    headRefName: pr.head,
    baseRefName: pr.base,
    headRefOid: async () => (await head()) ?? '',
    baseRefOid: async () => (await base()) ?? '',
    headRef: () => (ctx.store.isFork(pr) ? null : refNode(g, `refs/heads/${pr.head}`)),
    baseRef: () => refNode(g, `refs/heads/${pr.base}`),
    headRepository: () => (ctx.store.isFork(pr) ? null : repositoryNode(g)),
    headRepositoryOwner: () =>
      ctx.store.isFork(pr)
        ? actorNode(g, pr.headRepoFullName.split('/')[0] ?? '', 'User')
        : repositoryNode(g).owner,
    baseRepository: () => repositoryNode(g),
    repository: () => repositoryNode(g),
    author: () => actorNode(g, pr.user),
    authorAssociation: pr.user === ctx.owner ? 'OWNER' : isBotLogin(pr.user) ? 'NONE' : 'CONTRIBUTOR',
    viewerDidAuthor: pr.user === g.login,
    mergedBy: () => (pr.mergedBy ? actorNode(g, pr.mergedBy) : null),
    mergeCommit: () => (pr.mergeCommitSha ? commitNode(g, pr.mergeCommitSha) : null),
    potentialMergeCommit: () => null,
    mergeable,
    canBeRebased: async () => (await mergeable()) === 'MERGEABLE',
    mergeStateStatus: async () => {
      if (pr.state !== 'open') return 'UNKNOWN';
      if ((await mergeable()) === 'CONFLICTING') return 'DIRTY';
      if (pr.draft) return 'DRAFT';
      const d = decision();
      if (d === 'CHANGES_REQUESTED' || d === 'REVIEW_REQUIRED') return 'BLOCKED';
      const h = await head();
      const rollup = h ? rollupNode(g, h) : null;
      if (rollup && rollup.state !== 'SUCCESS') return rollup.state === 'PENDING' ? 'BLOCKED' : 'UNSTABLE';
      return 'CLEAN';
    },
    reviewDecision: decision,
    additions: async () => (await diff()).reduce((n, f) => n + f.additions, 0),
    deletions: async () => (await diff()).reduce((n, f) => n + f.deletions, 0),
    changedFiles: async () => (await diff()).length,
    files: async (args: ConnectionArgs) =>
      connection(
        (await diff()).map((f) => ({
          __typename: 'PullRequestChangedFile',
          path: f.filename,
          additions: f.additions,
          deletions: f.deletions,
          changeType: f.status === 'added' ? 'ADDED' : f.status === 'removed' ? 'DELETED' : 'MODIFIED',
          viewerViewedState: 'UNVIEWED',
        })),
        args,
      ),
    commits: async (args: ConnectionArgs) =>
      connection(
        (await commits()).map((c) => ({
          __typename: 'PullRequestCommit',
          id: `PRC_${pr.number}_${c.sha.slice(0, 10)}`,
          url: `${url}/commits/${c.sha}`,
          resourcePath: `${new URL(url).pathname}/commits/${c.sha}`,
          commit: () => commitNode(g, c.sha),
          pullRequest: () => pullRequestNode(g, pr),
        })),
        args,
      ),
    statusCheckRollup: async () => {
      const h = await head();
      return h ? rollupNode(g, h) : null;
    },
    reviews: (args: ConnectionArgs & { states?: string[] | null; author?: string | null }) => {
      let list = reviews();
      if (args.states?.length) list = list.filter((r) => args.states?.includes(r.state));
      if (args.author) list = list.filter((r) => r.user === args.author);
      return connection(
        list.map((r) => reviewNode(g, r)),
        args,
      );
    },
    latestReviews: (args: ConnectionArgs) =>
      connection(
        latestPerAuthor(reviews()).map((r) => reviewNode(g, r)),
        args,
      ),
    latestOpinionatedReviews: (args: ConnectionArgs & { writersOnly?: boolean | null }) =>
      connection(
        latestPerAuthor(reviews().filter((r) => OPINIONS.includes(r.state))).map((r) => reviewNode(g, r)),
        args,
      ),
    viewerLatestReview: () => {
      const mine = reviews().filter((r) => r.user === g.login);
      const last = mine[mine.length - 1];
      return last ? reviewNode(g, last) : null;
    },
    reviewRequests: (args: ConnectionArgs) =>
      connection(
        pr.requestedReviewers.map((login) => ({
          __typename: 'ReviewRequest',
          id: `RR_${pr.number}_${login}`,
          asCodeOwner: false,
          requestedReviewer: actorNode(g, login, 'User'),
        })),
        args,
      ),
    labels: (args: ConnectionArgs) =>
      connection(
        pr.labels.map((name) => labelNode(g, name)),
        args,
      ),
    comments: (args: ConnectionArgs) =>
      connection(
        ctx.store.commentsOf(pr.number).map((c) => commentNode(g, c)),
        args,
      ),
    // Only review dismissals are served; other item types asked for are recorded as unimplemented.
    timelineItems: (args: ConnectionArgs & { itemTypes?: string[] | null }) => {
      const types = args.itemTypes ?? [];
      for (const type of types.length > 0 ? types : ['(all item types)']) {
        const key = `PullRequest.timelineItems(itemTypes: ${type})`;
        if (type !== 'REVIEW_DISMISSED_EVENT' && !ctx.unimplementedFields.includes(key))
          ctx.unimplementedFields.push(key);
      }
      const items =
        types.length === 0 || types.includes('REVIEW_DISMISSED_EVENT')
          ? ctx.store.dismissalsOf(pr.number).map((d) => reviewDismissedEventNode(g, pr, d))
          : [];
      return connection(items, args, {
        filteredCount: items.length,
        pageCount: items.length,
        updatedAt: pr.updatedAt,
      });
    },
    totalCommentsCount: ctx.store.commentsOf(pr.number).length,
    assignees: (args: ConnectionArgs) => connection([], args),
    milestone: null,
    autoMergeRequest: null,
  };
}

function reviewDismissedEventNode(g: GqlContext, pr: PullRequest, d: ReviewDismissal): GqlObject {
  const url = `${pullHtmlUrl(g.ctx, pr.number)}#event-${d.id}`;
  const review = g.ctx.store.reviews.find((r) => r.id === d.reviewId);
  return {
    __typename: 'ReviewDismissedEvent',
    id: d.nodeId,
    databaseId: d.id,
    createdAt: d.createdAt,
    dismissalMessage: d.message,
    dismissalMessageHTML: d.message,
    previousReviewState: d.previousState,
    url,
    resourcePath: new URL(url).pathname,
    actor: () => actorNode(g, d.actor),
    review: () => (review ? reviewNode(g, review) : null),
    pullRequest: () => pullRequestNode(g, pr),
    pullRequestCommit: null,
  };
}

export function labelNode(g: GqlContext, name: string) {
  return {
    __typename: 'Label',
    id: `LA_${Buffer.from(name).toString('base64url')}`,
    name,
    color: 'ededed',
    description: null,
    isDefault: false,
    url: `${repoHtmlUrl(g.ctx)}/labels/${encodeURIComponent(name)}`,
  };
}
