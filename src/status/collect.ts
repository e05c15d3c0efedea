/** Gathers every worker's facts: GitHub's GraphQL API always, git too where a checkout is present. */
import type { OrchestratorConfig } from '../config/types.js';
import type { Git } from '../git/git.js';
import type { Logger } from '../logger.js';
import { forecastConflicts, type ForecastWorker } from './forecast.js';
import { collectGitFacts, hasCheckout, originDefaultBranch, type GitFacts } from './git-facts.js';
import { fetchApiFacts, fetchDefaultBranch, type BranchFacts, type GraphqlRequest } from './github-facts.js';
import { NO_FACTS, type Containment, type WorkerFacts } from './types.js';

export interface CollectOptions {
  config: OrchestratorConfig;
  owner: string;
  repo: string;
  graphql: GraphqlRequest;
  /** A Git over GITHUB_WORKSPACE; used only when it is a checkout with an `origin` remote. */
  git: Git | null;
  logger: Logger;
}

export interface CollectedFacts {
  /** `git`: containment from the checkout; `api`: from `Ref.compare` (see README). */
  mode: 'git' | 'api';
  base: string;
  omnibus: { exists: boolean; sha: string | null };
  facts: Record<string, WorkerFacts>;
  /** null without a checkout. */
  conflicts: Record<string, string[]> | null;
  forecast: { candidatePairs: number; merges: number; milliseconds: number } | null;
}

export async function collectFacts(options: CollectOptions): Promise<CollectedFacts> {
  const { config, logger } = options;
  let git = options.git !== null && (await hasCheckout(options.git)) ? options.git : null;
  logger.info(
    git
      ? `Using the checkout at ${git.cwd} for containment, ahead/behind, files changed and the conflict forecast.`
      : 'No git checkout with an origin remote: status is decided from the API alone (no conflict forecast).',
  );

  const base =
    config.base ??
    (git ? await originDefaultBranch(git) : null) ??
    (await fetchDefaultBranch(options.graphql, options.owner, options.repo));
  const branches = config.workers.map((w) => w.branch);
  const request = {
    owner: options.owner,
    repo: options.repo,
    base,
    omnibus: config.omnibus.branch,
    branches,
  };
  const localFacts = git
    ? collectGitFacts(git, { base, omnibus: config.omnibus.branch, branches }, logger)
    : null;
  const [first, local] = await Promise.all([
    fetchApiFacts(options.graphql, { ...request, compare: git === null }),
    localFacts?.catch((error: unknown) => {
      // E.g. a checkout made with `persist-credentials: false` cannot fetch: the API still can decide.
      logger.warning(
        `Could not read worker branches from origin in the checkout (${error instanceof Error ? error.message : String(error)}); deciding from the API alone.`,
      );
      return null;
    }) ?? Promise.resolve(null),
  ]);
  let api = first;
  if (git && local === null) {
    git = null;
    api = await fetchApiFacts(options.graphql, { ...request, compare: true });
  }
  const mode = git ? 'git' : 'api';

  const facts: Record<string, WorkerFacts> = {};
  for (const worker of config.workers) {
    const remote = api.branches.get(worker.branch) ?? null;
    facts[worker.id] = local
      ? fromGit(local, worker.branch, remote)
      : fromApi(remote, api.baseSha, api.omnibusSha !== null);
  }

  let conflicts: Record<string, string[]> | null = null;
  let forecast: CollectedFacts['forecast'] = null;
  if (git && local) {
    const started = Date.now();
    const candidates: ForecastWorker[] = [];
    for (const worker of config.workers) {
      const f = local.branches.get(worker.branch);
      const c = f?.containment;
      // Workers merged into base are settled; those only in the omnibus branch still meet the others there.
      if (!f || !c || c.onBaseFirstParent || c.containedInBase) continue;
      candidates.push({ id: worker.id, head: f.head, changedPaths: f.changedPaths });
    }
    const result = await forecastConflicts(git, candidates);
    conflicts = Object.fromEntries(config.workers.map((w) => [w.id, result.conflictsWith[w.id] ?? []]));
    forecast = {
      candidatePairs: result.candidatePairs.length,
      merges: result.merges,
      milliseconds: Date.now() - started,
    };
    for (const c of result.conflicts)
      logger.info(`Forecast: ${c.a} and ${c.b} conflict in ${c.paths.join(', ')}`);
  }

  const sha = local ? local.omnibusSha : api.omnibusSha;
  return { mode, base, omnibus: { exists: sha !== null, sha }, facts, conflicts, forecast };
}

function fromGit(local: GitFacts, branch: string, remote: BranchFacts | null): WorkerFacts {
  const g = local.branches.get(branch);
  const pullRequests = remote?.pullRequests ?? [];
  if (!g) return { ...NO_FACTS, pullRequests };
  // The API's head may differ from git's when a push lands between the two reads; git's head is
  // the one containment was computed for, and the API's commit details only describe that head.
  const same = remote?.head === g.head;
  return {
    head: g.head,
    lastCommit: same ? (remote?.lastCommit ?? g.lastCommit) : g.lastCommit,
    ci: same ? (remote?.ci ?? 'none') : 'none',
    containment: g.containment,
    ahead: g.ahead,
    behind: g.behind,
    filesChanged: g.changedPaths.length,
    pullRequests,
  };
}

/**
 * Without a checkout: `Ref.compare` says how many commits the branch has that base lacks. None means
 * "no commit of its own" (launched) — the API cannot tell base's first-parent history from a merge,
 * so a branch merged into base counts as merged through its merged PR (see README).
 */
function fromApi(remote: BranchFacts | null, baseSha: string | null, omnibusExists: boolean): WorkerFacts {
  if (remote === null || remote.head === null)
    return { ...NO_FACTS, pullRequests: remote?.pullRequests ?? [] };
  const ahead = remote.aheadOfBase ?? (remote.head === baseSha ? 0 : null);
  const noneOfItsOwn = ahead === 0;
  const containment: Containment = {
    onBaseFirstParent: noneOfItsOwn,
    containedInBase: noneOfItsOwn,
    containedInOmnibus: omnibusExists && remote.aheadOfOmnibus === 0,
  };
  return {
    head: remote.head,
    lastCommit: remote.lastCommit,
    ci: remote.ci,
    containment,
    ahead,
    behind: remote.behindBase,
    filesChanged: null,
    pullRequests: remote.pullRequests,
  };
}
