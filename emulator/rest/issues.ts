import type { EmulatorContext } from '../context.js';
import { repoApiUrl } from '../context.js';
import {
  bodyOf,
  HttpError,
  intParam,
  list,
  noContent,
  notFound,
  ok,
  str,
  validationFailed,
  type ApiRequest,
  type Route,
} from '../http.js';
import { isoSeconds, type Issue, type PullRequest } from '../model.js';
import { comment, issue, issueOfPull, label } from './shapes.js';

type Entry = { kind: 'issue'; issue: Issue } | { kind: 'pull'; pull: PullRequest };

const labelNames = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .map((l) => (typeof l === 'string' ? l : ((l as { name?: string })?.name ?? '')))
        .filter((l) => l !== '')
    : [];

/** Issues (which, as on GitHub, include pull requests) and issue comments. */
export function issueRoutes(ctx: EmulatorContext): Route[] {
  const entries = (): Entry[] => [
    ...ctx.store.issues.map((i): Entry => ({ kind: 'issue', issue: i })),
    ...ctx.store.pullRequests.map((p): Entry => ({ kind: 'pull', pull: p })),
  ];
  const fields = (e: Entry) =>
    e.kind === 'issue'
      ? {
          number: e.issue.number,
          state: e.issue.state,
          labels: e.issue.labels,
          user: e.issue.user,
          created: e.issue.createdAt,
          updated: e.issue.updatedAt,
        }
      : {
          number: e.pull.number,
          state: e.pull.state,
          labels: e.pull.labels,
          user: e.pull.user,
          created: e.pull.createdAt,
          updated: e.pull.updatedAt,
        };
  const render = (e: Entry) => (e.kind === 'issue' ? issue(ctx, e.issue) : issueOfPull(ctx, e.pull));
  const find = (req: ApiRequest): Entry => {
    const number = intParam(req, 'issue_number');
    const i = ctx.store.issue(number);
    if (i) return { kind: 'issue', issue: i };
    const p = ctx.store.pullRequest(number);
    if (p) return { kind: 'pull', pull: p };
    throw notFound();
  };
  const findComment = (req: ApiRequest) => {
    const c = ctx.store.comments.find((x) => x.id === intParam(req, 'comment_id'));
    if (!c) throw notFound();
    return c;
  };

  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues',
      permission: ['issues', 'read'],
      handler: (req) => {
        const state = req.query.get('state') ?? 'open';
        const wanted = (req.query.get('labels') ?? '')
          .split(',')
          .map((l) => l.trim())
          .filter((l) => l !== '');
        const creator = req.query.get('creator');
        const since = req.query.get('since');
        const sort = req.query.get('sort') ?? 'created';
        const direction = req.query.get('direction') ?? 'desc';
        let items = entries().filter((e) => {
          const f = fields(e);
          return (
            (state === 'all' || f.state === state) &&
            wanted.every((l) => f.labels.includes(l)) &&
            (!creator || f.user === creator) &&
            (!since || f.updated >= since)
          );
        });
        const key = (e: Entry) =>
          (sort === 'updated' ? fields(e).updated : fields(e).created) +
          String(fields(e).number).padStart(9, '0');
        items = items.sort((a, b) => key(a).localeCompare(key(b)));
        if (direction !== 'asc') items.reverse();
        return list(req, items, render);
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues/{issue_number}',
      permission: ['issues', 'read'],
      handler: (req) => ok(render(find(req))),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues',
      permission: ['issues', 'write'],
      handler: (req) => {
        const body = bodyOf(req);
        const title = str(body.title) ?? (typeof body.title === 'number' ? String(body.title) : undefined);
        if (!title) throw validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
        const text = str(body.body) ?? null;
        if (text !== null && text.length > 65536)
          throw validationFailed([
            {
              resource: 'Issue',
              field: 'body',
              code: 'custom',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ]);
        const created = ctx.store.createIssue({
          title,
          body: text,
          user: req.login,
          labels: labelNames(body.labels),
        });
        return ok(issue(ctx, created), 201, { location: `${repoApiUrl(ctx)}/issues/${created.number}` });
      },
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/issues/{issue_number}',
      permission: ['issues', 'write'],
      handler: (req) => {
        const e = find(req);
        const body = bodyOf(req);
        if (typeof body.body === 'string' && body.body.length > 65536)
          throw validationFailed([
            {
              resource: 'Issue',
              field: 'body',
              code: 'custom',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ]);
        const now = isoSeconds();
        if (e.kind === 'pull') {
          const pr = e.pull;
          if (typeof body.title === 'string') pr.title = body.title;
          if (typeof body.body === 'string' || body.body === null)
            pr.body = (body.body as string | null) ?? null;
          if (body.labels !== undefined) pr.labels = labelNames(body.labels);
          if (body.state === 'closed') ctx.store.closePullRequest(pr.number);
          if (body.state === 'open' && pr.state === 'closed' && !pr.merged)
            ctx.store.reopenPullRequest(pr.number);
          pr.updatedAt = now;
          return ok(issueOfPull(ctx, pr));
        }
        const i = e.issue;
        if (typeof body.title === 'string') i.title = body.title;
        if (typeof body.body === 'string' || body.body === null)
          i.body = (body.body as string | null) ?? null;
        if (body.labels !== undefined) i.labels = labelNames(body.labels);
        if (body.state === 'closed' && i.state === 'open') {
          i.state = 'closed';
          i.closedAt = now;
          i.stateReason = body.state_reason === 'not_planned' ? 'not_planned' : 'completed';
        } else if (body.state === 'open' && i.state === 'closed') {
          i.state = 'open';
          i.closedAt = null;
          i.stateReason = 'reopened';
        } else if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
          throw validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid' }]);
        }
        i.updatedAt = now;
        return ok(issue(ctx, i));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      permission: ['issues', 'write'],
      handler: (req) => {
        const e = find(req);
        const body = bodyOf(req);
        const names = labelNames(Array.isArray(req.body) ? req.body : body.labels);
        const target = e.kind === 'issue' ? e.issue : e.pull;
        for (const n of names) if (!target.labels.includes(n)) target.labels.push(n);
        return ok(target.labels.map((l) => label(ctx, l)));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      permission: ['issues', 'read'],
      handler: (req) => {
        const e = find(req);
        const number = e.kind === 'issue' ? e.issue.number : e.pull.number;
        const since = req.query.get('since');
        const comments = ctx.store.commentsOf(number).filter((c) => !since || c.updatedAt >= since);
        return list(req, comments, (c) => comment(ctx, c));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      permission: ['issues', 'write'],
      handler: (req) => {
        const e = find(req);
        const text = str(bodyOf(req).body);
        if (!text)
          throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
        if (text.length > 65536)
          throw validationFailed([
            {
              resource: 'IssueComment',
              field: 'body',
              code: 'custom',
              message: 'Body is too long (maximum is 65536 characters)',
            },
          ]);
        const number = e.kind === 'issue' ? e.issue.number : e.pull.number;
        const c = ctx.store.addComment({ issueNumber: number, body: text, user: req.login });
        return ok(comment(ctx, c), 201, { location: `${repoApiUrl(ctx)}/issues/comments/${c.id}` });
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      permission: ['issues', 'read'],
      handler: (req) => ok(comment(ctx, findComment(req))),
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      permission: ['issues', 'write'],
      handler: (req) => {
        const c = findComment(req);
        const text = str(bodyOf(req).body);
        if (!text)
          throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
        if (text.length > 65536) throw new HttpError(422, 'Body is too long (maximum is 65536 characters)');
        c.body = text;
        c.updatedAt = isoSeconds();
        return ok(comment(ctx, c));
      },
    },
    {
      method: 'DELETE',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      permission: ['issues', 'write'],
      handler: (req) => {
        const c = findComment(req);
        ctx.store.comments.splice(ctx.store.comments.indexOf(c), 1);
        return noContent();
      },
    },
  ];
}
