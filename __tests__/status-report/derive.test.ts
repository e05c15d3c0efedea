import type { WorkerStatus } from '../../src/config/types.js';
import { approvingReviewers, deriveStatus, isApproved } from '../../src/status/derive.js';
import type { PullRequestFact, ReviewFact, WorkerFacts } from '../../src/status/types.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const context = { now: NOW, staleAfterHours: 48 };
const HEAD = 'a'.repeat(40);
const OLD_HEAD = 'b'.repeat(40);

function facts(
  over: Partial<WorkerFacts> & { contained?: 'first-parent' | 'base' | 'omnibus' | 'none' },
): WorkerFacts {
  const { contained = 'none', ...rest } = over;
  return {
    head: HEAD,
    lastCommit: { sha: HEAD, date: '2026-11-22T20:00:00Z', author: 'dev', message: 'work' },
    ci: 'success',
    containment: {
      onBaseFirstParent: contained === 'first-parent',
      containedInBase: contained === 'base' || contained === 'first-parent',
      containedInOmnibus: contained === 'omnibus',
    },
    ahead: 2,
    behind: 0,
    filesChanged: 3,
    pullRequests: [],
    ...rest,
  };
}

const gone: Partial<WorkerFacts> = { head: null, lastCommit: null, containment: null, ci: 'none' };

let nextNumber = 1;
function pr(over: Partial<PullRequestFact>): PullRequestFact {
  const number = over.number ?? nextNumber++;
  return {
    number,
    url: `https://github.com/acme/widgets/pull/${number}`,
    state: 'OPEN',
    isDraft: false,
    mergedAt: null,
    headRefOid: HEAD,
    baseRefName: 'main',
    updatedAt: '2026-11-22T21:00:00Z',
    reviewDecision: 'REVIEW_REQUIRED',
    reviews: [],
    ...over,
  };
}

function review(author: string, state: ReviewFact['state'], submittedAt: string | null): ReviewFact {
  return { author, state, submittedAt };
}

const merged = (over: Partial<PullRequestFact> = {}): PullRequestFact =>
  pr({ state: 'MERGED', mergedAt: '2026-11-21T10:00:00Z', reviewDecision: 'APPROVED', ...over });

interface Case {
  name: string;
  facts: WorkerFacts;
  status: WorkerStatus;
  draft?: boolean;
  prNumber?: number | null;
}

