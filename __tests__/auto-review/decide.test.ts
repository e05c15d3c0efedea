import type { CheckRunInfo, CommitChecks, StatusInfo } from '../../src/checks/index.js';
import type { OrchestratorConfig } from '../../src/config/types.js';
import { decide, type DecideInput, type ReviewDecision, type ReviewFacts } from '../../src/review/index.js';
import { checkRun } from './factories.js';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const NEWER = 'c'.repeat(40);
const RUN_ID = 9000;

const config: OrchestratorConfig = {
  version: 1,
  project: 'SARK',
  base: 'main',
  omnibus: { branch: 'feat/omnibus', title: 'Omnibus' },
  staleAfterHours: 48,
  workers: [
    {
      id: 'engineer1',
      branch: 'feat/gateway-client',
      role: 'Client',
      priority: 'critical',
      dependsOn: [],
      task: null,
    },
    { id: 'engineer2', branch: 'feat/gateway-api', role: 'API', priority: 'high', dependsOn: [], task: null },
  ],
  checkpoints: [],
};

const run = checkRun;
const ok = (name: string) => run(name, 'completed', 'success');
const st = (context: string, state: string): StatusInfo => ({ context, state, targetUrl: null });
const checks = (checkRuns: CheckRunInfo[], statuses: StatusInfo[] = []): CommitChecks => ({
  checkRuns,
  statuses,
});
const GREEN = checks([ok('build'), ok('test')]);

let reviewIds = 1;
function review(
  user: string,
  state: string,
  commitId = HEAD,
  ours = false,
  submittedAt?: string,
): ReviewFacts {
  return { id: reviewIds++, user, state, commitId, ours, submittedAt: submittedAt ?? null };
}
const ours = (state: string, commitId = HEAD) => review('github-actions[bot]', state, commitId, true);
/** Our approval, dismissed by auto-review itself (head moved) or by a person. */
const dismissedBy = (who: 'us' | string, commitId = HEAD): ReviewFacts => ({
  ...ours('DISMISSED', commitId),
  dismissedBy: who === 'us' ? 'github-actions' : who,
  dismissedByUs: who === 'us',
});

function input(
  overrides: Omit<Partial<DecideInput>, 'pr'> & { pr?: Partial<DecideInput['pr']> } = {},
): DecideInput {
  const { pr, ...rest } = overrides;
  return {
    pr: {
      number: 7,
      state: 'open',
      draft: false,
      headRef: 'feat/gateway-client',
      headSha: HEAD,
      baseRef: 'main',
      fromFork: false,
      ...pr,
    },
    checks: GREEN,
    reviews: [],
    config,
    base: 'main',
    run: { runId: RUN_ID, jobName: 'auto-review' },
    minChecks: 1,
    requiredChecks: [],
    headNow: null,
    ...rest,
  };
}

type Row = [string, DecideInput, ReviewDecision, RegExp];
const conclusionRows: Row[] = (
  [
    ['success', 'approved'],
    ['neutral', 'approved'],
    ['skipped', 'approved'],
    ['failure', 'blocked'],
    ['cancelled', 'blocked'],
    ['timed_out', 'blocked'],
    ['action_required', 'blocked'],
    ['stale', 'blocked'],
    ['startup_failure', 'blocked'],
  ] as const
).map(([conclusion, decision]) => [
  `check conclusion ${conclusion}`,
  input({ checks: checks([ok('build'), run('test', 'completed', conclusion)]) }),
  decision,
  decision === 'approved' ? /All 2 checks on aaaaaaa passed/ : new RegExp(`test \\(${conclusion}\\)`),
]);
const statusRows: Row[] = (['queued', 'in_progress', 'waiting', 'pending', 'requested'] as const).map((s) => [
  `check status ${s}`,
  input({ checks: checks([ok('build'), run('test', s, null)]) }),
  'waiting',
  new RegExp(`waiting for test \\(${s}\\)`),
]);
const commitStatusRows: Row[] = (
  [
    ['success', 'approved', /All 2 checks/],
    ['pending', 'waiting', /waiting for ci\/jenkins \(pending\)/],
    ['failure', 'blocked', /ci\/jenkins \(failure\)/],
    ['error', 'blocked', /ci\/jenkins \(error\)/],
  ] as const
).map(([state, decision, reason]) => [
  `commit status ${state}`,
  input({ checks: checks([ok('build')], [st('ci/jenkins', state)]) }),
  decision,
  reason,
]);

