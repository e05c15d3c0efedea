import { context } from '@actions/github';
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The Octokit our actions use: REST methods, pagination, retry and throttling. */
export const OrchestratorOctokit = GitHub.plugin(retry, throttling);
export type Octokit = InstanceType<typeof OrchestratorOctokit>;

export interface OctokitFactoryOptions {
  logger: Logger;
  /** The longest wait for a rate limit to reset (or a retry-after) before giving up, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /** How often a request answered with a secondary rate limit is tried again. */
  maxSecondaryRateLimitRetries?: number;
  /** How often a request that failed with a server error (5xx) or a network error is tried again. */
  maxServerErrorRetries?: number;
  /** Milliseconds per unit of back-off and per second of `retry-after`; tests make it small. */
  retryAfterBaseValue?: number;
}

/** The primary rate limit is exhausted for longer than the action is willing to wait. */
export class RateLimitError extends ConfigurationError {
  constructor(message: string) {
    super(message);
    this.name = 'RateLimitError';
  }
}

/**
 * Builds the client every action uses. REST goes to GITHUB_API_URL (read now, not when
 * @actions/github was loaded). Secondary rate limits are retried after GitHub's `retry-after`,
 * a bounded number of times; the primary limit is waited out when it resets within
 * `maxRateLimitWaitSeconds`, otherwise the request fails with a RateLimitError saying when it resets.
 */
export function createOctokit(token: string, options: OctokitFactoryOptions): Octokit {
  const {
    logger,
    maxRateLimitWaitSeconds = 600,
    maxSecondaryRateLimitRetries = 3,
    maxServerErrorRetries = 3,
    retryAfterBaseValue = 1000,
  } = options;
  const octokit = new OrchestratorOctokit(
    getOctokitOptions(token, {
      baseUrl: apiUrl(),
      log: {
        debug: (message: string) => logger.debug(message),
        info: (message: string) => logger.debug(message),
        warn: (message: string) => logger.warning(message),
        error: (message: string) => logger.error(message),
      },
      retry: {
        retries: maxServerErrorRetries,
        retryAfterBaseValue,
        // 403 and 429 are rate limits (or permissions): the throttling plugin decides about those.
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
      },
      throttle: {
        retryAfterBaseValue,
        onSecondaryRateLimit: (
          retryAfter: number,
          request: RequestInfo,
          _octokit: unknown,
          retryCount: number,
        ) => {
          const what = `${request.method} ${request.url}`;
          if (retryCount < maxSecondaryRateLimitRetries && retryAfter <= maxRateLimitWaitSeconds) {
            logger.warning(`GitHub's secondary rate limit hit by ${what}; retrying after ${retryAfter} s.`);
            return true;
          }
          logger.warning(
            `GitHub's secondary rate limit hit by ${what}; giving up after ${retryCount} retries.`,
          );
          return false;
        },
        onRateLimit: (retryAfter: number, request: RequestInfo, _octokit: unknown, retryCount: number) => {
          const what = `${request.method} ${request.url}`;
          if (retryCount < 1 && retryAfter <= maxRateLimitWaitSeconds) {
            logger.warning(
              `GitHub API rate limit exhausted by ${what}; waiting ${retryAfter} s for it to reset.`,
            );
            return true;
          }
          return false;
        },
      },
    }),
  );

  // A write answered 5xx (or lost on the network) may have happened all the same: retrying it blindly
  // could open a second issue or stack a second review. Only reads are retried; a caller that
  // writes re-reads and decides. (Rate-limit answers are safe to retry: GitHub did nothing.)
  octokit.hook.before('request', (request) => {
    if (!isRead(request)) request.request = { ...request.request, retries: 0 };
  });

  // Registered after the plugins, so it sees the error that is left once they have given up.
  octokit.hook.error('request', (error: unknown) => {
    if (isPrimaryRateLimit(error)) {
      throw new RateLimitError(rateLimitMessage(error, maxRateLimitWaitSeconds));
    }
    throw error;
  });
  return octokit;
}

interface RequestInfo {
  method: string;
  url: string;
}

