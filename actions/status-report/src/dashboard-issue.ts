import { ConfigurationError } from '../../../src/errors.js';
import { apiErrorMessage, type Octokit } from '../../../src/github/client.js';
import type { Logger } from '../../../src/logger.js';
import { DASHBOARD_MARKER, sameDashboard } from '../../../src/status/dashboard.js';

/** Put on the dashboard issue so it is found in one short listing; the marker is what identifies it. */
export const DASHBOARD_LABEL = 'orchestrator-dashboard';

export interface DashboardIssue {
  number: number;
  url: string;
  state: 'open' | 'closed';
  body: string;
  labels: string[];
}

/** The GitHub calls the dashboard needs, one small method each. */
export interface IssueApi {
  /** Issues (any state, oldest first) with the label, or all issues when `label` is null. */
  list(label: string | null): Promise<DashboardIssue[]>;
  get(number: number): Promise<DashboardIssue>;
  create(title: string, body: string, labels: string[]): Promise<DashboardIssue>;
  update(number: number, body: string): Promise<void>;
}

export type DashboardOutcome =
  | { action: 'created' | 'updated' | 'unchanged' | 'left-closed'; issue: DashboardIssue }
  | { action: 'would-create'; issue: null }
  | { action: 'would-update'; issue: DashboardIssue };

/**
 * Keeps one dashboard issue up to date in place. It is found by the hidden marker in its body
 * (the label only narrows the listing), re-read just before writing, written only when something
 * other than the update line changed, and left alone when a person closed it.
 */
export async function publishDashboard(
  api: IssueApi,
  options: { title: string; body: string; dryRun: boolean; logger: Logger },
): Promise<DashboardOutcome> {
  const { logger } = options;
  const found = await call('find the dashboard issue', () => findDashboard(api));
  if (found === null) {
    if (options.dryRun) {
      logger.info('Dry run: would create the dashboard issue.');
      return { action: 'would-create', issue: null };
    }
    const issue = await call('create the dashboard issue', () =>
      api.create(options.title, options.body, [DASHBOARD_LABEL]),
    );
    logger.info(`Created the dashboard issue #${issue.number}: ${issue.url}`);
    return { action: 'created', issue };
  }

  // Re-read just before writing: another run or a person may have changed it since the listing.
  const current = await call(`read the dashboard issue #${found.number}`, () => api.get(found.number));
  if (current.state === 'closed') {
    logger.info(
      `The dashboard issue #${current.number} is closed; it is left closed and no new one is opened (reopen it to resume updates).`,
    );
    return { action: 'left-closed', issue: current };
  }
  if (sameDashboard(current.body, options.body)) {
    logger.info(`The dashboard issue #${current.number} is up to date; not written.`);
    return { action: 'unchanged', issue: current };
  }
  if (options.dryRun) {
    logger.info(`Dry run: would update the dashboard issue #${current.number}.`);
    return { action: 'would-update', issue: current };
  }
  await call(`update the dashboard issue #${current.number}`, () => api.update(current.number, options.body));
  logger.info(`Updated the dashboard issue #${current.number}: ${current.url}`);
  return { action: 'updated', issue: { ...current, body: options.body } };
}

/**
 * The oldest issue carrying the marker: first among the labelled issues (one short listing), else
 * among all issues (the label may have been removed, or dropped on creation). A labelled issue whose
 * body a person emptied still counts.
 */
async function findDashboard(api: IssueApi): Promise<DashboardIssue | null> {
  const labelled = await api.list(DASHBOARD_LABEL);
  const marked = labelled.find((i) => i.body.includes(DASHBOARD_MARKER));
  if (marked) return marked;
  const all = await api.list(null);
  return all.find((i) => i.body.includes(DASHBOARD_MARKER)) ?? labelled[0] ?? null;
}

async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new ConfigurationError(apiErrorMessage(error, { action, permission: 'issues: write' }));
  }
}

/** IssueApi over Octokit's REST issues endpoints (pull requests filtered out of listings). */
export function octokitIssueApi(octokit: Octokit, owner: string, repo: string): IssueApi {
  const toIssue = (i: {
    number: number;
    html_url: string;
    state: string;
    body?: string | null;
    labels: (string | { name?: string })[];
  }): DashboardIssue => ({
    number: i.number,
    url: i.html_url,
    state: i.state === 'closed' ? 'closed' : 'open',
    body: i.body ?? '',
    labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
  });
  return {
    async list(label) {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: 'all',
        sort: 'created',
        direction: 'asc',
        per_page: 100,
        ...(label === null ? {} : { labels: label }),
      });
      return issues.filter((i) => !i.pull_request).map(toIssue);
    },
    async get(number) {
      const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: number });
      return toIssue(data);
    },
    async create(title, body, labels) {
      const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels });
      return toIssue(data);
    },
    async update(number, body) {
      await octokit.rest.issues.update({ owner, repo, issue_number: number, body });
    },
  };
}
