import type { EmulatorContext } from '../context.js';
import { repoApiUrl } from '../context.js';
import { bodyOf, HttpError, noContent, notFound, ok, str, type Route } from '../http.js';
import { gitCommit, gitRef } from './shapes.js';

const unprocessable = (message: string) =>
  new HttpError(422, message, { documentation_url: 'https://docs.github.com/rest/git/refs' });

/** Git references and commit objects of the Git database API, read and written on the bare repository. */
export function gitRefRoutes(ctx: EmulatorContext): Route[] {
  const fullRef = (ref: string) => (ref.startsWith('refs/') ? ref : `refs/${ref}`);
  const readRef = async (ref: string) =>
    (await ctx.git.listRefs(fullRef(ref))).find((r) => r.ref === fullRef(ref));

  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/git/ref/{ref+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const found = await readRef(req.params.ref ?? '');
        if (!found) throw notFound();
        return ok(gitRef(ctx, found.ref, found.sha, found.type));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/git/matching-refs/{ref+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const prefix = fullRef(req.params.ref ?? '');
        const refs = (await ctx.git.listRefs('refs/')).filter((r) => r.ref.startsWith(prefix));
        return ok(refs.map((r) => gitRef(ctx, r.ref, r.sha, r.type)));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/git/refs/{ref+}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const found = await readRef(req.params.ref ?? '');
        if (found) return ok(gitRef(ctx, found.ref, found.sha, found.type));
        const prefix = `${fullRef(req.params.ref ?? '')}/`;
        const refs = (await ctx.git.listRefs('refs/')).filter((r) => r.ref.startsWith(prefix));
        if (refs.length === 0) throw notFound();
        return ok(refs.map((r) => gitRef(ctx, r.ref, r.sha, r.type)));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/git/refs',
      permission: ['contents', 'write'],
      handler: async (req) => {
        const body = bodyOf(req);
        const ref = str(body.ref);
        const sha = str(body.sha);
        if (!ref || !/^refs\/[^/]+\/.+/.test(ref)) throw unprocessable('Reference name is not valid');
        if (!sha || !(await ctx.git.objectExists(sha))) throw unprocessable('Object does not exist');
        if (await readRef(ref)) throw unprocessable('Reference already exists');
        await ctx.git.updateRef(ref, sha, '');
        return ok(gitRef(ctx, ref, sha), 201, { location: `${repoApiUrl(ctx)}/git/${ref}` });
      },
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/git/refs/{ref+}',
      permission: ['contents', 'write'],
      handler: async (req) => {
        const body = bodyOf(req);
        const ref = fullRef(req.params.ref ?? '');
        const sha = str(body.sha);
        const current = await readRef(ref);
        if (!current) throw unprocessable('Reference does not exist');
        if (!sha || !(await ctx.git.objectExists(sha))) throw unprocessable('Object does not exist');
        if (body.force !== true && !(await ctx.git.isAncestor(current.sha, sha)))
          throw unprocessable('Update is not a fast forward');
        await ctx.git.updateRef(ref, sha, current.sha);
        return ok(gitRef(ctx, ref, sha));
      },
    },
    {
      method: 'DELETE',
      template: '/repos/{owner}/{repo}/git/refs/{ref+}',
      permission: ['contents', 'write'],
      handler: async (req) => {
        const ref = fullRef(req.params.ref ?? '');
        if (!(await readRef(ref))) throw unprocessable('Reference does not exist');
        await ctx.git.deleteRef(ref);
        return noContent();
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/git/commits/{commit_sha}',
      permission: ['contents', 'read'],
      handler: async (req) => {
        const c = await ctx.git.commit(req.params.commit_sha ?? '');
        if (!c || c.sha !== req.params.commit_sha) throw notFound();
        return ok({
          sha: c.sha,
          node_id: `C_${c.sha.slice(0, 12)}`,
          ...gitCommit(ctx, c),
          html_url: `${ctx.htmlUrl}/${ctx.owner}/${ctx.repo}/commit/${c.sha}`,
          parents: c.parents.map((p) => ({
            sha: p,
            url: `${repoApiUrl(ctx)}/git/commits/${p}`,
            html_url: `${ctx.htmlUrl}/${ctx.owner}/${ctx.repo}/commit/${p}`,
          })),
        });
      },
    },
  ];
}
