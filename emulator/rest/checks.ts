import type { EmulatorContext } from '../context.js';
import {
  bodyOf,
  HttpError,
  intParam,
  notFound,
  ok,
  pageWindow,
  str,
  validationFailed,
  type ApiRequest,
  type Route,
} from '../http.js';
import { isoSeconds, type CheckConclusion, type CheckRun, type CheckStatus } from '../model.js';
import { noCommit } from './commits.js';
import { checkRun, checkSuite } from './shapes.js';

const STATUSES: CheckStatus[] = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
const CONCLUSIONS: CheckConclusion[] = [
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale',
  'startup_failure',
];

/** The latest run per check name (GitHub's `filter=latest`, its default). */
export function latestPerName(runs: CheckRun[]): CheckRun[] {
  const latest = new Map<string, CheckRun>();
  for (const run of runs) {
    const key = `${run.appSlug}\0${run.name}`;
    const seen = latest.get(key);
    if (!seen || run.id > seen.id) latest.set(key, run);
  }
  return runs.filter((r) => latest.get(`${r.appSlug}\0${r.name}`) === r);
}

/** `{ total_count, <key>: [...] }` paginated, as the checks and actions APIs answer lists. */
export function countedList<T>(req: ApiRequest, key: string, items: T[], render: (item: T) => unknown) {
  const { offset, limit, headers } = pageWindow(req, items.length);
  return ok(
    { total_count: items.length, [key]: items.slice(offset, offset + limit).map(render) },
    200,
    headers,
  );
}

function filterRuns(req: ApiRequest, runs: CheckRun[]): CheckRun[] {
  let result = req.query.get('filter') === 'all' ? runs : latestPerName(runs);
  const name = req.query.get('check_name');
  const status = req.query.get('status');
  if (name) result = result.filter((r) => r.name === name);
  if (status) result = result.filter((r) => r.status === status);
  return [...result].sort((a, b) => b.id - a.id);
}

/** Check runs and check suites. */
export function checkRoutes(ctx: EmulatorContext): Route[] {
  const findRun = (req: ApiRequest) => {
    const run = ctx.store.checkRuns.find((r) => r.id === intParam(req, 'check_run_id'));
    if (!run) throw notFound();
    return run;
  };
  const applyBody = (run: CheckRun, body: Record<string, unknown>) => {
    const status = str(body.status);
    const conclusion = str(body.conclusion);
    if (status !== undefined && !STATUSES.includes(status as CheckStatus))
      throw validationFailed([{ resource: 'CheckRun', field: 'status', code: 'invalid' }]);
    if (conclusion !== undefined && !CONCLUSIONS.includes(conclusion as CheckConclusion))
      throw validationFailed([{ resource: 'CheckRun', field: 'conclusion', code: 'invalid' }]);
    if (typeof body.name === 'string') run.name = body.name;
    if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
    if (typeof body.external_id === 'string') run.externalId = body.external_id;
    if (typeof body.started_at === 'string') run.startedAt = body.started_at;
    if (conclusion !== undefined) {
      run.conclusion = conclusion as CheckConclusion;
      run.status = 'completed';
      run.completedAt = str(body.completed_at) ?? isoSeconds();
    } else if (status !== undefined) {
      run.status = status as CheckStatus;
      if (status === 'completed')
        throw validationFailed([{ resource: 'CheckRun', field: 'conclusion', code: 'missing_field' }]);
    }
    const output = body.output as Record<string, unknown> | undefined;
    if (output && typeof output === 'object') {
      run.output = {
        title: str(output.title) ?? run.output.title,
        summary: str(output.summary) ?? run.output.summary,
        text: str(output.text) ?? run.output.text,
      };
    }
  };

  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{ref+}/check-runs',
      permission: ['checks', 'read'],
      handler: async (req) => {
        const ref = req.params.ref ?? '';
        const sha = await ctx.git.resolve(ref);
        if (!sha) throw noCommit(ref);
        return countedList(req, 'check_runs', filterRuns(req, ctx.store.checkRunsFor(sha)), (r) =>
          checkRun(ctx, r),
        );
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{ref+}/check-suites',
      permission: ['checks', 'read'],
      handler: async (req) => {
        const ref = req.params.ref ?? '';
        const sha = await ctx.git.resolve(ref);
        if (!sha) throw noCommit(ref);
        const suites = ctx.store.checkSuites.filter((s) => s.headSha === sha);
        return countedList(req, 'check_suites', suites, (s) => checkSuite(ctx, s));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/check-suites/{check_suite_id}',
      permission: ['checks', 'read'],
      handler: (req) => {
        const suite = ctx.store.checkSuites.find((s) => s.id === intParam(req, 'check_suite_id'));
        if (!suite) throw notFound();
        return ok(checkSuite(ctx, suite));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs',
      permission: ['checks', 'read'],
      handler: (req) => {
        const id = intParam(req, 'check_suite_id');
        if (!ctx.store.checkSuites.some((s) => s.id === id)) throw notFound();
        const runs = ctx.store.checkRuns.filter((r) => r.checkSuiteId === id);
        return countedList(req, 'check_runs', filterRuns(req, runs), (r) => checkRun(ctx, r));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      permission: ['checks', 'read'],
      handler: (req) => ok(checkRun(ctx, findRun(req))),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/check-runs',
      permission: ['checks', 'write'],
      handler: async (req) => {
        const body = bodyOf(req);
        const name = str(body.name);
        const headSha = str(body.head_sha);
        if (!name) throw validationFailed([{ resource: 'CheckRun', field: 'name', code: 'missing_field' }]);
        if (!headSha || !(await ctx.git.objectExists(headSha)))
          throw new HttpError(422, `No commit found for SHA: ${headSha ?? ''}`);
        const run = ctx.store.addCheckRun({
          headSha,
          name,
          status: 'queued',
          detailsUrl: str(body.details_url) ?? null,
        });
        applyBody(run, body);
        return ok(checkRun(ctx, run), 201);
      },
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      permission: ['checks', 'write'],
      handler: (req) => {
        const run = findRun(req);
        applyBody(run, bodyOf(req));
        return ok(checkRun(ctx, run));
      },
    },
  ];
}
