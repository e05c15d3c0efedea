import type { EmulatorContext } from '../context.js';
import { repoApiUrl, repoHtmlUrl } from '../context.js';
import { bodyOf, HttpError, list, notFound, ok, str, validationFailed, type Route } from '../http.js';
import { commit, fullRepository, user } from './shapes.js';

/** Repository, contents, branches and the merges endpoint. */
export function repoRoutes(ctx: EmulatorContext): Route[] {
  const branchShape = async (name: string, sha: string) => {
    const c = await ctx.git.commit(sha);
    return {
      name,
      commit: c ? commit(ctx, c) : { sha, url: `${repoApiUrl(ctx)}/commits/${sha}` },
      _links: { self: `${repoApiUrl(ctx)}/branches/${name}`, html: `${repoHtmlUrl(ctx)}/tree/${name}` },
      protected: name === ctx.defaultBranch && ctx.store.settings.requiredApprovingReviewCount > 0,
      protection: {
        enabled: false,
        required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
      },
      protection_url: `${repoApiUrl(ctx)}/branches/${name}/protection`,
    };
  };

  return [
    { method: 'GET', template: '/repos/{owner}/{repo}', handler: () => ok(fullRepository(ctx)) },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/contents/{path+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const ref = req.query.get('ref') ?? ctx.defaultBranch;
        const content = await ctx.git.content(ref, req.params.path ?? '');
        if (!content)
          throw new HttpError(404, 'Not Found', {
            documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
          });
        const api = (path: string) => `${repoApiUrl(ctx)}/contents/${path}?ref=${encodeURIComponent(ref)}`;
        const links = (path: string, sha: string, kind: string) => ({
          url: api(path),
          html_url: `${repoHtmlUrl(ctx)}/${kind === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`,
          git_url: `${repoApiUrl(ctx)}/git/${kind === 'dir' ? 'trees' : 'blobs'}/${sha}`,
          download_url: kind === 'dir' ? null : `${repoHtmlUrl(ctx)}/raw/${ref}/${path}`,
        });
        if (content.type === 'dir') {
          return ok(
            content.entries.map((e) => {
              const l = links(e.path, e.sha, e.type);
              return {
                type: e.type,
                size: e.size,
                name: e.name,
                path: e.path,
                sha: e.sha,
                ...l,
                _links: { self: l.url, git: l.git_url, html: l.html_url },
              };
            }),
          );
        }
        const l = links(content.path, content.sha, 'file');
        return ok({
          type: 'file',
          encoding: 'base64',
          size: content.size,
          name: content.name,
          path: content.path,
          content: (content.content.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n',
          sha: content.sha,
          ...l,
          _links: { self: l.url, git: l.git_url, html: l.html_url },
        });
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/branches',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const refs = await ctx.git.listRefs('refs/heads/');
        const branches = refs.map((r) => ({ name: r.ref.replace(/^refs\/heads\//, ''), sha: r.sha }));
        return list(req, branches, (b) => ({
          name: b.name,
          commit: { sha: b.sha, url: `${repoApiUrl(ctx)}/commits/${b.sha}` },
          protected: false,
        }));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/branches/{branch+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const name = req.params.branch ?? '';
        const sha = await ctx.git.branchSha(name);
        if (!sha)
          throw new HttpError(404, 'Branch not found', {
            documentation_url: 'https://docs.github.com/rest/branches/branches#get-a-branch',
          });
        return ok(await branchShape(name, sha));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/merges',
      permission: ['contents', 'write'],
      handler: async (req) => {
        const body = bodyOf(req);
        const base = str(body.base);
        const head = str(body.head);
        if (!base || !head)
          throw validationFailed([
            { resource: 'Merge', field: base ? 'head' : 'base', code: 'missing_field' },
          ]);
        const baseSha = await ctx.git.branchSha(base);
        if (!baseSha) throw new HttpError(404, 'Base does not exist');
        const headSha = await ctx.git.resolve(head);
        if (!headSha) throw new HttpError(404, 'Head does not exist');
        if (await ctx.git.isAncestor(headSha, baseSha)) return { status: 204 };
        const outcome = await ctx.git.merge(base, headSha, {
          message: str(body.commit_message) ?? `Merge ${head} into ${base}`,
          author: { name: req.login, email: `${req.login}@users.noreply.github.com` },
        });
        if ('conflict' in outcome) throw new HttpError(409, 'Merge conflict');
        const c = await ctx.git.commit(outcome.sha);
        if (!c) throw notFound();
        return ok(commit(ctx, c), 201);
      },
    },
    {
      method: 'GET',
      template: '/user',
      handler: (req) =>
        ok({
          ...user(ctx, req.login),
          name: req.login,
          company: null,
          blog: '',
          location: null,
          email: null,
          hireable: null,
          bio: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
        }),
    },
    {
      method: 'GET',
      template: '/rate_limit',
      handler: () => {
        const reset = Math.floor(Date.now() / 1000) + 3600;
        const core = { limit: 5000, used: 0, remaining: 5000, reset };
        return ok({
          resources: { core, graphql: core, search: { ...core, limit: 30, remaining: 30 } },
          rate: core,
        });
      },
    },
  ];
}
