import { repoHtmlUrl } from '../context.js';
import type { CheckRun, CheckSuite, CommitStatus, WorkflowRun } from '../model.js';
import { latestPerName } from '../rest/checks.js';
import { app } from '../rest/shapes.js';
import { actorNode } from './actor.js';
import { connection, type ConnectionArgs } from './connection.js';
import type { GqlContext, GqlObject } from './context.js';
import { commitNode } from './commit.js';
import { repositoryNode } from './repository.js';

const upper = (value: string | null) => (value === null ? null : value.toUpperCase());

/** CheckRunState: the conclusion once completed, else the status. */
const runState = (r: CheckRun) =>
  (r.status === 'completed' ? (r.conclusion ?? 'success') : r.status).toUpperCase();

const BAD_CONCLUSIONS = ['failure', 'cancelled', 'timed_out', 'action_required', 'startup_failure', 'stale'];

/** GitHub's rollup state over the latest check run per name and the latest status per context. */
export function rollupState(
  runs: CheckRun[],
  statuses: CommitStatus[],
): 'SUCCESS' | 'FAILURE' | 'PENDING' | 'ERROR' {
  if (statuses.some((s) => s.state === 'error')) return 'ERROR';
  if (
    runs.some((r) => r.status === 'completed' && BAD_CONCLUSIONS.includes(r.conclusion ?? '')) ||
    statuses.some((s) => s.state === 'failure')
  )
    return 'FAILURE';
  if (runs.some((r) => r.status !== 'completed') || statuses.some((s) => s.state === 'pending'))
    return 'PENDING';
  return 'SUCCESS';
}

function countsBy<T>(items: T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([state, count]) => ({ state, count }));
}

/** Commit.statusCheckRollup: null when the commit has neither check runs nor statuses (as on GitHub). */
export function rollupNode(g: GqlContext, sha: string): (GqlObject & { state: string }) | null {
  const runs = latestPerName(g.ctx.store.checkRunsFor(sha)).sort((a, b) => a.id - b.id);
  const statuses = g.ctx.store.latestStatusesFor(sha);
  if (runs.length === 0 && statuses.length === 0) return null;
  const contexts = [...runs.map((r) => checkRunNode(g, r)), ...statuses.map((s) => statusContextNode(g, s))];
  return {
    __typename: 'StatusCheckRollup',
    id: `SCR_${sha.slice(0, 12)}`,
    state: rollupState(runs, statuses),
    commit: () => commitNode(g, sha),
    contexts: (args: ConnectionArgs) =>
      connection(contexts, args, {
        checkRunCount: runs.length,
        statusContextCount: statuses.length,
        checkRunCountsByState: countsBy(runs, runState),
        statusContextCountsByState: countsBy(statuses, (s) => s.state.toUpperCase()),
      }),
  };
}

/** Commit.status: the legacy combined status (commit statuses only), null when there are none. */
export function statusNode(g: GqlContext, sha: string): GqlObject | null {
  const statuses = g.ctx.store.latestStatusesFor(sha);
  if (statuses.length === 0) return null;
  const nodes = statuses.map((s) => statusContextNode(g, s));
  return {
    __typename: 'Status',
    id: `ST_${sha.slice(0, 12)}`,
    state: rollupState([], statuses),
    contexts: nodes,
    context: ({ name }: { name: string }) => nodes.find((n) => n.context === name) ?? null,
    commit: () => commitNode(g, sha),
    combinedContexts: (args: ConnectionArgs) =>
      connection(nodes, args, {
        checkRunCount: 0,
        statusContextCount: nodes.length,
        checkRunCountsByState: [],
        statusContextCountsByState: [],
      }),
  };
}

export function checkRunNode(g: GqlContext, r: CheckRun): GqlObject {
  const url = `${repoHtmlUrl(g.ctx)}/runs/${r.id}`;
  return {
    __typename: 'CheckRun',
    id: r.nodeId,
    databaseId: r.id,
    name: r.name,
    status: r.status.toUpperCase(),
    conclusion: upper(r.conclusion),
    detailsUrl: r.detailsUrl,
    externalId: r.externalId,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    title: r.output.title,
    summary: r.output.summary,
    text: r.output.text,
    url,
    permalink: url,
    resourcePath: new URL(url).pathname,
    isRequired: () => false,
    checkSuite: () => {
      const suite = g.ctx.store.checkSuites.find((s) => s.id === r.checkSuiteId);
      return suite ? checkSuiteNode(g, suite) : null;
    },
    repository: () => repositoryNode(g),
  };
}

