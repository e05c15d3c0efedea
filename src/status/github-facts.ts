/**
 * Worker facts from GitHub's GraphQL API, batched: one query covers a chunk of worker branches
 * through aliases, so the request count grows with pages, not with workers.
 */
import type {
  CiState,
  CommitFact,
  PullRequestFact,
  ReviewDecision,
  ReviewFact,
  ReviewState,
} from './types.js';

/** Runs one GraphQL request (the action passes the Octokit client's; tests may pass anything). */
export type GraphqlRequest = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** Workers per query. Each costs ~5 PRs × 30 reviews nodes, far below GitHub's 500 000-node limit. */
export const WORKERS_PER_QUERY = 50;
const PRS_PER_PAGE = 5;
const REVIEWS_PER_PAGE = 30;

export interface BranchFacts {
  head: string | null;
  lastCommit: CommitFact | null;
  ci: CiState;
  /** From `Ref.compare` (null when not asked or not answered): commits the branch has that base lacks, and the reverse. */
  aheadOfBase: number | null;
  behindBase: number | null;
  /** Commits the branch has that the omnibus branch lacks (null when not asked, or no omnibus branch). */
  aheadOfOmnibus: number | null;
  pullRequests: PullRequestFact[];
}

export interface ApiFacts {
  baseSha: string | null;
  omnibusSha: string | null;
  branches: Map<string, BranchFacts>;
}

export interface ApiFactsRequest {
  owner: string;
  repo: string;
  base: string;
  omnibus: string;
  branches: string[];
  /** Ask for `Ref.compare` against base and omnibus (not needed when git answers). */
  compare: boolean;
}

/** The repository's default branch; one small query, used only when the config names no base. */
export async function fetchDefaultBranch(
  graphql: GraphqlRequest,
  owner: string,
  repo: string,
): Promise<string> {
  const data = await graphql<{ repository: { defaultBranchRef: { name: string } | null } | null }>(
    'query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { defaultBranchRef { name } } }',
    { owner, repo },
  );
  const name = data.repository?.defaultBranchRef?.name;
  if (!name)
    throw new Error(`Repository ${owner}/${repo} has no default branch; set \`base\` in the config.`);
  return name;
}

const PR_FIELDS = `number url state isDraft mergedAt updatedAt headRefOid baseRefName reviewDecision isCrossRepository
  latestOpinionatedReviews(first: ${REVIEWS_PER_PAGE}) { pageInfo { hasNextPage endCursor } nodes { state submittedAt author { login } } }`;

const COMMIT_FIELDS = `oid committedDate messageHeadline author { name date user { login } } statusCheckRollup { state }`;

/** Builds the query for one chunk of branches; `$bN` carries `refs/heads/<branch>`. */
export function buildChunkQuery(
  count: number,
  options: { compare: boolean; withBaseAndOmnibus: boolean },
): string {
  const vars = ['$owner: String!', '$repo: String!'];
  if (options.withBaseAndOmnibus) vars.push('$baseRef: String!', '$omnibusRef: String!');
  if (options.compare) vars.push('$base: String!', '$omnibus: String!');
  const fields: string[] = [];
  if (options.withBaseAndOmnibus) {
    fields.push('baseRef: ref(qualifiedName: $baseRef) { target { oid } }');
    fields.push('omnibusRef: ref(qualifiedName: $omnibusRef) { target { oid } }');
  }
  for (let i = 0; i < count; i++) {
    vars.push(`$b${i}: String!`);
    fields.push(`w${i}: ref(qualifiedName: $b${i}) { ...worker }`);
  }
  const compare = options.compare
    ? `toBase: compare(headRef: $base) { aheadBy behindBy }
  toOmnibus: compare(headRef: $omnibus) { aheadBy behindBy }`
    : '';
  return `query(${vars.join(', ')}) {
  rateLimit { cost remaining }
  repository(owner: $owner, name: $repo) {
    ${fields.join('\n    ')}
  }
}
fragment worker on Ref {
  target { ... on Commit { ${COMMIT_FIELDS} } }
  open: associatedPullRequests(first: ${PRS_PER_PAGE}, states: [OPEN], orderBy: { field: UPDATED_AT, direction: DESC }) {
    pageInfo { hasNextPage endCursor }
    nodes { ${PR_FIELDS} }
  }
  merged: associatedPullRequests(first: ${PRS_PER_PAGE}, states: [MERGED], orderBy: { field: UPDATED_AT, direction: DESC }) {
    nodes { ${PR_FIELDS} }
  }
  ${compare}
}`;
}

