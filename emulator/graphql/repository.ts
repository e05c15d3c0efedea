import { fullName, repoHtmlUrl } from '../context.js';
import type { Issue, PullRequest } from '../model.js';
import { REPO_ID } from '../rest/shapes.js';
import { ownerNode } from './actor.js';
import { commitFrom, commitNode, gitObject, notFoundError } from './commit.js';
import { connection, type ConnectionArgs } from './connection.js';
import type { GqlContext, GqlObject } from './context.js';
import { issueNode } from './issue.js';
import { pullRequestNode, pullState } from './pull-request.js';

interface Order {
  field?: string;
  direction?: 'ASC' | 'DESC';
}

/** Orders PRs or issues like GitHub's IssueOrder (CREATED_AT, UPDATED_AT, COMMENTS); default creation ascending. */
function ordered<T extends { number: number; createdAt: string; updatedAt: string }>(
  items: T[],
  orderBy?: Order | null,
): T[] {
  const key = (x: T) =>
    (orderBy?.field === 'UPDATED_AT' ? x.updatedAt : x.createdAt) + String(x.number).padStart(9, '0');
  const sorted = [...items].sort((a, b) => key(a).localeCompare(key(b)));
  return orderBy?.direction === 'DESC' ? sorted.reverse() : sorted;
}

export interface PullFilter extends ConnectionArgs {
  states?: string[] | null;
  headRefName?: string | null;
  baseRefName?: string | null;
  labels?: string[] | null;
  orderBy?: Order | null;
}

export function pullConnection(g: GqlContext, prs: PullRequest[], args: PullFilter) {
  let list = prs;
  if (args.states?.length) list = list.filter((pr) => args.states?.includes(pullState(pr)));
  if (args.headRefName) list = list.filter((pr) => pr.head === args.headRefName);
  if (args.baseRefName) list = list.filter((pr) => pr.base === args.baseRefName);
  if (args.labels?.length) list = list.filter((pr) => args.labels?.some((l) => pr.labels.includes(l)));
  return connection(
    ordered(list, args.orderBy).map((pr) => pullRequestNode(g, pr)),
    args,
  );
}

/** A Ref by full name (`refs/heads/x`), or null when it does not exist. */
export async function refNode(g: GqlContext, qualified: string): Promise<GqlObject | null> {
  const prefix = qualified.startsWith('refs/tags/') ? 'refs/tags/' : 'refs/heads/';
  const name = qualified.slice(prefix.length);
  const sha = prefix === 'refs/heads/' ? await g.branchSha(name) : await g.ctx.git.resolve(qualified);
  if (!sha) return null;
  return {
    __typename: 'Ref',
    id: `REF_${Buffer.from(qualified).toString('base64url')}`,
    name,
    prefix,
    target: () => commitNode(g, sha),
    repository: () => repositoryNode(g),
    branchProtectionRule: null,
    refUpdateRule: null,
    associatedPullRequests: (args: PullFilter) =>
      pullConnection(
        g,
        g.ctx.store.pullRequests.filter(
          (pr) => prefix === 'refs/heads/' && pr.head === name && !g.ctx.store.isFork(pr),
        ),
        args,
      ),
    /** This ref is the BASE; `headRef` the head: aheadBy = commits of headRef this ref lacks. */
    compare: async ({ headRef }: { headRef: string }) => {
      const headSha = await resolveRefName(g, headRef);
      if (!headSha) return null;
      const { aheadBy, behindBy } = await g.ctx.git.aheadBehind(sha, headSha);
      const status =
        aheadBy === 0 && behindBy === 0
          ? 'IDENTICAL'
          : behindBy === 0
            ? 'AHEAD'
            : aheadBy === 0
              ? 'BEHIND'
              : 'DIVERGED';
      return {
        __typename: 'Comparison',
        id: `CMP_${sha.slice(0, 10)}_${headSha.slice(0, 10)}`,
        aheadBy,
        behindBy,
        status,
        baseTarget: () => commitNode(g, sha),
        headTarget: () => commitNode(g, headSha),
        commits: async (args: ConnectionArgs) => {
          const commits = (await g.ctx.git.log([headSha, `^${sha}`], { max: 250 })).reverse();
          return connection(
            commits.map((c) => commitFrom(g, c)),
            args,
          );
        },
      };
    },
  };
}

/** GitHub resolves a ref name fully qualified first, then as a short name. */
async function resolveRefName(g: GqlContext, name: string): Promise<string | null> {
  if (name.startsWith('refs/')) return g.ctx.git.resolve(name);
  return (await g.branchSha(name)) ?? (await g.ctx.git.resolve(`refs/tags/${name}`));
}

async function qualify(g: GqlContext, name: string): Promise<string | null> {
  if (name.startsWith('refs/')) return name;
  if (await g.branchSha(name)) return `refs/heads/${name}`;
  if (await g.ctx.git.resolve(`refs/tags/${name}`)) return `refs/tags/${name}`;
  return null;
}