export function statusContextNode(g: GqlContext, s: CommitStatus): GqlObject {
  return {
    __typename: 'StatusContext',
    id: s.nodeId,
    context: s.context,
    state: s.state.toUpperCase(),
    targetUrl: s.targetUrl,
    description: s.description,
    createdAt: s.createdAt,
    creator: () => actorNode(g, s.creator),
    avatarUrl: () => null,
    isRequired: () => false,
    commit: () => commitNode(g, s.sha),
  };
}

export function checkSuiteNode(g: GqlContext, s: CheckSuite): GqlObject {
  const runs = g.ctx.store.checkRuns.filter((r) => r.checkSuiteId === s.id);
  const done = runs.length > 0 && runs.every((r) => r.status === 'completed');
  const url = `${repoHtmlUrl(g.ctx)}/commit/${s.headSha}/checks?check_suite_id=${s.id}`;
  const a = app(g.ctx, s.appSlug);
  return {
    __typename: 'CheckSuite',
    id: s.nodeId,
    databaseId: s.id,
    status:
      runs.length === 0
        ? 'QUEUED'
        : done
          ? 'COMPLETED'
          : runs.some((r) => r.status === 'in_progress')
            ? 'IN_PROGRESS'
            : 'QUEUED',
    conclusion: done ? (rollupState(runs, []) === 'SUCCESS' ? 'SUCCESS' : 'FAILURE') : null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    url,
    resourcePath: new URL(url).pathname,
    app: {
      __typename: 'App',
      id: `A_${a.id}`,
      databaseId: a.id,
      name: a.name,
      slug: a.slug,
      url: a.html_url,
      description: a.description,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
    },
    commit: () => commitNode(g, s.headSha),
    branch: () => null,
    repository: () => repositoryNode(g),
    workflowRun: () => {
      const run =
        s.workflowRunId === null ? undefined : g.ctx.store.workflowRuns.find((w) => w.id === s.workflowRunId);
      return run ? workflowRunNode(g, run) : null;
    },
    checkRuns: (args: ConnectionArgs & { filterBy?: { checkName?: string; status?: string } | null }) => {
      let list = runs;
      if (args.filterBy?.checkName) list = list.filter((r) => r.name === args.filterBy?.checkName);
      if (args.filterBy?.status) list = list.filter((r) => r.status.toUpperCase() === args.filterBy?.status);
      return connection(
        list.map((r) => checkRunNode(g, r)),
        args,
      );
    },
  };
}

export function workflowRunNode(g: GqlContext, w: WorkflowRun): GqlObject {
  const url = `${repoHtmlUrl(g.ctx)}/actions/runs/${w.id}`;
  return {
    __typename: 'WorkflowRun',
    id: w.nodeId,
    databaseId: w.id,
    runNumber: w.runNumber,
    event: w.event,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    url,
    resourcePath: new URL(url).pathname,
    workflow: {
      __typename: 'Workflow',
      id: `W_${w.workflowId}`,
      databaseId: w.workflowId,
      name: w.name,
      state: 'ACTIVE',
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
      url: `${repoHtmlUrl(g.ctx)}/actions/workflows/${w.path.split('/').pop()}`,
      resourcePath: `/${g.ctx.owner}/${g.ctx.repo}/actions/workflows/${w.path.split('/').pop()}`,
    },
    file: {
      __typename: 'WorkflowRunFile',
      id: `WF_${w.id}`,
      path: w.path,
      url: `${repoHtmlUrl(g.ctx)}/blob/${w.headSha}/${w.path}`,
    },
    checkSuite: () => {
      const suite = g.ctx.store.checkSuites.find((s) => s.workflowRunId === w.id);
      return suite ? checkSuiteNode(g, suite) : null;
    },
  };
}