// ---- response shapes ----

interface RawReview {
  state: string;
  submittedAt: string | null;
  author: { login: string } | null;
}
interface RawConnection<T> {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null } | null;
  nodes: (T | null)[] | null;
}
interface RawPr {
  number: number;
  url: string;
  state: string;
  isDraft: boolean | null;
  mergedAt: string | null;
  updatedAt: string | null;
  headRefOid: string;
  baseRefName: string;
  reviewDecision: string | null;
  isCrossRepository: boolean | null;
  latestOpinionatedReviews: RawConnection<RawReview> | null;
}
interface RawCommit {
  oid?: string;
  committedDate?: string;
  messageHeadline?: string;
  author?: { name: string | null; date: string | null; user: { login: string } | null } | null;
  statusCheckRollup?: { state: string } | null;
}
interface RawRef {
  target: RawCommit | null;
  open: RawConnection<RawPr> | null;
  merged: RawConnection<RawPr> | null;
  toBase?: { aheadBy: number; behindBy: number } | null;
  toOmnibus?: { aheadBy: number; behindBy: number } | null;
}
type RawRepository = Record<string, unknown>;

interface Pending {
  /** Follow-up pages still to read. */
  openPrs: { branch: string; after: string }[];
  reviews: { pr: PullRequestFact; number: number; after: string }[];
}

/**
 * Facts for every branch: chunked queries, then batched follow-ups for connections that overflowed,
 * then (batched) merged PRs of branches that no longer exist.
 */
export async function fetchApiFacts(graphql: GraphqlRequest, request: ApiFactsRequest): Promise<ApiFacts> {
  const branches = [...new Set(request.branches)];
  const result: ApiFacts = { baseSha: null, omnibusSha: null, branches: new Map() };
  const pending: Pending = { openPrs: [], reviews: [] };
  const chunks = chunk(branches, WORKERS_PER_QUERY);
  if (chunks.length === 0) chunks.push([]);

  for (const [index, names] of chunks.entries()) {
    const withBaseAndOmnibus = index === 0;
    const query = buildChunkQuery(names.length, { compare: request.compare, withBaseAndOmnibus });
    const variables: Record<string, unknown> = { owner: request.owner, repo: request.repo };
    if (withBaseAndOmnibus) {
      variables.baseRef = `refs/heads/${request.base}`;
      variables.omnibusRef = `refs/heads/${request.omnibus}`;
    }
    if (request.compare) Object.assign(variables, { base: request.base, omnibus: request.omnibus });
    names.forEach((name, i) => (variables[`b${i}`] = `refs/heads/${name}`));
    const data = await tolerateCompareErrors<{ repository: RawRepository | null }>(graphql, query, variables);
    const repository = requireRepository(data.repository, request);
    if (withBaseAndOmnibus) {
      result.baseSha = targetOid(repository.baseRef);
      result.omnibusSha = targetOid(repository.omnibusRef);
    }
    names.forEach((name, i) => {
      const raw = repository[`w${i}`] as RawRef | null | undefined;
      result.branches.set(name, toBranchFacts(raw ?? null, result.omnibusSha !== null, name, pending));
    });
  }

  await readFollowUps(graphql, request, result, pending);
  const gone = branches.filter((b) => result.branches.get(b)?.head === null);
  if (gone.length > 0) await fetchMergedOfDeleted(graphql, request, gone, result);
  return result;
}