/** REST root: GITHUB_API_URL as set by the runner (GitHub Enterprise Server, emulators), else github.com. */
export function apiUrl(): string {
  return (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}

/**
 * GraphQL endpoint: GITHUB_GRAPHQL_URL as set by the runner. It is not always `${apiUrl}/graphql`
 * (GitHub Enterprise Server serves REST at /api/v3 and GraphQL at /api/graphql).
 */
export function graphqlUrl(): string {
  const fromEnv = process.env.GITHUB_GRAPHQL_URL;
  if (fromEnv) return fromEnv;
  if (process.env.GITHUB_API_URL) return apiUrl().replace(/\/v3$/, '') + '/graphql';
  return context.graphqlUrl;
}

/**
 * Runs a GraphQL query against GITHUB_GRAPHQL_URL. `octokit.graphql` alone posts to
 * `${baseUrl}/graphql` and ignores that variable, hence the explicit `url`.
 */
export async function graphql<T>(
  octokit: Octokit,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const url = graphqlUrl();
  // `baseUrl` too: @octokit/graphql replaces `url` with `/api/graphql` when baseUrl ends in `/api/v3`.
  return octokit.graphql<T>({ query, ...variables, url, baseUrl: url });
}

/** GET and HEAD, and GraphQL queries (not mutations): requests that change nothing on GitHub. */
function isRead(request: { method?: string; query?: unknown }): boolean {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return true;
  return typeof request.query === 'string' && !/^\s*mutation\b/.test(request.query.replace(/^\s*#.*$/gm, ''));
}

export interface ApiErrorContext {
  /** What we were doing, as a verb phrase: "create the dashboard issue". */
  action: string;
  /** The `permissions:` entry the job needs for it: "issues: write". */
  permission?: string;
}

/** Turns an error from Octokit into a sentence a user can act on. */
export function apiErrorMessage(err: unknown, { action, permission }: ApiErrorContext): string {
  if (err instanceof RateLimitError) return `Could not ${action}: ${err.message}`;
  const status = errorStatus(err);
  const message = githubMessage(err);
  if (status === undefined) return `Could not ${action}: ${message}`;
  if (isNetworkError(err)) {
    const reason = [message, ...causeCodes(err)].join(', ');
    return `Could not ${action}: GitHub could not be reached at ${apiUrl()} (${reason}). Check GITHUB_API_URL and the runner's network.`;
  }
  if (status === 401) {
    return `Could not ${action}: GitHub rejected the token (401 ${message}). Pass a valid token through the \`token\` input.`;
  }
  if (status === 403 && /resource not accessible by (integration|personal access token)/i.test(message)) {
    const need = permission
      ? `Add \`${permission}\` to the job's \`permissions:\``
      : "Grant the job's token the permission this needs in `permissions:`";
    return `Could not ${action}: the token lacks a permission (403 ${message}). ${need}, or pass a token that has it through the \`token\` input.`;
  }
  if (status === 403 || status === 429) {
    return `Could not ${action}: GitHub refused the request (${status} ${message}).`;
  }
  if (status === 404) {
    const hint = permission
      ? ` or the token cannot see it (it needs \`${permission}\`)`
      : ' or the token cannot see it';
    return `Could not ${action}: not found (404) — it does not exist${hint}.`;
  }
  if (status === 409) return `Could not ${action}: conflict (409 ${message}).`;
  if (status === 422) return `Could not ${action}: GitHub rejected it (422 ${message}).`;
  if (status >= 500) return `Could not ${action}: GitHub answered ${status} (${message}).`;
  return `Could not ${action}: ${status} ${message}.`;
}

function errorStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number')
    return err.status;
  return undefined;
}

interface ResponseLike {
  headers?: Record<string, string | number | undefined>;
  data?: unknown;
}

function errorResponse(err: unknown): ResponseLike | undefined {
  if (typeof err === 'object' && err !== null && 'response' in err) {
    const response = (err as { response?: unknown }).response;
    if (typeof response === 'object' && response !== null) return response as ResponseLike;
  }
  return undefined;
}

/** GitHub's own words: the `message` of its JSON error body (plus field errors), else the error's message. */
function githubMessage(err: unknown): string {
  const data = errorResponse(err)?.data;
  if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') {
    const details: string[] = [];
    const errors = (data as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const e of errors) {
        if (typeof e === 'string') details.push(e);
        else if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string')
          details.push(e.message);
      }
    }
    return details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

function isNetworkError(err: unknown): boolean {
  return errorStatus(err) === 500 && errorResponse(err) === undefined;
}

/** The system error codes (ECONNREFUSED, ENOTFOUND, …) along an error's `cause` chain. */
function causeCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function isPrimaryRateLimit(err: unknown): boolean {
  // The throttling plugin's own error for a GraphQL RATE_LIMITED answer has no status.
  if (err instanceof Error && err.message === 'GraphQL Rate Limit Exceeded') return true;
  const status = errorStatus(err);
  if (status !== 403 && status !== 429) return false;
  const remaining = errorResponse(err)?.headers?.['x-ratelimit-remaining'];
  return String(remaining) === '0' && !/secondary rate/i.test(githubMessage(err));
}

function rateLimitMessage(err: unknown, maxWaitSeconds: number): string {
  const reset = Number(errorResponse(err)?.headers?.['x-ratelimit-reset']);
  const when =
    Number.isFinite(reset) && reset > 0
      ? `resets at ${new Date(reset * 1000).toISOString()} (in ${Math.max(0, Math.ceil(reset - Date.now() / 1000))} s), later than`
      : 'does not reset within';
  return (
    `GitHub's API rate limit for this token is exhausted and ${when} the ${maxWaitSeconds} s this action waits. ` +
    'Run again after the reset, or pass a token with its own limit (a GitHub App token or a PAT) through the `token` input.'
  );
}
