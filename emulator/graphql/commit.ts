import { GraphQLError } from 'graphql';
import { repoHtmlUrl } from '../context.js';
import type { CommitInfo, Signature } from '../git-repo.js';
import { isBotLogin } from '../model.js';
import { actorNode } from './actor.js';
import { checkSuiteNode, rollupNode, statusNode } from './checks.js';
import { connection, window, windowed, type ConnectionArgs } from './connection.js';
import type { GqlContext, GqlObject } from './context.js';
import { pullRequestNode } from './pull-request.js';
import { repositoryNode } from './repository.js';

/** GitActor: the name/email/date of a commit, linked to a user when the email is a noreply address. */
function gitActor(g: GqlContext, sig: Signature) {
  const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(sig.email)?.[1];
  return {
    __typename: 'GitActor',
    name: sig.name,
    email: sig.email,
    date: sig.date,
    avatarUrl: () => `${g.ctx.htmlUrl}/avatars/${encodeURIComponent(sig.email)}`,
    user: () => (login && !isBotLogin(login) ? actorNode(g, login, 'User') : null),
  };
}

/** A Commit by sha; git data is read lazily and once per request. Null when the object is unknown. */
export async function commitNode(g: GqlContext, sha: string): Promise<GqlObject | null> {
  const c = await g.commit(sha);
  return c ? commitFrom(g, c) : null;
}

export function commitFrom(g: GqlContext, c: CommitInfo): GqlObject {
  const [headline = '', ...rest] = c.message.split('\n');
  const url = `${repoHtmlUrl(g.ctx)}/commit/${c.sha}`;
  const diff = () => g.ctx.git.diffFiles(c.parents[0] ?? '4b825dc642cb6eb9a060e54bf8d69288fbee4904', c.sha);
  return {
    __typename: 'Commit',
    id: `C_${c.sha}`,
    oid: c.sha,
    abbreviatedOid: c.sha.slice(0, 7),
    message: c.message,
    messageHeadline: headline,
    messageBody: rest.join('\n').replace(/^\n+/, ''),
    committedDate: c.committer.date,
    authoredDate: c.author.date,
    pushedDate: null,
    authoredByCommitter: c.author.email === c.committer.email && c.author.name === c.committer.name,
    committedViaWeb: false,
    url,
    commitUrl: url,
    resourcePath: new URL(url).pathname,
    commitResourcePath: new URL(url).pathname,
    treeUrl: `${repoHtmlUrl(g.ctx)}/tree/${c.sha}`,
    tree: { __typename: 'Tree', id: `T_${c.tree}`, oid: c.tree, abbreviatedOid: c.tree.slice(0, 7) },
    signature: null,
    author: gitActor(g, c.author),
    committer: gitActor(g, c.committer),
    authors: (args: ConnectionArgs) => connection([gitActor(g, c.author)], args),
    additions: async () => (await diff()).reduce((n, f) => n + f.additions, 0),
    deletions: async () => (await diff()).reduce((n, f) => n + f.deletions, 0),
    changedFiles: async () => (await diff()).length,
    changedFilesIfAvailable: async () => (await diff()).length,
    repository: () => repositoryNode(g),
    parents: async (args: ConnectionArgs) =>
      connection(await Promise.all(c.parents.map((p) => commitNode(g, p))), args),
    history: (
      args: ConnectionArgs & { path?: string | null; since?: string | null; until?: string | null },
    ) => history(g, c.sha, args),
    statusCheckRollup: () => rollupNode(g, c.sha),
    status: () => statusNode(g, c.sha),
    checkSuites: (args: ConnectionArgs & { filterBy?: { appId?: number; checkName?: string } | null }) => {
      let suites = g.ctx.store.checkSuites.filter((s) => s.headSha === c.sha);
      const name = args.filterBy?.checkName;
      if (name)
        suites = suites.filter((s) =>
          g.ctx.store.checkRuns.some((r) => r.checkSuiteId === s.id && r.name === name),
        );
      return connection(
        suites.map((s) => checkSuiteNode(g, s)),
        args,
      );
    },
    associatedPullRequests: async (args: ConnectionArgs) => {
      const prs = [];
      for (const pr of g.ctx.store.pullRequests) {
        if (g.ctx.store.isFork(pr)) continue;
        const head = await g.ctx.store.headSha(pr);
        if (head === c.sha || pr.mergeCommitSha === c.sha) prs.push(pr);
        else if (pr.state === 'open' && head && (await g.ctx.git.isAncestor(c.sha, head))) {
          const base = await g.branchSha(pr.base);
          if (!base || !(await g.ctx.git.isAncestor(c.sha, base))) prs.push(pr);
        }
      }
      return connection(
        prs.map((pr) => pullRequestNode(g, pr)),
        args,
      );
    },
    file: async ({ path }: { path: string }) => {
      const content = await g.ctx.git.content(c.sha, path);
      if (!content) return null;
      return treeEntry(
        g,
        content.path,
        content.name,
        content.type === 'dir' ? 'tree' : 'blob',
        content.sha,
        c.sha,
      );
    },
  };
}

async function history(
  g: GqlContext,
  sha: string,
  args: ConnectionArgs & { path?: string | null; since?: string | null; until?: string | null },
) {
  const range = {
    path: args.path ?? undefined,
    since: args.since ?? undefined,
    until: args.until ?? undefined,
  };
  const total =
    args.path || args.since || args.until
      ? (await g.ctx.git.log([sha], range)).length
      : await g.ctx.git.count([sha]);
  const { start, end } = window(total, args);
  const page = end > start ? await g.ctx.git.log([sha], { ...range, skip: start, max: end - start }) : [];
  return windowed(
    total,
    start,
    page.map((c) => commitFrom(g, c)),
  );
}

/** A Blob or Tree entry for Repository.object(expression: "ref:path") and Commit.file. */
export function treeEntry(
  g: GqlContext,
  path: string,
  name: string,
  type: 'blob' | 'tree',
  oid: string,
  commitSha: string,
) {
  return {
    __typename: 'TreeEntry',
    name,
    path,
    type,
    oid,
    mode: type === 'tree' ? 16384 : 33188,
    extension: name.includes('.') ? `.${name.split('.').pop()}` : null,
    isGenerated: false,
    object: () => gitObject(g, commitSha, path),
  };
}

/** Repository.object: a Commit by oid or revision, or a Blob/Tree for "rev:path". */
export async function gitObject(g: GqlContext, rev: string, path?: string) {
  if (path === undefined) {
    const sha = await g.ctx.git.resolve(rev);
    return sha ? commitNode(g, sha) : null;
  }
  const content = await g.ctx.git.content(rev, path);
  if (!content) return null;
  if (content.type === 'file') {
    const binary = content.content.includes(0);
    return {
      __typename: 'Blob',
      id: `B_${content.sha}`,
      oid: content.sha,
      abbreviatedOid: content.sha.slice(0, 7),
      byteSize: content.size,
      isBinary: binary,
      isTruncated: false,
      text: binary ? null : content.content.toString('utf8'),
      commitUrl: `${repoHtmlUrl(g.ctx)}/blob/${rev}/${content.path}`,
    };
  }
  return {
    __typename: 'Tree',
    id: `T_${content.sha}`,
    oid: content.sha,
    abbreviatedOid: content.sha.slice(0, 7),
    entries: content.entries.map((e) =>
      treeEntry(g, e.path, e.name, e.type === 'dir' ? 'tree' : 'blob', e.sha, rev),
    ),
  };
}

export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });
}