function toBranchFacts(
  raw: RawRef | null,
  omnibusExists: boolean,
  branch: string,
  pending: Pending,
): BranchFacts {
  if (raw === null || !raw.target?.oid) {
    return {
      head: null,
      lastCommit: null,
      ci: 'none',
      aheadOfBase: null,
      behindBase: null,
      aheadOfOmnibus: null,
      pullRequests: [],
    };
  }
  const commit = raw.target;
  const prs: PullRequestFact[] = [];
  for (const node of [...(raw.open?.nodes ?? []), ...(raw.merged?.nodes ?? [])]) {
    if (node === null || prs.some((p) => p.number === node.number)) continue;
    prs.push(toPullRequest(node, pending));
  }
  const openPage = raw.open?.pageInfo;
  if (openPage?.hasNextPage && openPage.endCursor)
    pending.openPrs.push({ branch, after: openPage.endCursor });
  // Ref.compare compares the ref *as base* with headRef: behindBy counts the branch's own commits.
  return {
    head: commit.oid ?? null,
    lastCommit: {
      sha: commit.oid ?? '',
      date: commit.committedDate ?? commit.author?.date ?? '',
      author: commit.author?.user?.login ?? commit.author?.name ?? '',
      message: commit.messageHeadline ?? '',
    },
    ci: ciFromRollup(commit.statusCheckRollup?.state ?? null),
    aheadOfBase: raw.toBase ? raw.toBase.behindBy : null,
    behindBase: raw.toBase ? raw.toBase.aheadBy : null,
    aheadOfOmnibus: omnibusExists && raw.toOmnibus ? raw.toOmnibus.behindBy : null,
    pullRequests: prs,
  };
}

function toPullRequest(raw: RawPr, pending: Pending): PullRequestFact {
  const pr: PullRequestFact = {
    number: raw.number,
    url: raw.url,
    state: raw.state === 'MERGED' ? 'MERGED' : raw.state === 'OPEN' ? 'OPEN' : 'CLOSED',
    isDraft: raw.isDraft === true,
    mergedAt: raw.mergedAt,
    headRefOid: raw.headRefOid,
    baseRefName: raw.baseRefName,
    updatedAt: raw.updatedAt,
    reviewDecision: toDecision(raw.reviewDecision),
    reviews: toReviews(raw.latestOpinionatedReviews),
  };
  const page = raw.latestOpinionatedReviews?.pageInfo;
  if (page?.hasNextPage && page.endCursor)
    pending.reviews.push({ pr, number: raw.number, after: page.endCursor });
  return pr;
}

function toReviews(connection: RawConnection<RawReview> | null): ReviewFact[] {
  return (connection?.nodes ?? [])
    .filter((r): r is RawReview => r !== null)
    .map((r) => ({
      author: r.author?.login ?? 'ghost',
      state: r.state as ReviewState,
      submittedAt: r.submittedAt,
    }));
}

function toDecision(value: string | null): ReviewDecision | null {
  return value === 'APPROVED' || value === 'CHANGES_REQUESTED' || value === 'REVIEW_REQUIRED' ? value : null;
}

export function ciFromRollup(state: string | null): CiState {
  switch (state) {
    case 'SUCCESS':
      return 'success';
    case 'FAILURE':
    case 'ERROR':
      return 'failure';
    case 'PENDING':
    case 'EXPECTED':
      return 'pending';
    default:
      return 'none';
  }
}

