import {
  DASHBOARD_LABEL,
  publishDashboard,
  type DashboardIssue,
  type IssueApi,
} from '../../actions/status-report/src/dashboard-issue.js';
import { ConfigurationError } from '../../src/errors.js';
import { MemoryLogger } from '../../src/logger.js';
import { DASHBOARD_MARKER } from '../../src/status/dashboard.js';

/** Issues in memory, with the calls made. */
function fakeApi(initial: Partial<DashboardIssue>[] = []) {
  const issues: DashboardIssue[] = initial.map((i, n) => ({
    number: n + 1,
    url: `https://github.com/acme/widgets/issues/${n + 1}`,
    state: 'open',
    body: '',
    labels: [],
    ...i,
  }));
  const calls: string[] = [];
  const api: IssueApi = {
    async list(label) {
      calls.push(`list ${label ?? 'all'}`);
      return issues.filter((i) => label === null || i.labels.includes(label)).map((i) => ({ ...i }));
    },
    async get(number) {
      calls.push(`get ${number}`);
      return { ...issues.find((i) => i.number === number)! };
    },
    async create(title, body, labels) {
      calls.push('create');
      const issue: DashboardIssue = {
        number: issues.length + 1,
        url: `https://github.com/acme/widgets/issues/${issues.length + 1}`,
        state: 'open',
        body,
        labels,
      };
      issues.push(issue);
      return { ...issue };
    },
    async update(number, body) {
      calls.push(`update ${number}`);
      issues.find((i) => i.number === number)!.body = body;
    },
  };
  return { api, issues, calls };
}

const body = (text: string, at = '2026-11-23 02:00 UTC') =>
  `${DASHBOARD_MARKER}\n# P: worker status\n\n<sub>Updated ${at}.</sub>\n\n${text}\n`;
const options = (text: string, at?: string) => ({
  title: 'P: worker status',
  body: body(text, at),
  dryRun: false,
  logger: new MemoryLogger(),
});

describe('publishDashboard', () => {
  it('creates the issue once, then updates it in place', async () => {
    const { api, issues, calls } = fakeApi([{ body: 'an unrelated issue' }]);
    expect((await publishDashboard(api, options('one'))).action).toBe('created');
    expect(issues).toHaveLength(2);
    expect(issues[1]?.labels).toEqual([DASHBOARD_LABEL]);
    expect((await publishDashboard(api, options('two'))).action).toBe('updated');
    expect(issues).toHaveLength(2);
    expect(issues[1]?.body).toContain('two');
    expect(calls).toEqual([
      'list orchestrator-dashboard',
      'list all',
      'create',
      'list orchestrator-dashboard',
      'get 2',
      'update 2',
    ]);
  });

  it('does not write when only the update line changed', async () => {
    const { api, calls } = fakeApi([{ body: body('same'), labels: [DASHBOARD_LABEL] }]);
    const outcome = await publishDashboard(api, options('same', '2026-11-24 02:00 UTC'));
    expect(outcome.action).toBe('unchanged');
    expect(calls).not.toContain('update 1');
  });

  it('finds the issue by its marker even without the label', async () => {
    const { api, issues } = fakeApi([{ body: 'x' }, { body: body('old') }]);
    const outcome = await publishDashboard(api, options('new'));
    expect(outcome).toMatchObject({ action: 'updated', issue: { number: 2 } });
    expect(issues).toHaveLength(2);
  });

  it('a labelled issue whose body a person emptied is still ours', async () => {
    const { api, issues } = fakeApi([{ body: '', labels: [DASHBOARD_LABEL] }]);
    expect((await publishDashboard(api, options('new'))).action).toBe('updated');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain(DASHBOARD_MARKER);
  });

  it('leaves a closed dashboard closed and opens no new one', async () => {
    const { api, issues, calls } = fakeApi([
      { body: body('old'), labels: [DASHBOARD_LABEL], state: 'closed' },
    ]);
    const o = options('new');
    expect((await publishDashboard(api, o)).action).toBe('left-closed');
    expect(issues).toHaveLength(1);
    expect(calls).not.toContain('create');
    expect(o.logger.lines.map((l) => l.message).join('\n')).toMatch(/left closed/);
  });

  it('dry run writes nothing', async () => {
    const empty = fakeApi();
    expect((await publishDashboard(empty.api, { ...options('x'), dryRun: true })).action).toBe(
      'would-create',
    );
    expect(empty.calls).not.toContain('create');
    const existing = fakeApi([{ body: body('old'), labels: [DASHBOARD_LABEL] }]);
    expect((await publishDashboard(existing.api, { ...options('new'), dryRun: true })).action).toBe(
      'would-update',
    );
    expect(existing.calls.some((c) => c.startsWith('update'))).toBe(false);
  });

  it('names the missing issues: write permission on 403', async () => {
    const { api } = fakeApi();
    api.create = async () => {
      throw Object.assign(new Error('Resource not accessible by integration'), {
        status: 403,
        response: { data: { message: 'Resource not accessible by integration' }, headers: {} },
      });
    };
    const attempt = publishDashboard(api, options('x'));
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    await expect(publishDashboard(api, options('x'))).rejects.toThrow(/issues: write/);
  });
});
