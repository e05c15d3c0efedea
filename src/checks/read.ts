import type { Octokit } from '../github/client.js';
import type { CheckRunInfo, StatusInfo } from './types.js';

export interface CommitChecks {
  checkRuns: CheckRunInfo[];
  statuses: StatusInfo[];
}

const PER_PAGE = 100;

/**
 * Reads every check run and every commit status of a commit (REST, 100 per page, all pages):
 * one request each for a commit with at most 100 of either. Check runs are asked for with
 * GitHub's `filter=latest`, which already leaves out older runs of a re-run check; the
 * evaluation still keeps only the latest per name, so it does not depend on that filter.
 * Needs `checks: read` and `statuses: read`.
 */
export async function readChecks(
  octokit: Octokit,
  owner: string,
  repo: string,
  sha: string,
): Promise<CommitChecks> {
  const [checkRuns, statuses] = await Promise.all([
    readCheckRuns(octokit, owner, repo, sha),
    readStatuses(octokit, owner, repo, sha),
  ]);
  return { checkRuns, statuses };
}

export async function readCheckRuns(
  octokit: Octokit,
  owner: string,
  repo: string,
  sha: string,
): Promise<CheckRunInfo[]> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner,
    repo,
    ref: sha,
    filter: 'latest',
    per_page: PER_PAGE,
  });
  return runs.map((run) => ({
    id: Number(run.id),
    name: run.name,
    status: run.status,
    conclusion: run.conclusion ?? null,
    startedAt: run.started_at ?? null,
    completedAt: run.completed_at ?? null,
    detailsUrl: run.details_url ?? null,
    htmlUrl: run.html_url ?? null,
    appSlug: run.app?.slug ?? null,
  }));
}

export async function readStatuses(
  octokit: Octokit,
  owner: string,
  repo: string,
  sha: string,
): Promise<StatusInfo[]> {
  const statuses = await octokit.paginate(octokit.rest.repos.listCommitStatusesForRef, {
    owner,
    repo,
    ref: sha,
    per_page: PER_PAGE,
  });
  return statuses.map((s) => ({
    id: Number(s.id),
    context: s.context,
    state: s.state,
    targetUrl: s.target_url ?? null,
    description: s.description ?? null,
    createdAt: s.created_at ?? null,
    updatedAt: s.updated_at ?? null,
  }));
}
