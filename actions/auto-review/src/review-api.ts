import { readChecks, type CommitChecks } from '../../../src/checks/index.js';
import { ConfigurationError } from '../../../src/errors.js';
import { apiErrorMessage, graphql, type Octokit } from '../../../src/github/client.js';
import { REVIEW_MARKER, type PullRequestFacts, type ReviewFacts } from '../../../src/review/index.js';

/** An issue comment on the pull request (only what finding ours needs). */
export interface CommentFacts {
  id: number;
  body: string;
}

/** Everything one decision reads about a pull request, in one GraphQL request (more only past 100 reviews). */
export interface PullRequestSnapshot {
  pr: PullRequestFacts;
  reviews: ReviewFacts[];
  comments: CommentFacts[];
  defaultBranch: string | null;
}

const PULL_REQUEST_QUERY = `
query AutoReviewPullRequest($owner: String!, $repo: String!, $number: Int!, $reviewsAfter: String) {
  repository(owner: $owner, name: $repo) {
    defaultBranchRef { name }
    pullRequest(number: $number) {
      number
      url
      state
      isDraft
      headRefName
      headRefOid
      baseRefName
      isCrossRepository
      reviews(first: 100, after: $reviewsAfter) {
        pageInfo { hasNextPage endCursor }
        nodes { databaseId state body submittedAt author { login } commit { oid } }
      }
      comments(last: 100) {
        nodes { databaseId body }
      }
      timelineItems(itemTypes: [REVIEW_DISMISSED_EVENT], last: 100) {
        nodes { ... on ReviewDismissedEvent { dismissalMessage actor { login } review { databaseId } } }
      }
    }
  }
}`;

interface ReviewNode {
  databaseId: number | null;
  state: string;
  body: string | null;
  submittedAt: string | null;
  author: { login: string } | null;
  commit: { oid: string } | null;
}

/** A ReviewDismissedEvent (the only item type asked for). */
interface DismissalNode {
  dismissalMessage?: string | null;
  actor?: { login: string } | null;
  review?: { databaseId: number | null } | null;
}

interface PullRequestQueryResult {
  repository: {
    defaultBranchRef: { name: string } | null;
    pullRequest: {
      number: number;
      url: string;
      state: string;
      isDraft: boolean;
      headRefName: string;
      headRefOid: string;
      baseRefName: string;
      isCrossRepository: boolean;
      reviews: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: (ReviewNode | null)[] | null;
      };
      comments: { nodes: ({ databaseId: number | null; body: string | null } | null)[] | null };
      timelineItems: { nodes: (DismissalNode | null)[] | null };
    } | null;
  } | null;
}

/** Marker of the one comment that lists failing checks (updated in place, never duplicated). */
export const COMMENT_MARKER = '<!-- orchestrator:auto-review:failing-checks -->';

/**
 * The tag ending the message of every dismissal auto-review makes when the head moved while it
 * approved: plain text, as GitHub shows a dismissal message as written.
 */
export const DISMISSAL_TAG = '(auto-review: head moved)';

/**
 * Every GitHub call auto-review makes, one small method each, so the decision flow reads as
 * steps and refusals become messages that name the fix.
 */
export class ReviewApi {
  constructor(
    private readonly octokit: Octokit,
    readonly owner: string,
    readonly repo: string,
  ) {}