const rows: Row[] = [
  ...conclusionRows,
  ...statusRows,
  ...commitStatusRows,
  ['zero checks', input({ checks: checks([]) }), 'waiting', /0 checks reported, at least 1 required/],
  [
    'fewer than min-checks',
    input({ checks: GREEN, minChecks: 3 }),
    'waiting',
    /2 checks reported, at least 3/,
  ],
  [
    'required check missing',
    input({ checks: GREEN, requiredChecks: ['build', 'e2e'] }),
    'waiting',
    /required check not reported yet: e2e/,
  ],
  ['required checks present and green', input({ requiredChecks: ['build', 'test'] }), 'approved', /passed/],
  [
    'rerun passed after a failure (rerun listed first)',
    input({
      checks: checks([
        run('test', 'completed', 'success', { startedAt: '2026-11-23T11:00:00Z' }),
        run('test', 'completed', 'failure', { startedAt: '2026-11-23T10:00:00Z' }),
      ]),
    }),
    'approved',
    /All 1 check on/,
  ],
  [
    'rerun failed after a success (rerun listed last)',
    input({
      checks: checks([
        run('test', 'completed', 'success', { startedAt: '2026-11-23T10:00:00Z' }),
        run('test', 'completed', 'failure', { startedAt: '2026-11-23T11:00:00Z' }),
      ]),
    }),
    'blocked',
    /test \(failure\)/,
  ],
  [
    'failure and in progress: blocked wins',
    input({ checks: checks([run('lint', 'completed', 'failure'), run('test', 'in_progress', null)]) }),
    'blocked',
    /lint \(failure\)/,
  ],
  [
    "own run's in-progress check is ignored",
    input({
      checks: checks([
        ok('build'),
        run('auto-review', 'in_progress', null, {
          detailsUrl: `https://github.com/acme/widgets/actions/runs/${RUN_ID}/job/1`,
        }),
      ]),
    }),
    'approved',
    /All 1 check on/,
  ],
  [
    "own run's check only: no checks left",
    input({
      checks: checks([
        run('auto-review', 'in_progress', null, {
          detailsUrl: `https://github.com/acme/widgets/actions/runs/${RUN_ID}/job/1`,
        }),
      ]),
    }),
    'waiting',
    /0 checks reported/,
  ],
  ['fork', input({ pr: { fromFork: true } }), 'skipped', /fork/],
  ['draft', input({ pr: { draft: true } }), 'skipped', /draft/],
  ['closed', input({ pr: { state: 'closed' } }), 'skipped', /is closed/],
  ['merged', input({ pr: { state: 'MERGED' } }), 'skipped', /is merged/],
  [
    'wrong base',
    input({ pr: { baseRef: 'release' } }),
    'skipped',
    /targets release, not main or the omnibus branch/,
  ],
  ['base is the omnibus branch', input({ pr: { baseRef: 'feat/omnibus' } }), 'approved', /passed/],
  ['non-worker branch', input({ pr: { headRef: 'feat/other' } }), 'skipped', /not a worker branch/],
  ['omnibus PR itself', input({ pr: { headRef: 'feat/omnibus' } }), 'skipped', /not a worker branch/],
  ['head moved', input({ headNow: NEWER }), 'waiting', /moved from aaaaaaa to ccccccc/],
  ['head read again, unchanged', input({ headNow: HEAD }), 'approved', /passed/],
  [
    'head moved wins over failing checks',
    input({ headNow: NEWER, checks: checks([run('t', 'completed', 'failure')]) }),
    'waiting',
    /moved/,
  ],
  [
    'already approved at this SHA',
    input({ reviews: [ours('APPROVED')] }),
    'already-approved',
    /had already approved/,
  ],
  ['approved at an older SHA', input({ reviews: [ours('APPROVED', OLD)] }), 'approved', /passed/],
  [
    'our approval of this SHA dismissed by a person',
    input({ reviews: [ours('DISMISSED')] }),
    'blocked',
    /was dismissed/,
  ],
  [
    'our approval of this SHA dismissed by us when the head moved, head back at it',
    input({ reviews: [dismissedBy('us')] }),
    'approved',
    /All 2 checks on aaaaaaa passed\.$/,
  ],
  [
    'our approval of this SHA dismissed by alice: the reason names her',
    input({ reviews: [dismissedBy('alice')] }),
    'blocked',
    /An approval of aaaaaaa by auto-review was dismissed by alice; it is not given again/,
  ],
  [
    'dismissed by us when the head moved, approved again at the same SHA',
    input({ reviews: [dismissedBy('us'), ours('APPROVED')] }),
    'already-approved',
    /had already approved/,
  ],
  [
    'dismissed by us, approved again, then dismissed by alice',
    input({ reviews: [dismissedBy('us'), dismissedBy('alice')] }),
    'blocked',
    /dismissed by alice/,
  ],
  [
    'our dismissed approval of an older SHA',
    input({ reviews: [ours('DISMISSED', OLD)] }),
    'approved',
    /passed/,
  ],
  [
    'a person requests changes',
    input({ reviews: [review('alice', 'CHANGES_REQUESTED')] }),
    'blocked',
    /alice requests changes/,
  ],
  [
    'change request on an older commit still stands',
    input({ reviews: [review('alice', 'CHANGES_REQUESTED', OLD)] }),
    'blocked',
    /alice requests changes/,
  ],
  [
    'a later COMMENTED review changes nothing',
    input({ reviews: [review('alice', 'CHANGES_REQUESTED'), review('alice', 'COMMENTED')] }),
    'blocked',
    /alice requests changes/,
  ],
  [
    'a later approval by the same person lifts the change request',
    input({ reviews: [review('alice', 'CHANGES_REQUESTED'), review('alice', 'APPROVED')] }),
    'approved',
    /passed/,
  ],
  [
    'a dismissed change request no longer blocks',
    input({ reviews: [review('alice', 'DISMISSED')] }),
    'approved',
    /passed/,
  ],
  [
    'two people request changes',
    input({
      reviews: [
        review('bob', 'CHANGES_REQUESTED'),
        review('alice', 'CHANGES_REQUESTED'),
        review('carol', 'APPROVED'),
      ],
    }),
    'blocked',
    /alice, bob request changes/,
  ],
  [
    'change request and pending checks: blocked',
    input({ reviews: [review('alice', 'CHANGES_REQUESTED')], checks: checks([run('test', 'queued', null)]) }),
    'blocked',
    /alice requests changes/,
  ],
  [
    'change request while we had approved this SHA: blocked',
    input({ reviews: [ours('APPROVED'), review('alice', 'CHANGES_REQUESTED')] }),
    'blocked',
    /alice requests changes/,
  ],
  [
    'already approved but a rerun now fails: blocked',
    input({ reviews: [ours('APPROVED')], checks: checks([run('test', 'completed', 'failure')]) }),
    'blocked',
    /test \(failure\)/,
  ],
  ['checks not read', input({ checks: null }), 'waiting', /not been read/],
];

describe('decide', () => {
  it('has at least 30 cases', () => expect(rows.length).toBeGreaterThanOrEqual(30));

  it.each(rows)('%s -> %s', (_name, given, decision, reason) => {
    const result = decide(given);
    expect(result.decision).toBe(decision);
    expect(result.reason).toMatch(reason);
    expect(result.sha).toBe(HEAD);
  });

  it('names the worker', () => {
    expect(decide(input()).worker).toBe('engineer1');
    expect(decide(input({ pr: { headRef: 'nope' } })).worker).toBeNull();
  });

  it('returns the verdict it used', () => {
    const result = decide(input({ checks: checks([ok('a')], [st('b', 'success')]) }));
    expect(result.verdict).toMatchObject({ state: 'success', counted: 2 });
  });
});