/** Reads the pages that overflowed (open PRs of a branch, reviews of a PR), batched, until none is left. */
async function readFollowUps(
  graphql: GraphqlRequest,
  request: ApiFactsRequest,
  result: ApiFacts,
  pending: Pending,
): Promise<void> {
  while (pending.openPrs.length > 0 || pending.reviews.length > 0) {
    const openPrs = pending.openPrs.splice(0, WORKERS_PER_QUERY);
    const reviews = pending.reviews.splice(0, WORKERS_PER_QUERY);
    const vars = ['$owner: String!', '$repo: String!'];
    const fields: string[] = [];
    const variables: Record<string, unknown> = { owner: request.owner, repo: request.repo };
    openPrs.forEach((p, i) => {
      vars.push(`$ob${i}: String!`, `$oa${i}: String!`);
      variables[`ob${i}`] = `refs/heads/${p.branch}`;
      variables[`oa${i}`] = p.after;
      fields.push(
        `o${i}: ref(qualifiedName: $ob${i}) { open: associatedPullRequests(first: ${PRS_PER_PAGE}, after: $oa${i}, states: [OPEN], orderBy: { field: UPDATED_AT, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { ${PR_FIELDS} } } }`,
      );
    });
    reviews.forEach((r, i) => {
      vars.push(`$rn${i}: Int!`, `$ra${i}: String!`);
      variables[`rn${i}`] = r.number;
      variables[`ra${i}`] = r.after;
      fields.push(
        `r${i}: pullRequest(number: $rn${i}) { latestOpinionatedReviews(first: 100, after: $ra${i}) { pageInfo { hasNextPage endCursor } nodes { state submittedAt author { login } } } }`,
      );
    });
    const query = `query(${vars.join(', ')}) { repository(owner: $owner, name: $repo) { ${fields.join('\n')} } }`;
    const data = await graphql<{ repository: RawRepository | null }>(query, variables);
    const repository = requireRepository(data.repository, request);
    openPrs.forEach((p, i) => {
      const raw = repository[`o${i}`] as { open: RawConnection<RawPr> | null } | null;
      const facts = result.branches.get(p.branch);
      if (!raw || !facts) return;
      for (const node of raw.open?.nodes ?? []) {
        if (node && !facts.pullRequests.some((x) => x.number === node.number))
          facts.pullRequests.push(toPullRequest(node, pending));
      }
      const page = raw.open?.pageInfo;
      if (page?.hasNextPage && page.endCursor)
        pending.openPrs.push({ branch: p.branch, after: page.endCursor });
    });
    reviews.forEach((r, i) => {
      const raw = repository[`r${i}`] as { latestOpinionatedReviews: RawConnection<RawReview> | null } | null;
      if (!raw) return;
      r.pr.reviews.push(...toReviews(raw.latestOpinionatedReviews));
      const page = raw.latestOpinionatedReviews?.pageInfo;
      if (page?.hasNextPage && page.endCursor)
        pending.reviews.push({ pr: r.pr, number: r.number, after: page.endCursor });
    });
  }
}

/** A deleted branch has no Ref: its merged PRs are found by head branch name (same repository only). */
async function fetchMergedOfDeleted(
  graphql: GraphqlRequest,
  request: ApiFactsRequest,
  branches: string[],
  result: ApiFacts,
): Promise<void> {
  for (const names of chunk(branches, WORKERS_PER_QUERY)) {
    const vars = ['$owner: String!', '$repo: String!', ...names.map((_, i) => `$h${i}: String!`)];
    const variables: Record<string, unknown> = { owner: request.owner, repo: request.repo };
    names.forEach((name, i) => (variables[`h${i}`] = name));
    const fields = names.map(
      (_, i) =>
        `p${i}: pullRequests(headRefName: $h${i}, states: [MERGED], first: ${PRS_PER_PAGE}, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { ${PR_FIELDS} } }`,
    );
    const query = `query(${vars.join(', ')}) { repository(owner: $owner, name: $repo) { ${fields.join('\n')} } }`;
    const data = await graphql<{ repository: RawRepository | null }>(query, variables);
    const repository = requireRepository(data.repository, request);
    const ignored: Pending = { openPrs: [], reviews: [] };
    names.forEach((name, i) => {
      const raw = repository[`p${i}`] as RawConnection<RawPr> | null;
      const facts = result.branches.get(name);
      if (!facts) return;
      for (const node of raw?.nodes ?? []) {
        if (node && node.isCrossRepository !== true) facts.pullRequests.push(toPullRequest(node, ignored));
      }
    });
  }
}

/**
 * `Ref.compare` may answer an error instead of null when a side cannot be compared (e.g. no omnibus
 * branch yet); the rest of the answer is still good, and such a comparison simply stays unknown.
 */
async function tolerateCompareErrors<T>(
  graphql: GraphqlRequest,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  try {
    return await graphql<T>(query, variables);
  } catch (error) {
    const e = error as { errors?: { path?: (string | number)[] }[]; data?: unknown };
    const onlyCompare =
      Array.isArray(e.errors) &&
      e.errors.length > 0 &&
      e.errors.every((x) => x.path?.some((p) => p === 'toBase' || p === 'toOmnibus'));
    if (onlyCompare && typeof e.data === 'object' && e.data !== null) return e.data as T;
    throw error;
  }
}

function requireRepository(repository: RawRepository | null, request: ApiFactsRequest): RawRepository {
  if (repository === null) {
    throw new Error(
      `GitHub returned no repository ${request.owner}/${request.repo} (does the token see it?).`,
    );
  }
  return repository;
}

function targetOid(value: unknown): string | null {
  const ref = value as { target?: { oid?: string } | null } | null | undefined;
  return ref?.target?.oid ?? null;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