  /**
   * The pull request as it is now, its reviews (with who dismissed them, and whether auto-review did
   * because the head moved) and its comments. Null when there is no such PR.
   */
  async readPullRequest(number: number): Promise<PullRequestSnapshot | null> {
    const nodes: ReviewNode[] = [];
    let after: string | null = null;
    let first: PullRequestQueryResult | null = null;
    for (;;) {
      let result: PullRequestQueryResult;
      try {
        result = await this.call(`read pull request #${number}`, 'pull-requests: read', () =>
          graphql<PullRequestQueryResult>(this.octokit, PULL_REQUEST_QUERY, {
            owner: this.owner,
            repo: this.repo,
            number,
            reviewsAfter: after,
          }),
        );
      } catch (error) {
        if (error instanceof PullRequestNotFound) return null;
        throw error;
      }
      first ??= result;
      const pull = result.repository?.pullRequest;
      if (!pull) return null;
      for (const node of pull.reviews.nodes ?? []) if (node) nodes.push(node);
      if (!pull.reviews.pageInfo.hasNextPage || !pull.reviews.pageInfo.endCursor) break;
      after = pull.reviews.pageInfo.endCursor;
    }
    const pull = first.repository!.pullRequest!;
    const dismissals = new Map<number, DismissalNode>();
    for (const event of pull.timelineItems.nodes ?? [])
      if (event?.review?.databaseId) dismissals.set(event.review.databaseId, event);
    const reviews = nodes.map((node) => toReview(node, dismissals.get(node.databaseId ?? 0)));
    return {
      pr: {
        number: pull.number,
        state: pull.state,
        draft: pull.isDraft,
        headRef: pull.headRefName,
        headSha: pull.headRefOid,
        baseRef: pull.baseRefName,
        fromFork: pull.isCrossRepository,
        url: pull.url,
      },
      reviews,
      comments: (pull.comments.nodes ?? [])
        .filter((c): c is { databaseId: number; body: string } => c !== null && c.databaseId !== null)
        .map((c) => ({ id: c.databaseId, body: c.body ?? '' })),
      defaultBranch: first.repository?.defaultBranchRef?.name ?? null,
    };
  }

  /** The head commit as GitHub sees it right now (one REST request). */
  async readHead(number: number): Promise<string> {
    const { data } = await this.call(`read pull request #${number}`, 'pull-requests: read', () =>
      this.octokit.rest.pulls.get({ owner: this.owner, repo: this.repo, pull_number: number }),
    );
    return data.head.sha;
  }

  async readChecks(sha: string): Promise<CommitChecks> {
    return this.call(`read the checks of ${sha.slice(0, 7)}`, 'checks: read` and `statuses: read', () =>
      readChecks(this.octokit, this.owner, this.repo, sha),
    );
  }

  /** Open pull requests, all pages (the nightly sweep). */
  async listOpenPullRequests(): Promise<{ number: number; headRef: string; headSha: string }[]> {
    const pulls = await this.call('list the open pull requests', 'pull-requests: read', () =>
      this.octokit.paginate(this.octokit.rest.pulls.list, {
        owner: this.owner,
        repo: this.repo,
        state: 'open',
        per_page: 100,
      }),
    );
    return pulls.map((p) => ({ number: p.number, headRef: p.head.ref, headSha: p.head.sha }));
  }

  /**
   * Open PRs whose head is `sha`: by branch (`head=owner:branch`; a bare branch name would be
   * ignored by GitHub) when the event names it, else through the commit's associated PRs.
   */
  async findOpenPullRequestsFor(
    sha: string,
    branch: string | null,
    headOwner: string | null,
  ): Promise<number[]> {
    if (branch) {
      const pulls = await this.call(`find the pull requests of ${branch}`, 'pull-requests: read', () =>
        this.octokit.paginate(this.octokit.rest.pulls.list, {
          owner: this.owner,
          repo: this.repo,
          state: 'open',
          head: `${headOwner ?? this.owner}:${branch}`,
          per_page: 100,
        }),
      );
      return pulls.filter((p) => p.head.sha === sha).map((p) => p.number);
    }
    const pulls = await this.call(`find the pull requests of ${sha.slice(0, 7)}`, 'pull-requests: read', () =>
      this.octokit.paginate(this.octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
        owner: this.owner,
        repo: this.repo,
        commit_sha: sha,
        per_page: 100,
      }),
    );
    return pulls.filter((p) => p.state === 'open' && p.head.sha === sha).map((p) => p.number);
  }

  /** Approves exactly `sha` (a later push is never covered); returns the review id. */
  async approve(number: number, sha: string, body: string): Promise<number> {
    try {
      const { data } = await this.octokit.rest.pulls.createReview({
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        commit_id: sha,
        event: 'APPROVE',
        body: `${body}\n\n${REVIEW_MARKER}`,
      });
      return data.id;
    } catch (error) {
      throw new ConfigurationError(approvalRefusal(error, number));
    }
  }

  async dismiss(number: number, reviewId: number, message: string): Promise<void> {
    await this.call(`dismiss the approval of #${number}`, 'pull-requests: write', () =>
      this.octokit.rest.pulls.dismissReview({
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        review_id: reviewId,
        message,
        event: 'DISMISS',
      }),
    );
  }

  async createComment(number: number, body: string): Promise<void> {
    await this.call(`comment on #${number}`, 'pull-requests: write', () =>
      this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: number,
        body,
      }),
    );
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    await this.call('update the failing-checks comment', 'pull-requests: write', () =>
      this.octokit.rest.issues.updateComment({
        owner: this.owner,
        repo: this.repo,
        comment_id: commentId,
        body,
      }),
    );
  }

  /** Runs one call; an API error becomes a ConfigurationError whose message names the fix. */
  private async call<T>(action: string, permission: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      const graphqlErrors = graphqlErrorsOf(error);
      if (graphqlErrors) {
        // GitHub answers an unknown PR number with a NOT_FOUND error and `pullRequest: null`.
        if (graphqlErrors.every((e) => e.type === 'NOT_FOUND' && /PullRequest/.test(e.message))) {
          throw new PullRequestNotFound();
        }
        throw new ConfigurationError(
          `Could not ${action}: GitHub's GraphQL API answered: ${graphqlErrors.map((e) => e.message).join('; ')}`,
        );
      }
      if (typeof error === 'object' && error !== null && 'status' in error) {
        throw new ConfigurationError(apiErrorMessage(error, { action, permission }));
      }
      throw error;
    }
  }
}