const cases: Case[] = [
  { name: 'branch missing, no PR ever merged', facts: facts({ ...gone }), status: 'pending', prNumber: null },
  {
    name: 'branch missing, only a closed unmerged PR',
    facts: facts({ ...gone, pullRequests: [pr({ number: 90, state: 'CLOSED' })] }),
    status: 'pending',
  },
  {
    name: 'branch deleted after its PR was merged',
    facts: facts({ ...gone, pullRequests: [merged({ number: 91, headRefOid: OLD_HEAD })] }),
    status: 'merged',
    prNumber: 91,
  },
  {
    name: 'head is base head (no commits of its own)',
    facts: facts({ contained: 'first-parent' }),
    status: 'launched',
  },
  {
    name: 'head on base first-parent history, behind base',
    facts: facts({ contained: 'first-parent', ahead: 0, behind: 4 }),
    status: 'launched',
  },
  { name: 'commits of its own, no PR', facts: facts({}), status: 'active', prNumber: null },
  {
    name: 'commits of its own but behind base',
    facts: facts({ ahead: 3, behind: 7 }),
    status: 'active',
  },
  {
    name: 'draft PR keeps active with the draft flag',
    facts: facts({ pullRequests: [pr({ number: 10, isDraft: true })] }),
    status: 'active',
    draft: true,
    prNumber: 10,
  },
  {
    name: 'PR closed without merging: status from commits',
    facts: facts({ pullRequests: [pr({ number: 11, state: 'CLOSED' })] }),
    status: 'active',
    prNumber: null,
  },
  {
    name: 'PR closed without merging, branch with no own commits',
    facts: facts({ contained: 'first-parent', pullRequests: [pr({ state: 'CLOSED' })] }),
    status: 'launched',
  },
  {
    name: 'open non-draft PR',
    facts: facts({ pullRequests: [pr({ number: 12 })] }),
    status: 'pr_ready',
    prNumber: 12,
  },
  {
    name: 'open PR approved by review decision',
    facts: facts({ pullRequests: [pr({ number: 13, reviewDecision: 'APPROVED' })] }),
    status: 'approved',
    prNumber: 13,
  },
  {
    name: 'approval followed by a change request (decision)',
    facts: facts({
      pullRequests: [
        pr({
          reviewDecision: 'CHANGES_REQUESTED',
          reviews: [
            review('ann', 'APPROVED', '2026-11-22T01:00:00Z'),
            review('bob', 'CHANGES_REQUESTED', '2026-11-22T02:00:00Z'),
          ],
        }),
      ],
    }),
    status: 'pr_ready',
  },
  {
    name: 'no required reviews: latest review approves',
    facts: facts({
      pullRequests: [
        pr({ reviewDecision: null, reviews: [review('ann', 'APPROVED', '2026-11-22T01:00:00Z')] }),
      ],
    }),
    status: 'approved',
  },
  {
    name: 'no required reviews: same reviewer approves then requests changes',
    facts: facts({
      pullRequests: [
        pr({
          reviewDecision: null,
          reviews: [
            review('ann', 'APPROVED', '2026-11-22T01:00:00Z'),
            review('ann', 'CHANGES_REQUESTED', '2026-11-22T03:00:00Z'),
          ],
        }),
      ],
    }),
    status: 'pr_ready',
  },
  {
    name: 'no required reviews: one approves, another requests changes',
    facts: facts({
      pullRequests: [
        pr({
          reviewDecision: null,
          reviews: [
            review('ann', 'APPROVED', '2026-11-22T01:00:00Z'),
            review('bob', 'CHANGES_REQUESTED', '2026-11-22T00:00:00Z'),
          ],
        }),
      ],
    }),
    status: 'pr_ready',
  },
  {
    name: 'no required reviews: change request then approval by the same reviewer',
    facts: facts({
      pullRequests: [
        pr({
          reviewDecision: null,
          reviews: [
            review('ann', 'CHANGES_REQUESTED', '2026-11-22T01:00:00Z'),
            review('ann', 'APPROVED', '2026-11-22T02:00:00Z'),
          ],
        }),
      ],
    }),
    status: 'approved',
  },
  {
    name: 'no required reviews: a comment after an approval changes nothing',
    facts: facts({
      pullRequests: [
        pr({
          reviewDecision: null,
          reviews: [
            review('ann', 'APPROVED', '2026-11-22T01:00:00Z'),
            review('ann', 'COMMENTED', '2026-11-22T02:00:00Z'),
          ],
        }),
      ],
    }),
    status: 'approved',
  },
  {
    name: 'no required reviews: a dismissed approval is no approval',
    facts: facts({
      pullRequests: [
        pr({ reviewDecision: null, reviews: [review('ann', 'DISMISSED', '2026-11-22T01:00:00Z')] }),
      ],
    }),
    status: 'pr_ready',
  },
  {
    name: 'review required: an approval that does not count keeps pr_ready',
    facts: facts({
      pullRequests: [
        pr({
          reviewDecision: 'REVIEW_REQUIRED',
          reviews: [review('ann', 'APPROVED', '2026-11-22T01:00:00Z')],
        }),
      ],
    }),
    status: 'pr_ready',
  },
  {
    name: 'all commits contained in base (merged by any route)',
    facts: facts({ contained: 'base', ahead: 0 }),
    status: 'merged',
  },
  {
    name: 'contained in the omnibus branch but not yet in base',
    facts: facts({ contained: 'omnibus' }),
    status: 'merged',
  },
  {
    name: 'in the omnibus branch while its PR to base is still open: highest wins',
    facts: facts({ contained: 'omnibus', pullRequests: [pr({ number: 14, reviewDecision: 'APPROVED' })] }),
    status: 'merged',
    prNumber: 14,
  },
  {
    name: 'squash-merged PR, nothing pushed after',
    facts: facts({ pullRequests: [merged({ number: 15, headRefOid: HEAD })] }),
    status: 'merged',
    prNumber: 15,
  },
  {
    name: 'PR merged, then new commits: active again',
    facts: facts({ pullRequests: [merged({ number: 16, headRefOid: OLD_HEAD })] }),
    status: 'active',
    prNumber: 16,
  },
  {
    name: 'PR merged, then new commits and a new open PR: pr_ready',
    facts: facts({ pullRequests: [merged({ number: 17, headRefOid: OLD_HEAD }), pr({ number: 18 })] }),
    status: 'pr_ready',
    prNumber: 18,
  },
  {
    name: 'PR merged by fast-forward (head on base first-parent history)',
    facts: facts({ contained: 'first-parent', pullRequests: [merged({ number: 19, headRefOid: HEAD })] }),
    status: 'merged',
  },
  {
    name: 'draft PR and a ready PR: the ready one counts',
    facts: facts({ pullRequests: [pr({ number: 20, isDraft: true }), pr({ number: 21 })] }),
    status: 'pr_ready',
    draft: false,
    prNumber: 21,
  },
];

