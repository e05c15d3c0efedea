import type { EmulatorContext } from '../context.js';
import { repoApiUrl, repoHtmlUrl } from '../context.js';
import { HttpError, notFound, ok, pageWindow, type Route } from '../http.js';
import type { PullRequest } from '../model.js';
import { commit, diffEntry, pullRequestSimple } from './shapes.js';

export const noCommit = (ref: string) =>
  new HttpError(422, `No commit found for SHA: ${ref}`, {
    documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit',
  });

/** Commits, comparisons and the pull requests of a commit, all read live from the bare repository. */
export function commitRoutes(ctx: EmulatorContext): Route[] {
  /** `owner:branch` or `branch` or a sha, as GitHub's compare accepts them. */
  const resolveSide = async (side: string): Promise<string | null> => {
    const colon = side.indexOf(':');
    const name = colon >= 0 ? side.slice(colon + 1) : side;
    if (colon >= 0 && side.slice(0, colon).toLowerCase() !== ctx.owner.toLowerCase()) return null;
    return ctx.git.resolve(name);
  };

  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const rev = req.query.get('sha') ?? ctx.defaultBranch;
        const sha = await ctx.git.resolve(rev);
        if (!sha) throw notFound();
        const path = req.query.get('path') ?? undefined;
        const since = req.query.get('since') ?? undefined;
        const until = req.query.get('until') ?? undefined;
        const all = await ctx.git.log([sha], { path, since, until });
        const { offset, limit, headers } = pageWindow(req, all.length);
        return ok(
          all.slice(offset, offset + limit).map((c) => commit(ctx, c)),
          200,
          headers,
        );
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{ref+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const ref = req.params.ref ?? '';
        const c = await ctx.git.commit(ref);
        if (!c) throw noCommit(ref);
        const files = c.parents[0]
          ? await ctx.git.diffFiles(c.parents[0], c.sha)
          : await ctx.git.diffFiles('4b825dc642cb6eb9a060e54bf8d69288fbee4904', c.sha);
        return ok(commit(ctx, c, files));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/compare/{basehead+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const spec = req.params.basehead ?? '';
        const m = /^(.+?)(\.\.\.?)(.+)$/.exec(spec);
        if (!m) throw notFound();
        const [, base = '', , head = ''] = m;
        const [baseSha, headSha] = await Promise.all([resolveSide(base), resolveSide(head)]);
        if (!baseSha || !headSha) throw notFound();
        const cmp = await ctx.git.compare(baseSha, headSha);
        const [baseCommit, mergeBaseCommit] = await Promise.all([
          ctx.git.commit(baseSha),
          cmp.mergeBase ? ctx.git.commit(cmp.mergeBase) : null,
        ]);
        if (!baseCommit) throw notFound();
        const paged = req.query.has('page') || req.query.has('per_page');
        const { offset, limit, headers } = pageWindow(req, cmp.commits.length);
        const commits = paged ? cmp.commits.slice(offset, offset + limit) : cmp.commits;
        return ok(
          {
            url: `${repoApiUrl(ctx)}/compare/${spec}`,
            html_url: `${repoHtmlUrl(ctx)}/compare/${spec}`,
            permalink_url: `${repoHtmlUrl(ctx)}/compare/${ctx.owner}:${baseSha.slice(0, 7)}...${ctx.owner}:${headSha.slice(0, 7)}`,
            diff_url: `${repoHtmlUrl(ctx)}/compare/${spec}.diff`,
            patch_url: `${repoHtmlUrl(ctx)}/compare/${spec}.patch`,
            base_commit: commit(ctx, baseCommit),
            merge_base_commit: commit(ctx, mergeBaseCommit ?? baseCommit),
            status: cmp.status,
            ahead_by: cmp.aheadBy,
            behind_by: cmp.behindBy,
            total_commits: cmp.aheadBy,
            commits: commits.map((c) => commit(ctx, c)),
            files: cmp.files.map((f) => diffEntry(ctx, f, headSha)),
          },
          200,
          paged ? headers : {},
        );
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
      permission: ['pull_requests', 'read'],
      handler: async (req) => {
        const ref = req.params.commit_sha ?? '';
        const sha = await ctx.git.resolve(ref);
        if (!sha) throw noCommit(ref);
        const found: { pr: PullRequest; head: string | null; base: string | null }[] = [];
        for (const pr of ctx.store.pullRequests) {
          if (ctx.store.isFork(pr)) continue;
          const head = await ctx.store.headSha(pr);
          if (!head) continue;
          const base = await ctx.store.baseSha(pr);
          const contains = head === sha || (await ctx.git.isAncestor(sha, head));
          const alreadyInBase = !pr.merged && base !== null && (await ctx.git.isAncestor(sha, base));
          if (pr.mergeCommitSha === sha || (contains && !alreadyInBase)) found.push({ pr, head, base });
        }
        const { offset, limit, headers } = pageWindow(req, found.length);
        return ok(
          found
            .slice(offset, offset + limit)
            .map((f) => pullRequestSimple(ctx, f.pr, { headSha: f.head, baseSha: f.base })),
          200,
          headers,
        );
      },
    },
  ];
}
