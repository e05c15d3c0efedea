import { fullName, repoApiUrl, repoHtmlUrl, type EmulatorContext } from '../context.js';
import type { CommitInfo, FileChange } from '../git-repo.js';
import {
  isBotLogin,
  nodeIdFor,
  type CheckRun,
  type CheckSuite,
  type CommitStatus,
  type Issue,
  type IssueComment,
  type PullRequest,
  type Review,
  type WorkflowRun,
} from '../model.js';

/** GitHub's JSON shapes for the records the emulator serves (the fields of GitHub's OpenAPI description). */

const KNOWN_USER_IDS: Record<string, number> = {
  'github-actions[bot]': 41898282,
  'dependabot[bot]': 49699333,
};

export function userId(login: string): number {
  const known = KNOWN_USER_IDS[login];
  if (known) return known;
  let hash = 7;
  for (const ch of login) hash = (hash * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  return hash + 1;
}

export function user(ctx: EmulatorContext, login: string) {
  const id = userId(login);
  const url = `${ctx.apiUrl}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeIdFor(isBotLogin(login) ? 'BOT' : 'U', id),
    avatar_url: `${ctx.htmlUrl}/avatars/u/${id}`,
    gravatar_id: '',
    url,
    html_url: `${ctx.htmlUrl}/${isBotLogin(login) ? 'apps/' + login.replace('[bot]', '') : login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: isBotLogin(login) ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export const REPO_ID = 700000001;

export function repository(ctx: EmulatorContext) {
  const api = repoApiUrl(ctx);
  const html = repoHtmlUrl(ctx);
  const s = ctx.store.settings;
  const openIssues =
    ctx.store.issues.filter((i) => i.state === 'open').length +
    ctx.store.pullRequests.filter((p) => p.state === 'open').length;
  return {
    id: REPO_ID,
    node_id: nodeIdFor('R', REPO_ID),
    name: ctx.repo,
    full_name: fullName(ctx),
    owner: user(ctx, ctx.owner),
    private: false,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://127.0.0.1/${fullName(ctx)}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@127.0.0.1:${fullName(ctx)}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: ctx.git.path,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: ctx.defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: '2026-01-01T00:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_rebase_merge: s.allowRebaseMerge,
    allow_squash_merge: s.allowSquashMerge,
    allow_merge_commit: s.allowMergeCommit,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
  };
}

/** The full repository object (GET /repos/{owner}/{repo}). */
export function fullRepository(ctx: EmulatorContext) {
  return {
    ...repository(ctx),
    network_count: 0,
    subscribers_count: 0,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
  };
}

export function label(ctx: EmulatorContext, name: string) {
  let id = 11;
  for (const ch of name) id = (id * 31 + ch.charCodeAt(0)) % 1_000_000_000;
  return {
    id,
    node_id: nodeIdFor('LA', id),
    url: `${repoApiUrl(ctx)}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

export function pullHtmlUrl(ctx: EmulatorContext, number: number): string {
  return `${repoHtmlUrl(ctx)}/pull/${number}`;
}

export interface PullShas {
  headSha: string | null;
  baseSha: string | null;
}

function branchSide(ctx: EmulatorContext, branch: string, sha: string | null, repoFullName: string) {
  const ownerLogin = repoFullName.split('/')[0] ?? ctx.owner;
  const own = repoFullName.toLowerCase() === fullName(ctx).toLowerCase();
  const repo = own
    ? repository(ctx)
    : {
        ...repository(ctx),
        id: REPO_ID + 1,
        name: repoFullName.split('/')[1] ?? ctx.repo,
        full_name: repoFullName,
        owner: user(ctx, ownerLogin),
        fork: true,
      };
  return {
    label: `${ownerLogin}:${branch}`,
    ref: branch,
    sha: sha ?? '0000000000000000000000000000000000000000',
    user: user(ctx, ownerLogin),
    repo,
  };
}

/** A pull request in the list shape (`pull-request-simple`). */
export function pullRequestSimple(ctx: EmulatorContext, pr: PullRequest, shas: PullShas) {
  const api = `${repoApiUrl(ctx)}/pulls/${pr.number}`;
  const html = pullHtmlUrl(ctx, pr.number);
  const issueUrl = `${repoApiUrl(ctx)}/issues/${pr.number}`;
  const statusesUrl = `${repoApiUrl(ctx)}/statuses/${shas.headSha ?? ''}`;
  return {
    url: api,
    id: pr.id,
    node_id: pr.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApiUrl(ctx)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: pr.number,
    state: pr.state,
    locked: pr.locked,
    title: pr.title,
    user: user(ctx, pr.user),
    body: pr.body,
    labels: pr.labels.map((l) => label(ctx, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pr.requestedReviewers.map((l) => user(ctx, l)),
    requested_teams: [],
    head: branchSide(ctx, pr.head, shas.headSha, pr.headRepoFullName),
    base: branchSide(ctx, pr.base, shas.baseSha, fullName(ctx)),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApiUrl(ctx)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: pr.user === ctx.owner ? 'OWNER' : isBotLogin(pr.user) ? 'NONE' : 'CONTRIBUTOR',
    auto_merge: null,
    draft: pr.draft,
  };
}

export interface PullDetails {
  mergeable: boolean | null;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

/** A single pull request (`pull-request`). */
export function pullRequest(ctx: EmulatorContext, pr: PullRequest, shas: PullShas, details: PullDetails) {
  const mergeableState =
    pr.state === 'closed' ? 'unknown' : details.mergeable === false ? 'dirty' : pr.draft ? 'draft' : 'clean';
  return {
    ...pullRequestSimple(ctx, pr, shas),
    merged: pr.merged,
    mergeable: pr.state === 'closed' ? null : details.mergeable,
    rebaseable: pr.state === 'closed' ? null : details.mergeable,
    mergeable_state: mergeableState,
    merged_by: pr.mergedBy ? user(ctx, pr.mergedBy) : null,
    comments: ctx.store.commentsOf(pr.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: details.commits,
    additions: details.additions,
    deletions: details.deletions,
    changed_files: details.changedFiles,
  };
}

export function review(ctx: EmulatorContext, r: Review) {
  return {
    id: r.id,
    node_id: r.nodeId,
    user: user(ctx, r.user),
    body: r.body,
    state: r.state,
    html_url: `${pullHtmlUrl(ctx, r.pullNumber)}#pullrequestreview-${r.id}`,
    pull_request_url: `${repoApiUrl(ctx)}/pulls/${r.pullNumber}`,
    _links: {
      html: { href: `${pullHtmlUrl(ctx, r.pullNumber)}#pullrequestreview-${r.id}` },
      pull_request: { href: `${repoApiUrl(ctx)}/pulls/${r.pullNumber}` },
    },
    submitted_at: r.submittedAt ?? undefined,
    commit_id: r.commitId,
    author_association: r.user === ctx.owner ? 'OWNER' : isBotLogin(r.user) ? 'NONE' : 'COLLABORATOR',
  };
}

export function app(ctx: EmulatorContext, slug: string) {
  const id = slug === 'github-actions' ? 15368 : userId(slug);
  return {
    id,
    slug,
    node_id: nodeIdFor('A', id),
    client_id: `Iv1.${id}`,
    owner: user(ctx, slug === 'github-actions' ? 'github' : ctx.owner),
    name: slug === 'github-actions' ? 'GitHub Actions' : slug,
    description: '',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${ctx.htmlUrl}/apps/${slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: {
      actions: 'write',
      checks: 'write',
      contents: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
      statuses: 'write',
    },
    events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_run'],
  };
}

/** The pull requests of this repository whose head is `sha` (GitHub lists them on check runs and suites). */
function pullsAt(ctx: EmulatorContext, sha: string) {
  return ctx.store.pullRequests
    .filter((p) => p.state === 'open' && p.headSha === sha && !ctx.store.isFork(p))
    .map((p) => ({
      id: p.id,
      number: p.number,
      url: `${repoApiUrl(ctx)}/pulls/${p.number}`,
      head: { ref: p.head, sha, repo: { id: REPO_ID, url: repoApiUrl(ctx), name: ctx.repo } },
      base: {
        ref: p.base,
        sha: p.baseSha ?? sha,
        repo: { id: REPO_ID, url: repoApiUrl(ctx), name: ctx.repo },
      },
    }));
}

export function checkRun(ctx: EmulatorContext, r: CheckRun) {
  const url = `${repoApiUrl(ctx)}/check-runs/${r.id}`;
  return {
    id: r.id,
    head_sha: r.headSha,
    node_id: r.nodeId,
    external_id: r.externalId,
    url,
    html_url: r.detailsUrl ?? `${repoHtmlUrl(ctx)}/runs/${r.id}`,
    details_url: r.detailsUrl,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.startedAt,
    completed_at: r.completedAt,
    output: {
      title: r.output.title,
      summary: r.output.summary,
      text: r.output.text,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    name: r.name,
    check_suite: { id: r.checkSuiteId },
    app: app(ctx, r.appSlug),
    pull_requests: pullsAt(ctx, r.headSha),
  };
}

function rollupStatus(runs: CheckRun[]): { status: string; conclusion: string | null } {
  if (runs.length === 0) return { status: 'queued', conclusion: null };
  if (runs.some((r) => r.status !== 'completed'))
    return {
      status: runs.some((r) => r.status === 'in_progress') ? 'in_progress' : 'queued',
      conclusion: null,
    };
  const order = [
    'action_required',
    'cancelled',
    'timed_out',
    'failure',
    'startup_failure',
    'stale',
    'neutral',
    'skipped',
    'success',
  ];
  const worst = order.find((c) => runs.some((r) => r.conclusion === c)) ?? 'success';
  return { status: 'completed', conclusion: worst };
}

export function checkSuite(ctx: EmulatorContext, s: CheckSuite) {
  const runs = ctx.store.checkRuns.filter((r) => r.checkSuiteId === s.id);
  const { status, conclusion } = rollupStatus(runs);
  return {
    id: s.id,
    node_id: s.nodeId,
    head_branch: s.headBranch,
    head_sha: s.headSha,
    status,
    conclusion,
    url: `${repoApiUrl(ctx)}/check-suites/${s.id}`,
    before: null,
    after: s.headSha,
    pull_requests: pullsAt(ctx, s.headSha),
    app: app(ctx, s.appSlug),
    repository: repository(ctx),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    head_commit: {
      id: s.headSha,
      tree_id: s.headSha,
      message: '',
      timestamp: s.createdAt,
      author: null,
      committer: null,
    },
    latest_check_runs_count: runs.length,
    check_runs_url: `${repoApiUrl(ctx)}/check-suites/${s.id}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}

export function workflowRun(ctx: EmulatorContext, w: WorkflowRun) {
  const api = `${repoApiUrl(ctx)}/actions/runs/${w.id}`;
  const suite = ctx.store.checkSuites.find((s) => s.workflowRunId === w.id);
  const actor = user(ctx, w.actor);
  return {
    id: w.id,
    name: w.name,
    node_id: w.nodeId,
    check_suite_id: suite?.id,
    check_suite_node_id: suite?.nodeId,
    head_branch: w.headBranch,
    head_sha: w.headSha,
    path: w.path,
    run_number: w.runNumber,
    run_attempt: w.runAttempt,
    event: w.event,
    display_title: w.name,
    status: w.status,
    conclusion: w.conclusion,
    workflow_id: w.workflowId,
    url: api,
    html_url: `${repoHtmlUrl(ctx)}/actions/runs/${w.id}`,
    pull_requests: w.pullRequests
      .map((n) => ctx.store.pullRequest(n))
      .filter((p): p is PullRequest => p !== undefined)
      .map((p) => ({
        id: p.id,
        number: p.number,
        url: `${repoApiUrl(ctx)}/pulls/${p.number}`,
        head: {
          ref: p.head,
          sha: p.headSha ?? w.headSha,
          repo: { id: REPO_ID, url: repoApiUrl(ctx), name: ctx.repo },
        },
        base: {
          ref: p.base,
          sha: p.baseSha ?? w.headSha,
          repo: { id: REPO_ID, url: repoApiUrl(ctx), name: ctx.repo },
        },
      })),
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    actor,
    triggering_actor: actor,
    run_started_at: w.createdAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: suite ? `${repoApiUrl(ctx)}/check-suites/${suite.id}` : `${api}/check-suite`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${repoApiUrl(ctx)}/actions/workflows/${w.workflowId}`,
    head_commit: null,
    repository: minimalRepository(ctx),
    head_repository: minimalRepository(ctx),
  };
}

export function minimalRepository(ctx: EmulatorContext) {
  const full = repository(ctx);
  return full;
}

export function commitStatus(ctx: EmulatorContext, s: CommitStatus) {
  return {
    url: `${repoApiUrl(ctx)}/statuses/${s.sha}`,
    avatar_url: null,
    id: s.id,
    node_id: s.nodeId,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: user(ctx, s.creator),
  };
}

export function issue(ctx: EmulatorContext, i: Issue) {
  const api = `${repoApiUrl(ctx)}/issues/${i.number}`;
  return {
    id: i.id,
    node_id: i.nodeId,
    url: api,
    repository_url: repoApiUrl(ctx),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repoHtmlUrl(ctx)}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.stateReason,
    title: i.title,
    body: i.body,
    user: user(ctx, i.user),
    labels: i.labels.map((l) => label(ctx, l)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: i.locked,
    active_lock_reason: null,
    comments: ctx.store.commentsOf(i.number).length,
    closed_at: i.closedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_by: null,
    author_association: i.user === ctx.owner ? 'OWNER' : 'NONE',
    reactions: reactions(api),
  };
}

/** A pull request seen through the issues API (GitHub lists PRs among issues, with `pull_request`). */
export function issueOfPull(ctx: EmulatorContext, pr: PullRequest) {
  const api = `${repoApiUrl(ctx)}/issues/${pr.number}`;
  return {
    ...issue(ctx, {
      id: pr.id,
      nodeId: pr.nodeId,
      number: pr.number,
      title: pr.title,
      body: pr.body,
      user: pr.user,
      labels: pr.labels,
      state: pr.state,
      stateReason: null,
      locked: pr.locked,
      createdAt: pr.createdAt,
      updatedAt: pr.updatedAt,
      closedAt: pr.closedAt,
    }),
    html_url: pullHtmlUrl(ctx, pr.number),
    url: api,
    draft: pr.draft,
    pull_request: {
      url: `${repoApiUrl(ctx)}/pulls/${pr.number}`,
      html_url: pullHtmlUrl(ctx, pr.number),
      diff_url: `${pullHtmlUrl(ctx, pr.number)}.diff`,
      patch_url: `${pullHtmlUrl(ctx, pr.number)}.patch`,
      merged_at: pr.mergedAt,
    },
  };
}

function reactions(url: string) {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    confused: 0,
    heart: 0,
    hooray: 0,
    eyes: 0,
    rocket: 0,
  };
}

export function comment(ctx: EmulatorContext, c: IssueComment) {
  const pr = ctx.store.pullRequest(c.issueNumber);
  const htmlBase = pr ? pullHtmlUrl(ctx, c.issueNumber) : `${repoHtmlUrl(ctx)}/issues/${c.issueNumber}`;
  const url = `${repoApiUrl(ctx)}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: c.nodeId,
    url,
    html_url: `${htmlBase}#issuecomment-${c.id}`,
    body: c.body,
    user: user(ctx, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${repoApiUrl(ctx)}/issues/${c.issueNumber}`,
    author_association: c.user === ctx.owner ? 'OWNER' : 'NONE',
    reactions: reactions(url),
  };
}

/** A user looked up from a commit's email: `name@users.noreply.github.com` forms map back to logins. */
function commitUser(ctx: EmulatorContext, email: string) {
  const match = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email);
  return match?.[1] ? user(ctx, match[1]) : null;
}

export function gitCommit(ctx: EmulatorContext, c: CommitInfo) {
  return {
    url: `${repoApiUrl(ctx)}/git/commits/${c.sha}`,
    author: { ...c.author },
    committer: { ...c.committer },
    message: c.message,
    comment_count: 0,
    tree: { sha: c.tree, url: `${repoApiUrl(ctx)}/git/trees/${c.tree}` },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** A commit (`commit` schema); `files` and `stats` only for single-commit responses. */
export function commit(ctx: EmulatorContext, c: CommitInfo, files?: FileChange[]) {
  const result: Record<string, unknown> = {
    url: `${repoApiUrl(ctx)}/commits/${c.sha}`,
    sha: c.sha,
    node_id: nodeIdFor('C', parseInt(c.sha.slice(0, 8), 16)),
    html_url: `${repoHtmlUrl(ctx)}/commit/${c.sha}`,
    comments_url: `${repoApiUrl(ctx)}/commits/${c.sha}/comments`,
    commit: gitCommit(ctx, c),
    author: commitUser(ctx, c.author.email),
    committer: commitUser(ctx, c.committer.email),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${repoApiUrl(ctx)}/commits/${p}`,
      html_url: `${repoHtmlUrl(ctx)}/commit/${p}`,
    })),
  };
  if (files) {
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    result.stats = { total: additions + deletions, additions, deletions };
    result.files = files.map((f) => diffEntry(ctx, f, c.sha));
  }
  return result;
}

export function diffEntry(ctx: EmulatorContext, f: FileChange, ref: string) {
  return {
    sha: f.sha ?? '0000000000000000000000000000000000000000',
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `${repoHtmlUrl(ctx)}/blob/${ref}/${f.filename}`,
    raw_url: `${repoHtmlUrl(ctx)}/raw/${ref}/${f.filename}`,
    contents_url: `${repoApiUrl(ctx)}/contents/${f.filename}?ref=${ref}`,
  };
}

export function gitRef(ctx: EmulatorContext, ref: string, sha: string, type = 'commit') {
  return {
    ref,
    node_id: nodeIdFor('REF', parseInt(sha.slice(0, 8), 16)),
    url: `${repoApiUrl(ctx)}/git/${ref}`,
    object: { type, sha, url: `${repoApiUrl(ctx)}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}` },
  };
}
