import {
  evaluateChecks,
  isOwnCheckRun,
  latestCheckRuns,
  latestStatuses,
  workflowRunIdOf,
  type CheckRunInfo,
  type StatusInfo,
} from '../../src/checks/index.js';
import { checkRun } from './factories.js';

const run = checkRun;
function status(context: string, state: string, extra: Partial<StatusInfo> = {}): StatusInfo {
  return { context, state, targetUrl: `https://ci.example/${context}`, ...extra };
}
const green = (name: string, extra: Partial<CheckRunInfo> = {}) => run(name, 'completed', 'success', extra);

describe('evaluateChecks: every conclusion and state GitHub has', () => {
  const conclusions: [string, 'success' | 'failure'][] = [
    ['success', 'success'],
    ['neutral', 'success'],
    ['skipped', 'success'],
    ['failure', 'failure'],
    ['cancelled', 'failure'],
    ['timed_out', 'failure'],
    ['action_required', 'failure'],
    ['stale', 'failure'],
    ['startup_failure', 'failure'],
  ];
  it.each(conclusions)('completed check run with conclusion %s -> %s', (conclusion, state) => {
    const v = evaluateChecks({
      checkRuns: [green('build'), run('test', 'completed', conclusion)],
      statuses: [],
    });
    expect(v.state).toBe(state);
    expect(v.counted).toBe(2);
    if (state === 'failure') expect(v.failing.map((c) => c.name)).toEqual(['test']);
  });

  it.each(['queued', 'in_progress', 'waiting', 'pending', 'requested'])(
    'check run status %s -> pending',
    (s) => {
      const v = evaluateChecks({ checkRuns: [green('build'), run('test', s, null)], statuses: [] });
      expect(v.state).toBe('pending');
      expect(v.pending).toEqual([expect.objectContaining({ name: 'test', detail: s })]);
    },
  );

  it.each([
    ['success', 'success'],
    ['pending', 'pending'],
    ['failure', 'failure'],
    ['error', 'failure'],
  ])('commit status %s -> %s', (state, expected) => {
    const v = evaluateChecks({ checkRuns: [green('build')], statuses: [status('ci/external', state)] });
    expect(v.state).toBe(expected);
    expect(v.counted).toBe(2);
  });

  it('an unknown conclusion is never green', () => {
    expect(evaluateChecks({ checkRuns: [run('x', 'completed', 'exploded')], statuses: [] }).state).toBe(
      'failure',
    );
  });

  it('failure wins over pending', () => {
    const v = evaluateChecks({
      checkRuns: [run('lint', 'completed', 'failure'), run('test', 'in_progress', null)],
      statuses: [],
    });
    expect(v.state).toBe('failure');
    expect(v.summary).toContain('lint (failure)');
    expect(v.summary).toContain('waiting for test (in_progress)');
  });
});

describe('evaluateChecks: counting', () => {
  it('zero checks is not green (min-checks 1 by default)', () => {
    const v = evaluateChecks({ checkRuns: [], statuses: [] });
    expect(v.state).toBe('pending');
    expect(v.summary).toBe('0 checks reported, at least 1 required');
  });

  it('min-checks 0 accepts a commit with no checks', () => {
    expect(evaluateChecks({ checkRuns: [], statuses: [], minChecks: 0 }).state).toBe('success');
  });

  it('fewer than min-checks waits', () => {
    const v = evaluateChecks({ checkRuns: [green('a')], statuses: [status('b', 'success')], minChecks: 3 });
    expect(v.state).toBe('pending');
    expect(v.counted).toBe(2);
  });

  it('required checks must be present', () => {
    const v = evaluateChecks({ checkRuns: [green('build')], statuses: [], requiredChecks: ['build', 'e2e'] });
    expect(v.state).toBe('pending');
    expect(v.missing).toEqual(['e2e']);
  });

  it('a required check matches a status context too', () => {
    const v = evaluateChecks({
      checkRuns: [green('build')],
      statuses: [status('ci/jenkins', 'success')],
      requiredChecks: ['ci/jenkins'],
    });
    expect(v.state).toBe('success');
  });

  it('a required check that failed blocks', () => {
    const v = evaluateChecks({
      checkRuns: [run('e2e', 'completed', 'failure')],
      statuses: [],
      requiredChecks: ['e2e'],
    });
    expect(v.state).toBe('failure');
  });

  it('all green says so', () => {
    const v = evaluateChecks({ checkRuns: [green('a'), green('b')], statuses: [status('c', 'success')] });
    expect(v).toMatchObject({ state: 'success', counted: 3, summary: 'all 3 checks passed' });
  });
});

