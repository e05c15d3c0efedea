import type { GitRepo } from './git-repo.js';
import {
  isoSeconds,
  nodeIdFor,
  type AccessLevel,
  type CheckConclusion,
  type CheckRun,
  type CheckStatus,
  type CheckSuite,
  type CommitStatus,
  type Issue,
  type IssueComment,
  type Permission,
  type PullRequest,
  type RepoSettings,
  type Review,
  type ReviewDismissal,
  type ReviewState,
  type StatusState,
  type WorkflowRun,
} from './model.js';

export const DEFAULT_LOGIN = 'github-actions[bot]';

export interface NewPullRequest {
  head: string;
  base: string;
  title?: string;
  body?: string | null;
  draft?: boolean;
  user?: string;
  /** `owner/repo` of a fork; the head sha is then taken from `headSha` (or the branch of that name here). */
  headRepoFullName?: string;
  headSha?: string;
  labels?: string[];
  requestedReviewers?: string[];
}

export interface NewReview {
  pullNumber: number;
  user: string;
  state: ReviewState;
  commitId?: string;
  body?: string;
  submittedAt?: string;
}

export interface NewCheckRun {
  headSha: string;
  name: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  detailsUrl?: string | null;
  externalId?: string;
  workflowRunId?: number;
  headBranch?: string;
  appSlug?: string;
  startedAt?: string;
  completedAt?: string;
  output?: { title?: string | null; summary?: string | null; text?: string | null };
}

export interface NewStatus {
  sha: string;
  context?: string;
  state: StatusState;
  targetUrl?: string | null;
  description?: string | null;
  creator?: string;
}

export interface NewIssue {
  title: string;
  body?: string | null;
  user?: string;
  labels?: string[];
  state?: 'open' | 'closed';
}

export interface NewWorkflowRun {
  id?: number;
  name?: string;
  headSha: string;
  headBranch?: string | null;
  event?: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  pullRequests?: number[];
  path?: string;
}

/**
 * In-memory GitHub state: everything that is not git. Seeding helpers are synchronous so tests can
 * write `gh.store.createPullRequest(...).number`; only merging touches the bare repository.
 */
