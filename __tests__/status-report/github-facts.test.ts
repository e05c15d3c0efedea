import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import {
  buildChunkQuery,
  ciFromRollup,
  fetchApiFacts,
  type GraphqlRequest,
} from '../../src/status/github-facts.js';

const sha = (n: number): string => n.toString(16).padStart(40, '0');

function prNode(number: number, over: Record<string, unknown> = {}) {
  return {
    number,
    url: `https://github.com/acme/widgets/pull/${number}`,
    state: 'OPEN',
    isDraft: false,
    mergedAt: null,
    updatedAt: '2026-11-22T00:00:00Z',
    headRefOid: sha(number),
    baseRefName: 'main',
    reviewDecision: null,
    isCrossRepository: false,
    latestOpinionatedReviews: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
    ...over,
  };
}

function refNode(n: number, over: Record<string, unknown> = {}) {
  return {
    target: {
      oid: sha(n),
      committedDate: '2026-11-22T01:00:00Z',
      messageHeadline: `commit ${n}`,
      author: { name: 'Dev', date: '2026-11-22T01:00:00Z', user: { login: `dev${n}` } },
      statusCheckRollup: { state: 'FAILURE' },
    },
    open: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
    merged: { nodes: [] },
    ...over,
  };
}

const schemaPath = new URL('../../node_modules/@octokit/graphql-schema/schema.graphql', import.meta.url);
// The published SDL repeats two enterprise fields; nothing we query depends on them.
const schema = buildSchema(readFileSync(schemaPath, 'utf8'), { assumeValidSDL: true });
const errorsOf = (query: string): string[] => validate(schema, parse(query)).map((e) => e.message);

describe('batched GraphQL facts', () => {
  it("builds queries valid against GitHub's schema", () => {
    expect(errorsOf(buildChunkQuery(3, { compare: true, withBaseAndOmnibus: true }))).toEqual([]);
    expect(errorsOf(buildChunkQuery(50, { compare: false, withBaseAndOmnibus: false }))).toEqual([]);
  });

  it('one request per 50 branches, follow-ups batched, deleted branches looked up by name; compare read backwards', async () => {
    const queries: { query: string; variables: Record<string, unknown> }[] = [];
    const graphql: GraphqlRequest = async <T>(query: string, variables: Record<string, unknown>) => {
      queries.push({ query, variables });
      const repository: Record<string, unknown> = {};
      if (query.includes('fragment worker')) {
        repository.baseRef = { target: { oid: sha(9000) } };
        repository.omnibusRef = { target: { oid: sha(9001) } };
        for (const [key, value] of Object.entries(variables)) {
          const m = /^b(\d+)$/.exec(key);
          if (!m) continue;
          const branch = String(value).replace('refs/heads/', '');
          const n = Number(branch.split('-')[1]);
          if (branch === 'feat-3-gone') repository[`w${m[1]}`] = null;
          else if (branch === 'feat-1-many')
            repository[`w${m[1]}`] = refNode(n, {
              open: {
                pageInfo: { hasNextPage: true, endCursor: 'c1' },
                nodes: [
                  prNode(11, {
                    latestOpinionatedReviews: {
                      pageInfo: { hasNextPage: true, endCursor: 'r1' },
                      nodes: [
                        { state: 'APPROVED', submittedAt: '2026-11-22T00:00:00Z', author: { login: 'ann' } },
                      ],
                    },
                  }),
                ],
              },
              toBase: { aheadBy: 4, behindBy: 2 },
              toOmnibus: { aheadBy: 9, behindBy: 0 },
            });
          else repository[`w${m[1]}`] = refNode(n, { toBase: { aheadBy: 0, behindBy: 1 }, toOmnibus: null });
        }
      } else if (query.includes('pullRequests(headRefName')) {
        repository.p0 = {
          nodes: [
            prNode(30, { state: 'MERGED', mergedAt: '2026-11-21T00:00:00Z' }),
            prNode(31, { state: 'MERGED', isCrossRepository: true }),
          ],
        };
      } else {
        repository.o0 = { open: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [prNode(12)] } };
        repository.r0 = {
          latestOpinionatedReviews: {
            pageInfo: { hasNextPage: false, endCursor: null },
            nodes: [
              { state: 'CHANGES_REQUESTED', submittedAt: '2026-11-22T02:00:00Z', author: { login: 'bob' } },
            ],
          },
        };
      }
      return { repository } as T;
    };
    const branches = Array.from({ length: 100 }, (_, i) =>
      i === 1 ? 'feat-1-many' : i === 3 ? 'feat-3-gone' : `feat-${i}`,
    );
    const facts = await fetchApiFacts(graphql, {
      owner: 'acme',
      repo: 'widgets',
      base: 'main',
      omnibus: 'omni',
      branches,
      compare: true,
    });

    expect(queries).toHaveLength(4); // 2 chunks + 1 follow-up round + 1 deleted-branch lookup
    for (const q of queries) expect(errorsOf(q.query)).toEqual([]);
    expect(facts.baseSha).toBe(sha(9000));
    expect(facts.omnibusSha).toBe(sha(9001));
    const many = facts.branches.get('feat-1-many')!;
    // Ref.compare(headRef: base) on the worker: behindBy = the worker's own commits
    expect(many).toMatchObject({ aheadOfBase: 2, behindBase: 4, aheadOfOmnibus: 0, ci: 'failure' });
    expect(many.lastCommit).toEqual({
      sha: sha(1),
      date: '2026-11-22T01:00:00Z',
      author: 'dev1',
      message: 'commit 1',
    });
    expect(many.pullRequests.map((p) => p.number)).toEqual([11, 12]);
    expect(many.pullRequests[0]?.reviews.map((r) => `${r.author}:${r.state}`)).toEqual([
      'ann:APPROVED',
      'bob:CHANGES_REQUESTED',
    ]);
    expect(facts.branches.get('feat-3-gone')).toMatchObject({ head: null });
    expect(facts.branches.get('feat-3-gone')?.pullRequests.map((p) => p.number)).toEqual([30]);
    expect(facts.branches.get('feat-5')).toMatchObject({
      aheadOfBase: 1,
      behindBase: 0,
      aheadOfOmnibus: null,
    });
  });

  it('maps the CI rollup', () => {
    expect([null, 'SUCCESS', 'FAILURE', 'ERROR', 'PENDING', 'EXPECTED'].map(ciFromRollup)).toEqual([
      'none',
      'success',
      'failure',
      'failure',
      'pending',
      'pending',
    ]);
  });
});
