import type { EmulatorContext } from '../context.js';
import { fullName } from '../context.js';
import {
  bodyOf,
  HttpError,
  intParam,
  list,
  notFound,
  ok,
  pageWindow,
  str,
  validationFailed,
  type Route,
} from '../http.js';
import { isoSeconds, type PullRequest } from '../model.js';
import { mergeRefusal, type MergeMethod } from '../rules.js';
import { commit, diffEntry, pullRequest, pullRequestSimple } from './shapes.js';

const notMergeable = (message: string, status = 405) =>
  new HttpError(status, message, {
    documentation_url: 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request',
  });

export async function pullShas(ctx: EmulatorContext, pr: PullRequest, heads?: Map<string, string>) {
  const [headSha, baseSha] = await Promise.all([ctx.store.headSha(pr, heads), ctx.store.baseSha(pr, heads)]);
  return { headSha, baseSha };
}

/** The single-PR shape, with mergeability and diff stats computed from git. */
export async function renderPull(ctx: EmulatorContext, pr: PullRequest) {
  const shas = await pullShas(ctx, pr);
  let details = {
    mergeable: null as boolean | null,
    commits: 0,
    additions: 0,
    deletions: 0,
    changedFiles: 0,
  };
  if (shas.headSha && shas.baseSha && (await ctx.git.objectExists(shas.headSha))) {
    const cmp = await ctx.git.compare(shas.baseSha, shas.headSha, { withCommits: false });
    const mergeable =
      pr.state === 'open' ? (await ctx.git.git.mergeTree(shas.baseSha, shas.headSha)).clean : null;
    details = {
      mergeable,
      commits: cmp.aheadBy,
      additions: cmp.files.reduce((n, f) => n + f.additions, 0),
      deletions: cmp.files.reduce((n, f) => n + f.deletions, 0),
      changedFiles: cmp.files.length,
    };
  }
  return pullRequest(ctx, pr, shas, details);
}

export function findPull(ctx: EmulatorContext, number: number): PullRequest {
  const pr = ctx.store.pullRequest(number);
  if (!pr) throw notFound();
  return pr;
}

