import { readChecks, type CommitChecks } from '../../../src/checks/index.js';
import { ConfigurationError } from '../../../src/errors.js';
import { apiErrorMessage, type Octokit } from '../../../src/github/client.js';
import type { Logger } from '../../../src/logger.js';
import type { WorkerPullRequest } from '../../../src/omnibus/report.js';
import { REVIEW_MARKER } from '../../../src/review/reviews.js';
import type { ReviewFacts } from '../../../src/review/types.js';

export interface OmnibusPullRequest {
  number: number;
  url: string;
  title: string;
  body: string;
  headSha: string;
  draft: boolean;
  state: string;
  merged: boolean;
  mergeCommitSha: string | null;
  /** null while GitHub computes it. */
  mergeable: boolean | null;
}

export type MergeAnswer =
  { merged: true; sha: string } | { merged: false; reason: 'head-moved' | 'not-mergeable'; message: string };

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;

/** Every GitHub call of the omnibus action, each in plain domain words; known failures become outcomes. */
export class OmnibusApi {
  constructor(
    private readonly octokit: Octokit,
    readonly owner: string,
    readonly repo: string,
    private readonly logger: Logger,
  ) {}

  async defaultBranch(): Promise<string> {
    try {
      const { data } = await this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo });
      return data.default_branch;
    } catch (error) {
      throw new ConfigurationError(
        apiErrorMessage(error, { action: 'read the default branch', permission: 'contents: read' }),
      );
    }
  }

  /** The open PR from the omnibus branch to base (`head` must be `owner:branch`: a bare name is ignored). */
  async findOpenPullRequest(branch: string, base: string): Promise<OmnibusPullRequest | null> {
    try {
      const { data } = await this.octokit.rest.pulls.list({
        owner: this.owner,
        repo: this.repo,
        head: `${this.owner}:${branch}`,
        base,
        state: 'open',
        per_page: 10,
      });
      const found = data.find((p) => p.head.ref === branch && p.base.ref === base);
      return found ? this.getPullRequest(found.number) : null;
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(
        apiErrorMessage(error, {
          action: 'look for the omnibus pull request',
          permission: 'pull-requests: read',
        }),
      );
    }
  }

  async getPullRequest(number: number): Promise<OmnibusPullRequest> {
    try {
      const { data } = await this.octokit.rest.pulls.get({
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
      });
      return {
        number: data.number,
        url: data.html_url,
        title: data.title,
        body: data.body ?? '',
        headSha: data.head.sha,
        draft: data.draft ?? false,
        state: data.state,
        merged: data.merged,
        mergeCommitSha: data.merge_commit_sha ?? null,
        mergeable: data.mergeable ?? null,
      };
    } catch (error) {
      throw new ConfigurationError(
        apiErrorMessage(error, { action: `read pull request #${number}`, permission: 'pull-requests: read' }),
      );
    }
  }

  /**
   * Creates the omnibus PR. Returns null when it may exist all the same: one appeared meanwhile (422
   * "already exists"), or GitHub answered 5xx, after which the PR may or may not have been made.
   */
  async createPullRequest(
    branch: string,
    base: string,
    title: string,
    body: string,
  ): Promise<OmnibusPullRequest | null> {
    try {
      const { data } = await this.octokit.rest.pulls.create({
        owner: this.owner,
        repo: this.repo,
        head: branch,
        base,
        title,
        body,
      });
      return this.getPullRequest(data.number);
    } catch (error) {
      const status = statusOf(error);
      if (status === 422 && /already exists/i.test(String((error as Error).message))) return null;
      if (status !== undefined && status >= 500) {
        this.logger.warning(
          `Opening the omnibus pull request answered ${status}; looking for it before trying again.`,
        );
        return null;
      }
      throw new ConfigurationError(
        apiErrorMessage(error, {
          action: 'open the omnibus pull request',
          permission: 'pull-requests: write',
        }),
      );
    }
  }

  /** Sets title and body; repeating it is harmless, so one 5xx is tried again. */
  async updatePullRequest(number: number, title: string, body: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.octokit.rest.pulls.update({
          owner: this.owner,
          repo: this.repo,
          pull_number: number,
          title,
          body,
        });
        return;
      } catch (error) {
        const status = statusOf(error);
        if (attempt < 2 && status !== undefined && status >= 500) continue;
        throw this.updateError(number, error);
      }
    }
  }

  private updateError(number: number, error: unknown): ConfigurationError {
    return new ConfigurationError(
      apiErrorMessage(error, {
        action: `update pull request #${number}`,
        permission: 'pull-requests: write',
      }),
    );
  }

  /** The open, same-repository PRs of the given head branches (one listing, every page). */
  async workerPullRequests(
    branchToWorker: ReadonlyMap<string, string>,
  ): Promise<Map<string, WorkerPullRequest>> {
    const found = new Map<string, WorkerPullRequest>();
    try {
      const prs = await this.octokit.paginate(this.octokit.rest.pulls.list, {
        owner: this.owner,
        repo: this.repo,
        state: 'open',
        per_page: 100,
      });
      const fullName = `${this.owner}/${this.repo}`.toLowerCase();
      for (const pr of prs) {
        const worker = branchToWorker.get(pr.head.ref);
        if (worker === undefined || pr.head.repo?.full_name?.toLowerCase() !== fullName) continue;
        if (!found.has(worker))
          found.set(worker, { number: pr.number, url: pr.html_url, draft: pr.draft ?? false });
      }
    } catch (error) {
      // The links are a convenience of the body: say so and go on without them.
      this.logger.warning(
        apiErrorMessage(error, {
          action: "list the workers' pull requests",
          permission: 'pull-requests: read',
        }),
      );
    }
    return found;
  }

  async reviews(number: number): Promise<ReviewFacts[]> {
    try {
      const reviews = await this.octokit.paginate(this.octokit.rest.pulls.listReviews, {
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        per_page: 100,
      });
      return reviews.map((r) => ({
        id: r.id,
        user: r.user?.login ?? null,
        state: r.state,
        commitId: r.commit_id ?? null,
        ours: (r.body ?? '').includes(REVIEW_MARKER),
        submittedAt: r.submitted_at ?? null,
      }));
    } catch (error) {
      throw new ConfigurationError(
        apiErrorMessage(error, {
          action: `read the reviews of #${number}`,
          permission: 'pull-requests: read',
        }),
      );
    }
  }

  /** Every check run and commit status of a commit (the reader auto-review uses). */
  async checks(sha: string): Promise<CommitChecks> {
    try {
      return await readChecks(this.octokit, this.owner, this.repo, sha);
    } catch (error) {
      throw new ConfigurationError(
        apiErrorMessage(error, {
          action: `read the checks of ${sha.slice(0, 7)}`,
          permission: 'checks: read, statuses: read',
        }),
      );
    }
  }

  /**
   * Merges with a merge commit, pinned to `sha`. Not retried by the client: a merge answered 5xx may
   * have happened, so the PR is read again first and the merge repeated only when it has not.
   */
  async merge(number: number, sha: string, title: string): Promise<MergeAnswer> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { data } = await this.octokit.rest.pulls.merge({
          owner: this.owner,
          repo: this.repo,
          pull_number: number,
          sha,
          merge_method: 'merge',
          commit_title: title,
          request: { retries: 0 },
        });
        return { merged: true, sha: data.sha };
      } catch (error) {
        const status = statusOf(error);
        const message = String((error as Error).message ?? error);
        if (status === 409) return { merged: false, reason: 'head-moved', message };
        if (status === 405 || status === 422) return { merged: false, reason: 'not-mergeable', message };
        if (status === undefined || status < 500 || attempt >= 3) {
          throw new ConfigurationError(
            apiErrorMessage(error, {
              action: `merge pull request #${number}`,
              permission: 'contents: write',
            }),
          );
        }
        this.logger.warning(`Merging #${number} answered ${status}; reading it again before any retry.`);
        const now = await this.getPullRequest(number);
        if (now.merged) return { merged: true, sha: now.mergeCommitSha ?? '' };
        if (now.headSha !== sha)
          return { merged: false, reason: 'head-moved', message: `head is now ${now.headSha}` };
      }
    }
  }
}
