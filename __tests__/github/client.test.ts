import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { MemoryLogger } from '../../src/logger.js';
import { apiErrorMessage, createOctokit, graphql, RateLimitError } from '../../src/github/client.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
  at: number;
}
type Reply = { status: number; headers?: Record<string, string>; body: unknown };

/** A tiny GitHub stand-in: answers from a queue of replies (then 200 `{}`) and records every request. */
let server: Server;
let base: string;
const seen: Seen[] = [];
const replies: Reply[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
        at: Date.now(),
      });
      const reply = replies.shift() ?? { status: 200, body: { ok: true, url: req.url } };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  replies.length = 0;
  // GitHub Enterprise Server's shape: GraphQL is not `${GITHUB_API_URL}/graphql`.
  process.env.GITHUB_API_URL = `${base}/api/v3`;
  process.env.GITHUB_GRAPHQL_URL = `${base}/api/graphql`;
});

const fast = { retryAfterBaseValue: 10 };

describe('createOctokit', () => {
  it('sends REST requests to GITHUB_API_URL with the token', async () => {
    const octokit = createOctokit('t0ken', { logger: new MemoryLogger(), ...fast });
    const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(data).toMatchObject({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/v3/repos/acme/widgets',
      authorization: 'token t0ken',
    });
  });

  it('sends GraphQL to GITHUB_GRAPHQL_URL, not to `${baseUrl}/graphql` nor /api/graphql', async () => {
    process.env.GITHUB_GRAPHQL_URL = `${base}/gql-endpoint`;
    replies.push({ status: 200, body: { data: { viewer: { login: 'octocat' } } } });
    const octokit = createOctokit('t0ken', { logger: new MemoryLogger(), ...fast });
    const result = await graphql<{ viewer: { login: string } }>(
      octokit,
      'query($n: Int!) { viewer { login } }',
      {
        n: 3,
      },
    );
    expect(result.viewer.login).toBe('octocat');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/gql-endpoint' });
    expect(JSON.parse(seen[0]!.body)).toEqual({
      query: 'query($n: Int!) { viewer { login } }',
      variables: { n: 3 },
    });
  });

  it('retries a 502', async () => {
    replies.push({ status: 502, body: { message: 'Bad Gateway' } });
    replies.push({ status: 502, body: { message: 'Bad Gateway' } });
    const octokit = createOctokit('t', { logger: new MemoryLogger(), ...fast });
    const { data } = await octokit.rest.pulls.list({ owner: 'acme', repo: 'widgets' });
    expect(data).toMatchObject({ ok: true });
    expect(seen.map((s) => s.url)).toEqual(Array(3).fill('/api/v3/repos/acme/widgets/pulls'));
  });

  it('does not retry a write answered 5xx (it may have happened), but retries a GraphQL query', async () => {
    const octokit = createOctokit('t', { logger: new MemoryLogger(), ...fast });
    replies.push({ status: 502, body: { message: 'Bad Gateway' } });
    await expect(
      octokit.rest.pulls.merge({ owner: 'acme', repo: 'widgets', pull_number: 3, sha: 'abc' }),
    ).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(1);

    replies.push({ status: 502, body: { message: 'Bad Gateway' } });
    const mutation =
      '# approve\nmutation($id: ID!) { addPullRequestReview(input: {pullRequestId: $id}) { clientMutationId } }';
    await expect(graphql(octokit, mutation, { id: 'PR_1' })).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(2);

    replies.push({ status: 502, body: { message: 'Bad Gateway' } });
    replies.push({ status: 200, body: { data: { viewer: { login: 'octocat' } } } });
    await expect(graphql(octokit, '{ viewer { login } }')).resolves.toEqual({ viewer: { login: 'octocat' } });
    expect(seen).toHaveLength(4);
  });

  it('retries a write refused by a secondary rate limit (GitHub did nothing)', async () => {
    replies.push({
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const octokit = createOctokit('t', { logger: new MemoryLogger(), ...fast });
    const { data } = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'widgets',
      issue_number: 1,
      body: 'x',
    });
    expect(data).toMatchObject({ ok: true });
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
  });

  it('gives up on server errors after the bounded number of retries', async () => {
    for (let i = 0; i < 5; i++) replies.push({ status: 500, body: { message: 'boom' } });
    const octokit = createOctokit('t', { logger: new MemoryLogger(), maxServerErrorRetries: 2, ...fast });
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' })).rejects.toMatchObject({
      status: 500,
    });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a 404 or a 422', async () => {
    replies.push({ status: 404, body: { message: 'Not Found' } });
    const octokit = createOctokit('t', { logger: new MemoryLogger(), ...fast });
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'nope' })).rejects.toMatchObject({
      status: 404,
    });
    expect(seen).toHaveLength(1);
  });

  it('waits for retry-after on a secondary rate limit, then retries', async () => {
    replies.push({
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    const logger = new MemoryLogger();
    // The real unit (1 s per second of retry-after) so the wait is observable.
    const octokit = createOctokit('t', { logger });
    const { data } = await octokit.rest.issues.list({ owner: 'acme', repo: 'widgets' } as never);
    expect(data).toMatchObject({ ok: true });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(
      logger.lines.some(
        (l) => l.level === 'warning' && /secondary rate limit.*retrying after 1 s/.test(l.message),
      ),
    ).toBe(true);
  });

  it('gives up on a secondary rate limit after the bounded number of retries', async () => {
    for (let i = 0; i < 4; i++) {
      replies.push({
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      });
    }
    const octokit = createOctokit('t', {
      logger: new MemoryLogger(),
      maxSecondaryRateLimitRetries: 2,
      ...fast,
    });
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' })).rejects.toMatchObject({
      status: 429,
    });
    expect(seen).toHaveLength(3);
  });

  it('waits out a primary rate limit that resets within the bound', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1;
    replies.push({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const logger = new MemoryLogger();
    const octokit = createOctokit('t', { logger, ...fast });
    const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(data).toMatchObject({ ok: true });
    expect(seen).toHaveLength(2);
    expect(logger.lines.some((l) => /rate limit exhausted.*waiting \d+ s/.test(l.message))).toBe(true);
  });

  it('fails with a clear error when the primary rate limit resets later than the bound', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    replies.push({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const octokit = createOctokit('t', { logger: new MemoryLogger(), maxRateLimitWaitSeconds: 600, ...fast });
    const error: unknown = await octokit.rest.repos
      .get({ owner: 'acme', repo: 'widgets' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const message = (error as Error).message;
    expect(message).toContain('rate limit for this token is exhausted');
    expect(message).toContain(new Date(reset * 1000).toISOString());
    expect(message).toContain('600 s');
    expect(message).toContain('`token` input');
    expect(seen).toHaveLength(1);
  });
});

describe('apiErrorMessage', () => {
  async function failWith(reply: Reply): Promise<unknown> {
    replies.push(reply);
    const octokit = createOctokit('t', { logger: new MemoryLogger(), maxServerErrorRetries: 0, ...fast });
    // A read: writes are spaced out by the throttling plugin (1-3 s), which would only slow the test down.
    return octokit.rest.issues
      .get({ owner: 'acme', repo: 'widgets', issue_number: 1 })
      .catch((e: unknown) => e);
  }

  it('names the missing permissions entry on "Resource not accessible by integration"', async () => {
    const error = await failWith({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const message = apiErrorMessage(error, {
      action: 'create the dashboard issue',
      permission: 'issues: write',
    });
    expect(message).toBe(
      'Could not create the dashboard issue: the token lacks a permission (403 Resource not accessible by integration). ' +
        "Add `issues: write` to the job's `permissions:`, or pass a token that has it through the `token` input.",
    );
  });

  it('explains a 404', async () => {
    const error = await failWith({ status: 404, body: { message: 'Not Found' } });
    expect(
      apiErrorMessage(error, { action: 'read pull request #7', permission: 'pull-requests: read' }),
    ).toBe(
      'Could not read pull request #7: not found (404) — it does not exist or the token cannot see it (it needs `pull-requests: read`).',
    );
  });

  it("quotes GitHub's message on a 422", async () => {
    const error = await failWith({
      status: 422,
      body: {
        message: 'GitHub Actions is not permitted to approve pull requests.',
        documentation_url: 'x',
        status: '422',
      },
    });
    expect(apiErrorMessage(error, { action: 'approve pull request #3' })).toBe(
      'Could not approve pull request #3: GitHub rejected it (422 GitHub Actions is not permitted to approve pull requests.).',
    );
  });

  it('includes field errors of a 422', async () => {
    const error = await failWith({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ message: 'A pull request already exists for acme:feat/x.' }],
      },
    });
    expect(apiErrorMessage(error, { action: 'open the omnibus pull request' })).toContain(
      '422 Validation Failed: A pull request already exists for acme:feat/x.',
    );
  });

  it('explains a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.GITHUB_API_URL = `http://127.0.0.1:${port}`;
    const octokit = createOctokit('t', { logger: new MemoryLogger(), maxServerErrorRetries: 0, ...fast });
    const error = await octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' }).catch((e: unknown) => e);
    const message = apiErrorMessage(error, { action: 'read the repository' });
    expect(message).toContain(
      `Could not read the repository: GitHub could not be reached at http://127.0.0.1:${port}`,
    );
    expect(message).toContain('ECONNREFUSED');
  });

  it('passes a rate-limit error through', () => {
    expect(apiErrorMessage(new RateLimitError('limit.'), { action: 'list pull requests' })).toBe(
      'Could not list pull requests: limit.',
    );
  });
});