describe('latest run per name', () => {
  it('a re-run that passed replaces a failure (listed either way round)', () => {
    const old = run('test', 'completed', 'failure', { startedAt: '2026-11-23T10:00:00Z' });
    const rerun = run('test', 'completed', 'success', { startedAt: '2026-11-23T11:00:00Z' });
    expect(evaluateChecks({ checkRuns: [old, rerun], statuses: [] }).state).toBe('success');
    expect(evaluateChecks({ checkRuns: [rerun, old], statuses: [] }).state).toBe('success');
    expect(evaluateChecks({ checkRuns: [rerun, old], statuses: [] }).counted).toBe(1);
  });

  it('a re-run that failed replaces a success', () => {
    const old = run('test', 'completed', 'success', { startedAt: '2026-11-23T10:00:00Z' });
    const rerun = run('test', 'completed', 'failure', { startedAt: '2026-11-23T11:00:00Z' });
    expect(evaluateChecks({ checkRuns: [rerun, old], statuses: [] }).state).toBe('failure');
    expect(evaluateChecks({ checkRuns: [old, rerun], statuses: [] }).state).toBe('failure');
  });

  it('a queued re-run (not started yet) is the latest', () => {
    const old = run('test', 'completed', 'success');
    const rerun = run('test', 'queued', null, { startedAt: null });
    expect(evaluateChecks({ checkRuns: [rerun, old], statuses: [] }).state).toBe('pending');
  });

  it('same times: the higher id wins', () => {
    const a = run('test', 'completed', 'failure', { id: 10 });
    const b = run('test', 'completed', 'success', { id: 11 });
    expect(latestCheckRuns([b, a])).toEqual([b]);
    expect(latestCheckRuns([a, b])).toEqual([b]);
  });

  it('same name from different apps are different checks', () => {
    const a = run('build', 'completed', 'failure', { appSlug: 'circleci' });
    const b = run('build', 'completed', 'success', {
      appSlug: 'github-actions',
      startedAt: '2026-11-23T12:00:00Z',
    });
    expect(evaluateChecks({ checkRuns: [a, b], statuses: [] }).state).toBe('failure');
  });

  it('latest status per context (newest first as GitHub lists them, or by time)', () => {
    const list = [
      status('ci', 'success', { id: 3, updatedAt: '2026-11-23T12:00:00Z' }),
      status('ci', 'pending', { id: 2, updatedAt: '2026-11-23T11:00:00Z' }),
      status('ci', 'failure', { id: 1, updatedAt: '2026-11-23T10:00:00Z' }),
    ];
    expect(latestStatuses(list)).toEqual([list[0]]);
    expect(latestStatuses([...list].reverse())).toEqual([list[0]]);
    expect(latestStatuses([status('x', 'failure'), status('x', 'success')])).toEqual([
      status('x', 'failure'),
    ]);
  });
});

describe('own check runs are ignored', () => {
  it('the current run in progress does not make us wait on ourselves', () => {
    const own = run('auto-review', 'in_progress', null, {
      detailsUrl: 'https://github.com/acme/widgets/actions/runs/777/job/9',
    });
    const v = evaluateChecks({
      checkRuns: [green('build'), own],
      statuses: [],
      runId: 777,
      jobName: 'auto-review',
    });
    expect(v.state).toBe('success');
    expect(v.counted).toBe(1);
    expect(v.ignored.map((c) => c.name)).toEqual(['auto-review']);
  });

  it('matched by the check suite workflow run too', () => {
    const own = run('approve', 'in_progress', null, { detailsUrl: null, workflowRunId: 777 });
    expect(isOwnCheckRun(own, 777, null)).toBe(true);
    expect(isOwnCheckRun(own, 778, null)).toBe(false);
  });

  it('an earlier failed run of this job does not block', () => {
    const earlier = run('auto-review', 'completed', 'failure', {
      detailsUrl: 'https://github.com/acme/widgets/actions/runs/700/job/3',
    });
    const v = evaluateChecks({
      checkRuns: [green('build'), earlier],
      statuses: [],
      runId: 777,
      jobName: 'auto-review',
    });
    expect(v.state).toBe('success');
  });

  it('a check named like the job but not from Actions still counts', () => {
    const external = run('auto-review', 'completed', 'failure', { detailsUrl: 'https://ci.example/1' });
    expect(
      evaluateChecks({ checkRuns: [external], statuses: [], runId: 777, jobName: 'auto-review' }).state,
    ).toBe('failure');
  });

  it('workflowRunIdOf reads details_url and html_url', () => {
    expect(
      workflowRunIdOf(run('a', 'queued', null, { detailsUrl: 'https://x/o/r/actions/runs/42/job/1' })),
    ).toBe(42);
    expect(
      workflowRunIdOf(
        run('a', 'queued', null, { detailsUrl: null, htmlUrl: 'https://x/o/r/actions/runs/43' }),
      ),
    ).toBe(43);
    expect(
      workflowRunIdOf(run('a', 'queued', null, { detailsUrl: 'https://ci.example/runs/44' })),
    ).toBeNull();
  });
});