class PullRequestNotFound extends Error {}

function graphqlErrorsOf(error: unknown): { type?: string; message: string }[] | null {
  if (typeof error !== 'object' || error === null || !('errors' in error) || !Array.isArray(error.errors))
    return null;
  return (error.errors as unknown[]).map((e) => {
    const { type, message } = (typeof e === 'object' && e !== null ? e : {}) as {
      type?: unknown;
      message?: unknown;
    };
    return {
      type: typeof type === 'string' ? type : undefined,
      message: typeof message === 'string' ? message : String(e),
    };
  });
}

function toReview(node: ReviewNode, dismissal: DismissalNode | undefined): ReviewFacts {
  const ours = (node.body ?? '').includes(REVIEW_MARKER);
  const review: ReviewFacts = {
    id: node.databaseId ?? 0,
    user: node.author?.login ?? null,
    state: node.state,
    commitId: node.commit?.oid ?? null,
    ours,
    submittedAt: node.submittedAt,
  };
  if (node.state === 'DISMISSED' && dismissal) {
    const by = dismissal.actor?.login ?? null;
    review.dismissedBy = by;
    // Ours only when our tag is in the message and the review's own author dismissed it.
    review.dismissedByUs =
      ours &&
      by !== null &&
      by === node.author?.login &&
      (dismissal.dismissalMessage ?? '').includes(DISMISSAL_TAG);
  }
  return review;
}

/** GitHub's known refusals to approve, in words that say what to change. */
export function approvalRefusal(error: unknown, number: number): string {
  const action = `approve #${number}`;
  const text = apiErrorMessage(error, { action, permission: 'pull-requests: write' });
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (status === 422 && /not permitted to (create or )?approve/i.test(text)) {
    return (
      `Could not ${action}: GitHub Actions is not permitted to approve pull requests in this repository (422). ` +
      'Turn on "Allow GitHub Actions to create and approve pull requests" (Settings → Actions → General → ' +
      'Workflow permissions; for an organization also in its Actions settings), or pass a GitHub App token or a ' +
      "reviewer account's token through the `token` input."
    );
  }
  if (status === 422 && /own pull request/i.test(text)) {
    return (
      `Could not ${action}: the token belongs to the pull request's author, and nobody can approve their own ` +
      'pull request (422). Pass a token of another account through the `token` input: the default ' +
      'GITHUB_TOKEN (github-actions[bot]) when the PR was opened by a person or an agent account, or a GitHub App ' +
      "token or a dedicated reviewer account's PAT when the PR was opened with that same token."
    );
  }
  return text;
}