/** Pull requests: list, get, create, update, merge, and their commits and files. */
export function pullRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls',
      permission: ['pull_requests', 'read'],
      handler: async (req) => {
        const state = req.query.get('state') ?? 'open';
        const head = req.query.get('head');
        const base = req.query.get('base');
        const sort = req.query.get('sort') ?? 'created';
        const direction = req.query.get('direction') ?? (sort === 'created' ? 'desc' : 'desc');
        let prs = ctx.store.pullRequests.filter((pr) => state === 'all' || pr.state === state);
        // GitHub filters by head only in `owner:branch` form; a bare branch name is ignored.
        if (head && head.includes(':')) {
          const [owner = '', branch = ''] = head.split(/:(.*)/s);
          prs = prs.filter(
            (pr) =>
              pr.head === branch && pr.headRepoFullName.split('/')[0]?.toLowerCase() === owner.toLowerCase(),
          );
        }
        if (base) prs = prs.filter((pr) => pr.base === base);
        const key = (pr: PullRequest) =>
          (sort === 'updated' ? pr.updatedAt : sort === 'created' ? pr.createdAt : pr.createdAt) +
          String(pr.number).padStart(9, '0');
        prs = [...prs].sort((a, b) => key(a).localeCompare(key(b)));
        if (direction === 'desc') prs.reverse();
        const { offset, limit, headers } = pageWindow(req, prs.length);
        const page = prs.slice(offset, offset + limit);
        const heads = await ctx.git.headsMap();
        const rendered = await Promise.all(
          page.map(async (pr) => pullRequestSimple(ctx, pr, await pullShas(ctx, pr, heads))),
        );
        return ok(rendered, 200, headers);
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}',
      permission: ['pull_requests', 'read'],
      handler: async (req) => ok(await renderPull(ctx, findPull(ctx, intParam(req, 'pull_number')))),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/pulls',
      permission: ['pull_requests', 'write'],
      handler: async (req) => {
        const body = bodyOf(req);
        const title = str(body.title);
        const headSpec = str(body.head);
        const base = str(body.base);
        if (!headSpec)
          throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'missing_field' }]);
        if (!base)
          throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'missing_field' }]);
        if (!title && body.issue === undefined)
          throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
        const [headOwner, headBranch] = headSpec.includes(':')
          ? (headSpec.split(/:(.*)/s) as [string, string])
          : [ctx.owner, headSpec];
        if (headOwner.toLowerCase() !== ctx.owner.toLowerCase())
          throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        const [headSha, baseSha] = await Promise.all([
          ctx.git.branchSha(headBranch),
          ctx.git.branchSha(base),
        ]);
        if (!baseSha) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        if (!headSha) throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        const existing = ctx.store.pullRequests.find(
          (p) => p.state === 'open' && p.head === headBranch && p.base === base && !ctx.store.isFork(p),
        );
        if (existing)
          throw validationFailed([
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${ctx.owner}:${headBranch}.`,
            },
          ]);
        if ((await ctx.git.count([headSha, `^${baseSha}`])) === 0)
          throw validationFailed([
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `No commits between ${base} and ${headBranch}`,
            },
          ]);
        const pr = ctx.store.createPullRequest({
          head: headBranch,
          base,
          title: title ?? headBranch,
          body: str(body.body) ?? null,
          draft: body.draft === true,
          user: req.login,
          headSha,
        });
        return ok(await renderPull(ctx, pr), 201, {
          location: `${ctx.apiUrl}/repos/${fullName(ctx)}/pulls/${pr.number}`,
        });
      },
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}',
      permission: ['pull_requests', 'write'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const body = bodyOf(req);
        if (typeof body.title === 'string') pr.title = body.title;
        if (typeof body.body === 'string' || body.body === null)
          pr.body = (body.body as string | null) ?? null;
        if (typeof body.base === 'string') {
          if (!(await ctx.git.branchSha(body.base)))
            throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
          pr.base = body.base;
        }
        if (body.state === 'closed') ctx.store.closePullRequest(pr.number);
        if (body.state === 'open' && pr.state === 'closed') {
          if (pr.merged)
            throw validationFailed([
              { resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request' },
            ]);
          ctx.store.reopenPullRequest(pr.number);
        }
        pr.updatedAt = isoSeconds();
        return ok(await renderPull(ctx, pr));
      },
    },
    {
      method: 'PUT',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      permission: ['contents', 'write'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const body = bodyOf(req);
        const method = (str(body.merge_method) ?? 'merge') as MergeMethod;
        if (!['merge', 'squash', 'rebase'].includes(method))
          throw validationFailed([{ resource: 'PullRequest', field: 'merge_method', code: 'invalid' }]);
        const refusal = await mergeRefusal(ctx, pr, method, str(body.sha));
        if (refusal) throw notMergeable(refusal.message, refusal.status);
        const merged = await ctx.store.mergePullRequest(pr.number, {
          method,
          by: req.login,
          commitTitle: str(body.commit_title),
          commitMessage: str(body.commit_message),
        });
        return ok({ sha: merged.mergeCommitSha, merged: true, message: 'Pull Request successfully merged' });
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      permission: ['pull_requests', 'read'],
      handler: (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        if (!pr.merged) throw notFound();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
      permission: ['pull_requests', 'read'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const { headSha, baseSha } = await pullShas(ctx, pr);
        if (!headSha) return list(req, [], (x) => x);
        const exclude =
          pr.merged && pr.mergeCommitSha ? `^${pr.mergeCommitSha}^1` : baseSha ? `^${baseSha}` : null;
        const commits = (await ctx.git.log(exclude ? [headSha, exclude] : [headSha], { max: 250 })).reverse();
        return list(req, commits, (c) => commit(ctx, c));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      permission: ['pull_requests', 'read'],
      handler: async (req) => {
        const pr = findPull(ctx, intParam(req, 'pull_number'));
        const { headSha, baseSha } = await pullShas(ctx, pr);
        if (!headSha || !baseSha) return list(req, [], (x) => x);
        const mergeBase = (await ctx.git.git.mergeBase(baseSha, headSha)) ?? baseSha;
        const files = await ctx.git.diffFiles(mergeBase, headSha);
        return list(req, files, (f) => diffEntry(ctx, f, headSha));
      },
    },
  ];
}