describe('createOctokit against the emulator', () => {
  let gh: Emulator;

  beforeAll(async () => {
    gh = await startEmulator({ owner: 'acme', repo: 'widgets' });
  });
  afterAll(async () => {
    await gh.close();
  });
  beforeEach(() => {
    process.env.GITHUB_API_URL = gh.url;
    process.env.GITHUB_GRAPHQL_URL = gh.graphqlUrl;
    gh.requests.reset();
  });

  it('retries injected 502s and a secondary rate limit, for REST and GraphQL', async () => {
    gh.store.createIssue({ title: 'Dashboard', body: 'x' });
    const octokit = createOctokit('t', { logger: new MemoryLogger(), ...fast });
    gh.failNext(2, { status: 502 });
    const { data: issue } = await octokit.rest.issues.get({
      owner: 'acme',
      repo: 'widgets',
      issue_number: 1,
    });
    expect(issue.title).toBe('Dashboard');
    gh.failNext(1, { status: 403, retryAfter: 1 });
    const result = await graphql<{ repository: { nameWithOwner: string } }>(
      octokit,
      'query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { nameWithOwner } }',
      { owner: 'acme', name: 'widgets' },
    );
    expect(result.repository.nameWithOwner).toBe('acme/widgets');
    expect(gh.requests.log.map((r) => `${r.route} ${r.status}`)).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number} 502',
      'GET /repos/{owner}/{repo}/issues/{issue_number} 502',
      'GET /repos/{owner}/{repo}/issues/{issue_number} 200',
      'POST /graphql 403',
      'POST /graphql 200',
    ]);
  });

  it('explains a permission the emulator denies', async () => {
    gh.store.denyPermission('issues');
    const octokit = createOctokit('t', { logger: new MemoryLogger(), ...fast });
    const error = await octokit.rest.issues
      .create({ owner: 'acme', repo: 'widgets', title: 'x' })
      .catch((e: unknown) => e);
    expect(
      apiErrorMessage(error, { action: 'create the dashboard issue', permission: 'issues: write' }),
    ).toContain("Add `issues: write` to the job's `permissions:`");
  });
});
