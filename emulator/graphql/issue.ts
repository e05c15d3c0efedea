import { repoHtmlUrl } from '../context.js';
import type { Issue, IssueComment } from '../model.js';
import { actorNode } from './actor.js';
import { connection, type ConnectionArgs } from './connection.js';
import type { GqlContext, GqlObject } from './context.js';
import { labelNode, pullRequestNode } from './pull-request.js';
import { repositoryNode } from './repository.js';

export function issueNode(g: GqlContext, i: Issue): GqlObject {
  const url = `${repoHtmlUrl(g.ctx)}/issues/${i.number}`;
  return {
    __typename: 'Issue',
    id: i.nodeId,
    databaseId: i.id,
    fullDatabaseId: String(i.id),
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    bodyText: i.body ?? '',
    bodyHTML: i.body ?? '',
    url,
    resourcePath: new URL(url).pathname,
    state: i.state.toUpperCase(),
    stateReason: () => (i.stateReason ? i.stateReason.toUpperCase() : null),
    closed: i.state === 'closed',
    closedAt: i.closedAt,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    publishedAt: i.createdAt,
    lastEditedAt: null,
    locked: i.locked,
    activeLockReason: null,
    author: () => actorNode(g, i.user),
    authorAssociation: i.user === g.ctx.owner ? 'OWNER' : 'NONE',
    viewerDidAuthor: i.user === g.login,
    repository: () => repositoryNode(g),
    labels: (args: ConnectionArgs) =>
      connection(
        i.labels.map((name) => labelNode(g, name)),
        args,
      ),
    comments: (args: ConnectionArgs) =>
      connection(
        g.ctx.store.commentsOf(i.number).map((c) => commentNode(g, c)),
        args,
      ),
    assignees: (args: ConnectionArgs) => connection([], args),
    milestone: null,
  };
}

export function commentNode(g: GqlContext, c: IssueComment): GqlObject {
  const pr = g.ctx.store.pullRequest(c.issueNumber);
  const issue = g.ctx.store.issue(c.issueNumber);
  const url = `${repoHtmlUrl(g.ctx)}/${pr ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`;
  return {
    __typename: 'IssueComment',
    id: c.nodeId,
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    body: c.body,
    bodyText: c.body,
    bodyHTML: c.body,
    url,
    resourcePath: new URL(url).pathname,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    publishedAt: c.createdAt,
    lastEditedAt: c.updatedAt === c.createdAt ? null : c.updatedAt,
    author: () => actorNode(g, c.user),
    authorAssociation: c.user === g.ctx.owner ? 'OWNER' : 'NONE',
    viewerDidAuthor: c.user === g.login,
    isMinimized: false,
    minimizedReason: null,
    issue: () => (issue ? issueNode(g, issue) : null),
    pullRequest: () => (pr ? pullRequestNode(g, pr) : null),
    repository: () => repositoryNode(g),
  };
}