export function repositoryNode(g: GqlContext): GqlObject & { owner: GqlObject } {
  const { ctx } = g;
  const s = ctx.store.settings;
  const url = repoHtmlUrl(ctx);
  const issuesOnly = (): Issue[] => ctx.store.issues;
  return {
    __typename: 'Repository',
    id: `R_${REPO_ID}`,
    databaseId: REPO_ID,
    name: ctx.repo,
    nameWithOwner: fullName(ctx),
    owner: ownerNode(g),
    url,
    resourcePath: new URL(url).pathname,
    sshUrl: `git@127.0.0.1:${fullName(ctx)}.git`,
    description: null,
    homepageUrl: null,
    isPrivate: false,
    isFork: false,
    isArchived: false,
    isDisabled: false,
    isLocked: false,
    isTemplate: false,
    isMirror: false,
    isEmpty: async () => (await ctx.git.listRefs('refs/heads/')).length === 0,
    visibility: 'PUBLIC',
    hasIssuesEnabled: true,
    hasWikiEnabled: false,
    hasProjectsEnabled: true,
    mergeCommitAllowed: s.allowMergeCommit,
    squashMergeAllowed: s.allowSquashMerge,
    rebaseMergeAllowed: s.allowRebaseMerge,
    autoMergeAllowed: false,
    deleteBranchOnMerge: false,
    viewerPermission: 'WRITE',
    viewerDefaultMergeMethod: 'MERGE',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    pushedAt: '2026-01-01T00:00:00Z',
    forkCount: 0,
    stargazerCount: 0,
    defaultBranchRef: () => refNode(g, `refs/heads/${ctx.defaultBranch}`),
    ref: async ({ qualifiedName }: { qualifiedName: string }) => {
      const qualified = await qualify(g, qualifiedName);
      return qualified ? refNode(g, qualified) : null;
    },
    refs: async (
      args: ConnectionArgs & {
        refPrefix: string;
        query?: string | null;
        direction?: 'ASC' | 'DESC' | null;
        orderBy?: Order | null;
      },
    ) => {
      let refs = (await ctx.git.listRefs(args.refPrefix)).filter((r) => r.ref.startsWith(args.refPrefix));
      if (args.query)
        refs = refs.filter((r) => r.ref.slice(args.refPrefix.length).includes(args.query as string));
      if ((args.orderBy?.direction ?? args.direction) === 'DESC') refs.reverse();
      const nodes = await Promise.all(refs.map((r) => refNode(g, r.ref)));
      return connection(
        nodes.filter((n) => n !== null),
        args,
      );
    },
    object: async ({ oid, expression }: { oid?: string | null; expression?: string | null }) => {
      if (oid) return gitObject(g, oid);
      if (!expression) return null;
      const colon = expression.indexOf(':');
      return colon < 0
        ? gitObject(g, expression)
        : gitObject(g, expression.slice(0, colon), expression.slice(colon + 1));
    },
    pullRequest: ({ number }: { number: number }) => {
      const pr = ctx.store.pullRequest(number);
      if (!pr) throw notFoundError(`Could not resolve to a PullRequest with the number of ${number}.`);
      return pullRequestNode(g, pr);
    },
    pullRequests: (args: PullFilter) => pullConnection(g, ctx.store.pullRequests, args),
    issue: ({ number }: { number: number }) => {
      const issue = ctx.store.issue(number);
      if (!issue) throw notFoundError(`Could not resolve to an Issue with the number of ${number}.`);
      return issueNode(g, issue);
    },
    issueOrPullRequest: ({ number }: { number: number }) => {
      const issue = ctx.store.issue(number);
      if (issue) return issueNode(g, issue);
      const pr = ctx.store.pullRequest(number);
      if (pr) return pullRequestNode(g, pr);
      throw notFoundError(`Could not resolve to an issue or pull request with the number of ${number}.`);
    },
    issues: (
      args: ConnectionArgs & {
        states?: string[] | null;
        labels?: string[] | null;
        orderBy?: Order | null;
        filterBy?: { createdBy?: string; labels?: string[]; states?: string[] } | null;
      },
    ) => {
      let list = issuesOnly();
      const states = args.states ?? args.filterBy?.states;
      const labels = args.labels ?? args.filterBy?.labels;
      if (states?.length) list = list.filter((i) => states.includes(i.state.toUpperCase()));
      if (labels?.length) list = list.filter((i) => labels.some((l) => i.labels.includes(l)));
      if (args.filterBy?.createdBy) list = list.filter((i) => i.user === args.filterBy?.createdBy);
      return connection(
        ordered(list, args.orderBy).map((i) => issueNode(g, i)),
        args,
      );
    },
  };
}