describe('deriveStatus: PRODUCT.md § Worker status, row by row', () => {
  it.each(cases)('$name -> $status', (c) => {
    const derived = deriveStatus(c.facts, context);
    expect(derived.status).toBe(c.status);
    if (c.draft !== undefined) expect(derived.flags.draft).toBe(c.draft);
    if (c.prNumber !== undefined) expect(derived.pr?.number ?? null).toBe(c.prNumber);
    expect(derived.reasons.length).toBeGreaterThan(0);
  });
});

describe('flags', () => {
  it('stale when the last commit is older than stale-after-hours', () => {
    const old = facts({ lastCommit: { sha: HEAD, date: '2026-11-20T01:00:00Z', author: 'x', message: 'm' } });
    expect(deriveStatus(old, context).flags.stale).toBe(true);
    expect(deriveStatus(old, { ...context, staleAfterHours: 96 }).flags.stale).toBe(false);
    expect(deriveStatus(facts({}), context).flags.stale).toBe(false);
  });

  it('a merged or missing worker is never stale', () => {
    const date = '2026-10-01T00:00:00Z';
    const mergedOld = facts({
      contained: 'base',
      lastCommit: { sha: HEAD, date, author: 'x', message: 'm' },
    });
    expect(deriveStatus(mergedOld, context)).toMatchObject({ status: 'merged', flags: { stale: false } });
    expect(deriveStatus(facts({ ...gone }), context).flags).toEqual({
      stale: false,
      ci: 'none',
      draft: false,
    });
  });

  it('ci comes from the head', () => {
    expect(deriveStatus(facts({ ci: 'failure' }), context).flags.ci).toBe('failure');
    expect(deriveStatus(facts({ ci: 'pending' }), context).flags.ci).toBe('pending');
  });
});

describe('reviews', () => {
  it('counts reviewers whose latest opinion approves', () => {
    const reviews = [
      review('ann', 'APPROVED', '2026-11-22T01:00:00Z'),
      review('bob', 'APPROVED', '2026-11-22T01:00:00Z'),
      review('bob', 'CHANGES_REQUESTED', '2026-11-22T02:00:00Z'),
      review('cid', 'COMMENTED', '2026-11-22T03:00:00Z'),
      review('dee', 'APPROVED', '2026-11-22T04:00:00Z'),
    ];
    expect(approvingReviewers(reviews).sort()).toEqual(['ann', 'dee']);
    const derived = deriveStatus(facts({ pullRequests: [pr({ reviews })] }), context);
    expect(derived.approvals).toBe(2);
  });

  it('a decision from GitHub is followed over the reviews', () => {
    expect(isApproved(pr({ reviewDecision: 'APPROVED', reviews: [] }))).toBe(true);
    expect(
      isApproved(pr({ reviewDecision: 'CHANGES_REQUESTED', reviews: [review('a', 'APPROVED', null)] })),
    ).toBe(false);
  });
});
