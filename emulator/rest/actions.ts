import type { EmulatorContext } from '../context.js';
import { repoApiUrl, repoHtmlUrl } from '../context.js';
import { intParam, notFound, ok, type Route } from '../http.js';
import { countedList } from './checks.js';
import { workflowRun } from './shapes.js';

/** Workflow runs (and their jobs, made from the check runs of the run's suite). */
export function actionRoutes(ctx: EmulatorContext): Route[] {
  const findRun = (id: number) => {
    const run = ctx.store.workflowRuns.find((r) => r.id === id);
    if (!run) throw notFound();
    return run;
  };
  return [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/runs',
      permission: ['actions', 'read'],
      handler: (req) => {
        let runs = [...ctx.store.workflowRuns].reverse();
        const headSha = req.query.get('head_sha');
        const branch = req.query.get('branch');
        const event = req.query.get('event');
        const status = req.query.get('status');
        if (headSha) runs = runs.filter((r) => r.headSha === headSha);
        if (branch) runs = runs.filter((r) => r.headBranch === branch);
        if (event) runs = runs.filter((r) => r.event === event);
        if (status) runs = runs.filter((r) => r.status === status || r.conclusion === status);
        return countedList(req, 'workflow_runs', runs, (r) => workflowRun(ctx, r));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/runs/{run_id}',
      permission: ['actions', 'read'],
      handler: (req) => ok(workflowRun(ctx, findRun(intParam(req, 'run_id')))),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
      permission: ['actions', 'read'],
      handler: (req) => {
        const run = findRun(intParam(req, 'run_id'));
        const suite = ctx.store.checkSuites.find((s) => s.workflowRunId === run.id);
        const jobs = suite ? ctx.store.checkRuns.filter((r) => r.checkSuiteId === suite.id) : [];
        return countedList(req, 'jobs', jobs, (j) => ({
          id: j.id,
          run_id: run.id,
          run_url: `${repoApiUrl(ctx)}/actions/runs/${run.id}`,
          run_attempt: run.runAttempt,
          node_id: j.nodeId,
          head_sha: j.headSha,
          head_branch: run.headBranch,
          url: `${repoApiUrl(ctx)}/actions/jobs/${j.id}`,
          html_url: j.detailsUrl ?? `${repoHtmlUrl(ctx)}/actions/runs/${run.id}/job/${j.id}`,
          status: j.status,
          conclusion: j.conclusion,
          created_at: j.startedAt ?? run.createdAt,
          started_at: j.startedAt ?? run.createdAt,
          completed_at: j.completedAt,
          name: j.name,
          steps: [],
          check_run_url: `${repoApiUrl(ctx)}/check-runs/${j.id}`,
          labels: ['ubuntu-latest'],
          runner_id: null,
          runner_name: null,
          runner_group_id: null,
          runner_group_name: null,
          workflow_name: run.name,
        }));
      },
    },
  ];
}