export class Store {
  readonly pullRequests: PullRequest[] = [];
  readonly reviews: Review[] = [];
  readonly dismissals: ReviewDismissal[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly checkSuites: CheckSuite[] = [];
  readonly workflowRuns: WorkflowRun[] = [];
  readonly statuses: CommitStatus[] = [];
  readonly issues: Issue[] = [];
  readonly comments: IssueComment[] = [];
  readonly settings: RepoSettings = {
    actionsCanApprove: true,
    requiredApprovingReviewCount: 0,
    allowMergeCommit: true,
    allowSquashMerge: true,
    allowRebaseMerge: true,
  };
  /** token -> login; tokens not listed act as `defaultLogin`. */
  readonly tokenUsers = new Map<string, string>();
  defaultLogin = DEFAULT_LOGIN;
  /** Web root for URLs the store makes (check run details); set once the server listens. */
  htmlUrl = 'https://github.com';
  /** Denied permissions and the lowest access refused ('write': writes refused; 'read': everything refused). */
  readonly deniedPermissions = new Map<Permission, AccessLevel>();

  private nextId = 1000;
  private nextNumber = 1;

  constructor(
    readonly git: GitRepo,
    readonly fullName: string,
  ) {}

  get owner(): string {
    return this.fullName.split('/')[0] ?? '';
  }

  id(): number {
    return this.nextId++;
  }

  /** PRs and issues share one number sequence, as on GitHub. */
  number(): number {
    return this.nextNumber++;
  }

  setTokenUser(token: string, login: string): void {
    this.tokenUsers.set(token, login);
  }

  loginFor(token: string | null): string {
    return (token && this.tokenUsers.get(token)) || this.defaultLogin;
  }

  denyPermission(permission: Permission, level: AccessLevel = 'read'): void {
    this.deniedPermissions.set(permission, level);
  }

  allowPermission(permission: Permission): void {
    this.deniedPermissions.delete(permission);
  }

  isDenied(permission: Permission, access: AccessLevel): boolean {
    const denied = this.deniedPermissions.get(permission);
    return denied === 'read' || (denied === 'write' && access === 'write');
  }

  // ---- pull requests -------------------------------------------------------------------------

  createPullRequest(input: NewPullRequest): PullRequest {
    const now = isoSeconds();
    const id = this.id();
    const headRepoFullName = input.headRepoFullName ?? this.fullName;
    const pr: PullRequest = {
      id,
      nodeId: nodeIdFor('PR', id),
      number: this.number(),
      title: input.title ?? input.head,
      body: input.body ?? null,
      state: 'open',
      draft: input.draft ?? false,
      locked: false,
      head: input.head,
      headRepoFullName,
      base: input.base,
      user: input.user ?? this.defaultLogin,
      labels: [...(input.labels ?? [])],
      requestedReviewers: [...(input.requestedReviewers ?? [])],
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
      headSha: input.headSha ?? this.git.branchShaSync(input.head),
      baseSha: null,
    };
    this.pullRequests.push(pr);
    return pr;
  }

  pullRequest(number: number): PullRequest | undefined {
    return this.pullRequests.find((pr) => pr.number === number);
  }

  private requirePullRequest(number: number): PullRequest {
    const pr = this.pullRequest(number);
    if (!pr) throw new Error(`no pull request #${number}`);
    return pr;
  }

  isFork(pr: PullRequest): boolean {
    return pr.headRepoFullName.toLowerCase() !== this.fullName.toLowerCase();
  }

  /** The PR's head sha now: the live branch while open, the frozen sha once closed or merged. */
  headShaSync(pr: PullRequest): string | null {
    if (pr.state === 'open' && !this.isFork(pr)) {
      const live = this.git.branchShaSync(pr.head);
      if (live) pr.headSha = live;
    }
    return pr.headSha;
  }

  /** `heads` (branch ref -> sha, from one for-each-ref) spares a git call per PR when listing many. */
  async headSha(pr: PullRequest, heads?: Map<string, string>): Promise<string | null> {
    if (pr.state === 'open' && !this.isFork(pr)) {
      const live = heads ? (heads.get(`refs/heads/${pr.head}`) ?? null) : await this.git.branchSha(pr.head);
      if (live) pr.headSha = live;
    }
    return pr.headSha;
  }

  async baseSha(pr: PullRequest, heads?: Map<string, string>): Promise<string | null> {
    if (pr.state === 'closed' && pr.baseSha) return pr.baseSha;
    return heads ? (heads.get(`refs/heads/${pr.base}`) ?? null) : this.git.branchSha(pr.base);
  }

  closePullRequest(number: number): PullRequest {
    const pr = this.requirePullRequest(number);
    if (pr.state === 'closed') return pr;
    this.headShaSync(pr);
    pr.baseSha = this.git.branchShaSync(pr.base);
    pr.state = 'closed';
    pr.closedAt = pr.updatedAt = isoSeconds();
    return pr;
  }

  reopenPullRequest(number: number): PullRequest {
    const pr = this.requirePullRequest(number);
    if (pr.merged) throw new Error(`pull request #${number} is merged`);
    pr.state = 'open';
    pr.closedAt = null;
    pr.updatedAt = isoSeconds();
    return pr;
  }

  /**
   * Merges the PR's head into its base in the bare repository with a real merge (or squash) commit.
   * Throws when the merge conflicts.
   */
  async mergePullRequest(
    number: number,
    options: {
      method?: 'merge' | 'squash' | 'rebase';
      by?: string;
      commitTitle?: string;
      commitMessage?: string;
    } = {},
  ): Promise<PullRequest> {
    const pr = this.requirePullRequest(number);
    const headSha = await this.headSha(pr);
    if (!headSha) throw new Error(`pull request #${number} has no head commit`);
    const method = options.method ?? 'merge';
    const title =
      options.commitTitle ??
      (method === 'merge'
        ? `Merge pull request #${pr.number} from ${pr.headRepoFullName.split('/')[0]}/${pr.head}`
        : `${pr.title} (#${pr.number})`);
    const body = options.commitMessage ?? (method === 'merge' ? pr.title : '');
    const by = options.by ?? this.defaultLogin;
    const outcome = await this.git.merge(pr.base, headSha, {
      method,
      message: body ? `${title}\n\n${body}` : title,
      author: { name: by, email: `${by}@users.noreply.github.com` },
    });
    if ('conflict' in outcome) throw new Error(`merge conflict in ${outcome.conflict.join(', ')}`);
    const now = isoSeconds();
    Object.assign(pr, {
      state: 'closed',
      merged: true,
      mergedAt: now,
      closedAt: now,
      updatedAt: now,
      mergedBy: by,
      mergeCommitSha: outcome.sha,
      headSha,
      baseSha: outcome.sha,
    });
    return pr;
  }

  // ---- reviews -------------------------------------------------------------------------------

  addReview(input: NewReview): Review {
    const pr = this.requirePullRequest(input.pullNumber);
    const id = this.id();
    const review: Review = {
      id,
      nodeId: nodeIdFor('PRR', id),
      pullNumber: input.pullNumber,
      user: input.user,
      state: input.state,
      body: input.body ?? '',
      commitId: input.commitId ?? this.headShaSync(pr) ?? '',
      submittedAt: input.state === 'PENDING' ? null : (input.submittedAt ?? isoSeconds()),
    };
    this.reviews.push(review);
    pr.requestedReviewers = pr.requestedReviewers.filter((r) => r !== input.user);
    pr.updatedAt = isoSeconds();
    return review;
  }

  reviewsOf(pullNumber: number): Review[] {
    return this.reviews.filter((r) => r.pullNumber === pullNumber);
  }

  /**
   * Dismisses an approval or change request as `by`, with GitHub's message; records the
   * ReviewDismissedEvent. Returns null (nothing changed) for a review in any other state.
   */
  dismissReview(reviewId: number, input: { message: string; by: string }): ReviewDismissal | null {
    const review = this.reviews.find((r) => r.id === reviewId);
    if (!review) throw new Error(`no review ${reviewId}`);
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED') return null;
    const id = this.id();
    const dismissal: ReviewDismissal = {
      id,
      nodeId: nodeIdFor('RDE', id),
      pullNumber: review.pullNumber,
      reviewId,
      previousState: review.state,
      message: input.message,
      actor: input.by,
      createdAt: isoSeconds(),
    };
    review.state = 'DISMISSED';
    this.dismissals.push(dismissal);
    return dismissal;
  }

  dismissalsOf(pullNumber: number): ReviewDismissal[] {
    return this.dismissals.filter((d) => d.pullNumber === pullNumber);
  }

  // ---- checks --------------------------------------------------------------------------------

  addWorkflowRun(input: NewWorkflowRun): WorkflowRun {
    const id = input.id ?? this.id();
    const existing = this.workflowRuns.find((r) => r.id === id);
    if (existing) return existing;
    const now = isoSeconds();
    const run: WorkflowRun = {
      id,
      nodeId: nodeIdFor('WFR', id),
      name: input.name ?? 'CI',
      headSha: input.headSha,
      headBranch: input.headBranch ?? null,
      event: input.event ?? 'pull_request',
      status: input.status ?? 'completed',
      conclusion: input.conclusion ?? (input.status && input.status !== 'completed' ? null : 'success'),
      runNumber: this.workflowRuns.length + 1,
      runAttempt: 1,
      workflowId: 1,
      path: input.path ?? '.github/workflows/ci.yml',
      actor: this.defaultLogin,
      pullRequests: input.pullRequests ?? [],
      createdAt: now,
      updatedAt: now,
    };
    this.workflowRuns.push(run);
    return run;
  }

  /** The suite a check run belongs to: one per (head sha, app, workflow run), as GitHub groups them. */
  private suiteFor(
    headSha: string,
    appSlug: string,
    workflowRunId: number | null,
    headBranch: string | null,
  ): CheckSuite {
    const found = this.checkSuites.find(
      (s) => s.headSha === headSha && s.appSlug === appSlug && s.workflowRunId === workflowRunId,
    );
    if (found) return found;
    const id = this.id();
    const now = isoSeconds();
    const suite: CheckSuite = {
      id,
      nodeId: nodeIdFor('CS', id),
      headSha,
      headBranch,
      appSlug,
      workflowRunId,
      createdAt: now,
      updatedAt: now,
    };
    this.checkSuites.push(suite);
    return suite;
  }

  addCheckRun(input: NewCheckRun): CheckRun {
    const id = this.id();
    const appSlug = input.appSlug ?? 'github-actions';
    const workflowRunId = input.workflowRunId ?? null;
    if (workflowRunId !== null)
      this.addWorkflowRun({
        id: workflowRunId,
        headSha: input.headSha,
        headBranch: input.headBranch ?? null,
      });
    const suite = this.suiteFor(input.headSha, appSlug, workflowRunId, input.headBranch ?? null);
    const status = input.status ?? (input.conclusion ? 'completed' : 'queued');
    const now = isoSeconds();
    const run: CheckRun = {
      id,
      nodeId: nodeIdFor('CR', id),
      headSha: input.headSha,
      name: input.name,
      status,
      conclusion: status === 'completed' ? (input.conclusion ?? 'success') : null,
      detailsUrl:
        input.detailsUrl !== undefined
          ? input.detailsUrl
          : workflowRunId !== null
            ? `${this.htmlUrl}/${this.fullName}/actions/runs/${workflowRunId}/job/${id}`
            : null,
      externalId: input.externalId ?? '',
      startedAt: input.startedAt ?? (status === 'queued' ? null : now),
      completedAt: status === 'completed' ? (input.completedAt ?? now) : null,
      checkSuiteId: suite.id,
      appSlug,
      output: {
        title: input.output?.title ?? null,
        summary: input.output?.summary ?? null,
        text: input.output?.text ?? null,
      },
    };
    this.checkRuns.push(run);
    suite.updatedAt = now;
    return run;
  }

  checkRunsFor(sha: string): CheckRun[] {
    return this.checkRuns.filter((r) => r.headSha === sha);
  }

  addStatus(input: NewStatus): CommitStatus {
    const id = this.id();
    const now = isoSeconds();
    const status: CommitStatus = {
      id,
      nodeId: nodeIdFor('SC', id),
      sha: input.sha,
      context: input.context ?? 'default',
      state: input.state,
      targetUrl: input.targetUrl ?? null,
      description: input.description ?? null,
      creator: input.creator ?? this.defaultLogin,
      createdAt: now,
      updatedAt: now,
    };
    this.statuses.push(status);
    return status;
  }

  /** Every status for a sha, newest first (as GitHub lists them). */
  statusesFor(sha: string): CommitStatus[] {
    return this.statuses.filter((s) => s.sha === sha).reverse();
  }

  /** The latest status per context, in order of first appearance. */
  latestStatusesFor(sha: string): CommitStatus[] {
    const latest = new Map<string, CommitStatus>();
    for (const s of this.statuses) if (s.sha === sha) latest.set(s.context, s);
    return [...latest.values()];
  }

  // ---- issues and comments -------------------------------------------------------------------

  createIssue(input: NewIssue): Issue {
    const id = this.id();
    const now = isoSeconds();
    const issue: Issue = {
      id,
      nodeId: nodeIdFor('I', id),
      number: this.number(),
      title: input.title,
      body: input.body ?? null,
      user: input.user ?? this.defaultLogin,
      labels: [...(input.labels ?? [])],
      state: input.state ?? 'open',
      stateReason: input.state === 'closed' ? 'completed' : null,
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: input.state === 'closed' ? now : null,
    };
    this.issues.push(issue);
    return issue;
  }

  issue(number: number): Issue | undefined {
    return this.issues.find((i) => i.number === number);
  }

  addComment(input: { issueNumber: number; body: string; user?: string }): IssueComment {
    if (!this.issue(input.issueNumber) && !this.pullRequest(input.issueNumber))
      throw new Error(`no issue or pull request #${input.issueNumber}`);
    const id = this.id();
    const now = isoSeconds();
    const comment: IssueComment = {
      id,
      nodeId: nodeIdFor('IC', id),
      issueNumber: input.issueNumber,
      body: input.body,
      user: input.user ?? this.defaultLogin,
      createdAt: now,
      updatedAt: now,
    };
    this.comments.push(comment);
    return comment;
  }

  commentsOf(issueNumber: number): IssueComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber);
  }
}
