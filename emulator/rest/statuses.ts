import type { EmulatorContext } from '../context.js';
import { repoApiUrl } from '../context.js';
import { bodyOf, HttpError, list, ok, pageWindow, str, validationFailed, type Route } from '../http.js';
import type { CommitStatus, StatusState } from '../model.js';
import { noCommit } from './commits.js';
import { commitStatus, repository } from './shapes.js';

const STATES: StatusState[] = ['success', 'pending', 'failure', 'error'];

/** GitHub's combined state: failure on any failure or error, pending on any pending or on none at all. */
export function combinedState(statuses: CommitStatus[]): 'success' | 'pending' | 'failure' {
  if (statuses.some((s) => s.state === 'failure' || s.state === 'error')) return 'failure';
  if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

/** Commit statuses (the legacy status API; it never includes check runs). */
export function statusRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{ref+}/statuses',
      permission: ['statuses', 'read'],
      handler: async (req) => {
        const ref = req.params.ref ?? '';
        const sha = await ctx.git.resolve(ref);
        if (!sha) throw noCommit(ref);
        return list(req, ctx.store.statusesFor(sha), (s) => commitStatus(ctx, s));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{ref+}/status',
      permission: ['statuses', 'read'],
      handler: async (req) => {
        const ref = req.params.ref ?? '';
        const sha = await ctx.git.resolve(ref);
        if (!sha) throw noCommit(ref);
        const latest = ctx.store.latestStatusesFor(sha);
        const { offset, limit, headers } = pageWindow(req, latest.length);
        return ok(
          {
            state: combinedState(latest),
            statuses: latest.slice(offset, offset + limit).map((s) => {
              const { creator: _creator, ...rest } = commitStatus(ctx, s);
              return rest;
            }),
            sha,
            total_count: latest.length,
            repository: repository(ctx),
            commit_url: `${repoApiUrl(ctx)}/commits/${sha}`,
            url: `${repoApiUrl(ctx)}/commits/${sha}/status`,
          },
          200,
          headers,
        );
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/statuses/{sha}',
      permission: ['statuses', 'write'],
      handler: async (req) => {
        const sha = req.params.sha ?? '';
        const body = bodyOf(req);
        const state = str(body.state);
        if (!state || !STATES.includes(state as StatusState))
          throw validationFailed([
            {
              resource: 'Status',
              field: 'state',
              code: 'custom',
              message: 'state is not included in the list',
            },
          ]);
        if (!/^[0-9a-f]{40}$/.test(sha) || !(await ctx.git.objectExists(sha)))
          throw new HttpError(422, `No commit found for SHA: ${sha}`);
        const s = ctx.store.addStatus({
          sha,
          state: state as StatusState,
          context: str(body.context) ?? 'default',
          targetUrl: str(body.target_url) ?? null,
          description: str(body.description) ?? null,
          creator: req.login,
        });
        return ok(commitStatus(ctx, s), 201);
      },
    },
  ];
}
