/**
 * The committed bundle, run as the runner runs it, against the emulator over a real repository.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import type { StatusDocument } from '../../src/status/types.js';
import { runAction } from '../helpers/harness.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';
import { addPullRequests, hoursAgo, seedManyWorkers } from '../../emulator/scenarios/many-workers.js';

const SARK_CONFIG = `version: 1
project: SARK v1.1 Gateway Integration
base: main
omnibus:
  branch: feat/gateway-integration-omnibus
  title: SARK v1.1 Gateway Integration
stale-after-hours: 48
workers:
  - id: engineer1
    branch: feat/gateway-client
    role: Gateway Client & Infrastructure
    priority: critical
  - id: engineer2
    branch: feat/gateway-api
    role: Authorization API Endpoints
    priority: high
    depends-on: [engineer1]
  - id: engineer3
    branch: feat/gateway-policies
    role: Policy Engine Integration
    priority: high
    depends-on: [engineer1]
  - id: engineer4
    branch: feat/gateway-audit
    role: Audit Logging & Monitoring
    priority: medium
    depends-on: [engineer1]
  - id: qa
    branch: feat/gateway-tests
    role: Testing & Validation
    priority: high
    depends-on: [engineer1, engineer2]
  - id: docs
    branch: feat/gateway-docs
    role: Documentation & Deployment
    priority: medium
    depends-on: [engineer2]
checkpoints:
  - id: day1_models
    title: Shared models ready
    requires: { engineer1: pr_ready }
  - id: day4_integration
    title: Core services testable
    requires: { engineer1: merged, engineer2: active }
  - id: day8_complete
    title: Gateway integration complete
    requires: { qa: merged, docs: merged }
`;

const CONFIG_LINES = Array.from({ length: 40 }, (_, i) => `  line ${i}`).join('\n');

/**
 * The six workers: engineer1 merged (PR merged), engineer2 approved, engineer3 pr_ready with red CI,
 * engineer4 active and stale, qa launched, docs pending; engineer3 and engineer4 conflict.
 */
async function seedSix(gh: Emulator, repo: TestRepo): Promise<void> {
  const fresh = { date: hoursAgo(3) };
  await repo.commit(
    'main',
    { '.github/orchestrator.yml': SARK_CONFIG, 'src/gateway/config.ts': `${CONFIG_LINES}\n` },
    fresh,
  );
  await repo.commit(
    'feat/gateway-client',
    { 'src/gateway/client.ts': 'export {};\n' },
    { ...fresh, author: 'engineer1' },
  );
  const pr1 = gh.store.createPullRequest({
    head: 'feat/gateway-client',
    base: 'main',
    title: 'Gateway client',
  });
  await gh.store.mergePullRequest(pr1.number);

  const head2 = await repo.commit('feat/gateway-api', { 'src/gateway/api.ts': 'export {};\n' }, fresh);
  const pr2 = gh.store.createPullRequest({ head: 'feat/gateway-api', base: 'main', title: 'Gateway API' });
  gh.store.addCheckRun({ headSha: head2, name: 'ci', status: 'completed', conclusion: 'success' });
  gh.store.addReview({ pullNumber: pr2.number, user: 'lead', state: 'APPROVED', commitId: head2 });

  const policies = CONFIG_LINES.replace('line 5', 'line 5 policies');
  const head3 = await repo.commit(
    'feat/gateway-policies',
    { 'src/gateway/config.ts': `${policies}\n` },
    fresh,
  );
  gh.store.createPullRequest({ head: 'feat/gateway-policies', base: 'main', title: 'Policies' });
  gh.store.addCheckRun({ headSha: head3, name: 'ci', status: 'completed', conclusion: 'failure' });

  const audit = CONFIG_LINES.replace('line 5', 'line 5 audit');
  await repo.commit(
    'feat/gateway-audit',
    { 'src/gateway/config.ts': `${audit}\n` },
    { date: hoursAgo(24 * 5) },
  );

  const main = (await repo.head('main')) as string;
  await repo.git.run(['push', '-q', 'origin', `${main}:refs/heads/feat/gateway-tests`]);
}

function statusOf(doc: StatusDocument): Record<string, string> {
  return Object.fromEntries(Object.entries(doc.workers).map(([id, w]) => [id, w.status]));
}

describe('status-report end to end', () => {
  let gh: Emulator;
  let repo: TestRepo;

  beforeEach(async () => {
    gh = await startEmulator();
    repo = await createRepo({ bare: gh.bareRepo });
  });

  afterEach(async () => {
    await gh.close();
    await repo.cleanup();
  });

  it('six workers: every status, stale, red CI, a conflicting pair; dashboard created once, then updated in place', async () => {
    await seedSix(gh, repo);
    const workspace = await repo.clone();
    gh.requests.reset();
    const statusFile = 'out/status.json';
    const first = await runAction('status-report', {
      emulator: gh,
      workspace,
      inputs: { 'status-file': statusFile },
    });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(gh.requests.total()).toBeLessThanOrEqual(4);
    expect(gh.unknownRoutes).toEqual([]);
    expect(gh.unimplementedFields).toEqual([]);

    const doc = JSON.parse(first.outputs['status-json'] ?? '') as StatusDocument;
    expect(statusOf(doc)).toEqual({
      engineer1: 'merged',
      engineer2: 'approved',
      engineer3: 'pr_ready',
      engineer4: 'active',
      qa: 'launched',
      docs: 'pending',
    });
    expect(doc.totals).toEqual({ pending: 1, launched: 1, active: 1, pr_ready: 1, approved: 1, merged: 1 });
    expect(JSON.parse(first.outputs.totals ?? '')).toEqual(doc.totals);
    expect(doc.workers.engineer4).toMatchObject({
      stale: true,
      ci: 'none',
      conflictsWith: ['engineer3'],
      ahead: 1,
    });
    expect(doc.workers.engineer3).toMatchObject({
      ci: 'failure',
      stale: false,
      conflictsWith: ['engineer4'],
    });
    expect(doc.workers.engineer2).toMatchObject({ ci: 'success', pr: { approvals: 1, draft: false } });
    expect(doc.workers.engineer1?.pr).toMatchObject({ number: 1 });
    expect(doc.workers.docs).toMatchObject({ head: null, lastCommit: null, pr: null, conflictsWith: [] });
    expect(doc.checkpoints).toMatchObject({
      day1_models: { reached: true },
      day4_integration: { reached: true },
      day8_complete: { reached: false },
    });
    expect(JSON.parse(first.outputs['checkpoints-reached'] ?? '')).toEqual([
      'day1_models',
      'day4_integration',
    ]);
    expect(JSON.parse(await readFile(join(workspace, statusFile), 'utf8'))).toEqual(doc);
    expect(first.outputs['status-file']).toBe(join(workspace, statusFile));

    expect(first.summary).toContain('| **engineer3** `feat/gateway-policies`');
    expect(first.summary).toMatch(/engineer4\*\* is stale/);
    expect(first.summary).toMatch(/conflict forecast: \*\*engineer3 ↔ engineer4\*\*/);
    expect(first.summary).toContain('```mermaid');
    expect(first.outputs['dashboard-issue-number']).toBe('');
    expect(first.outputs['dashboard-issue-result']).toBe('');

    // Dashboard: created once ...
    const withDashboard = { emulator: gh, workspace, inputs: { 'dashboard-issue': true } };
    const second = await runAction('status-report', withDashboard);
    expect(second.exitCode).toBe(0);
    expect(gh.store.issues).toHaveLength(1);
    const issue = gh.store.issues[0]!;
    expect(issue.body).toContain('<!-- orchestrator:status-dashboard -->');
    expect(second.outputs['dashboard-issue-number']).toBe(String(issue.number));
    expect(second.outputs['dashboard-issue-result']).toBe('created');

    // ... not written when nothing changed ...
    const before = issue.body;
    gh.requests.reset();
    const third = await runAction('status-report', withDashboard);
    expect(third.exitCode).toBe(0);
    expect(gh.requests.log.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(third.stdout).toMatch(/up to date; not written/);
    expect(third.outputs['dashboard-issue-result']).toBe('unchanged');

    // ... and updated in place when something did.
    await repo.commit('feat/gateway-tests', { 'tests/gateway.test.ts': 'test\n' }, { date: hoursAgo(1) });
    const fourth = await runAction('status-report', withDashboard);
    expect(fourth.exitCode).toBe(0);
    expect(fourth.outputs['dashboard-issue-result']).toBe('updated');
    expect(gh.store.issues).toHaveLength(1);
    expect(gh.store.issues[0]!.body).not.toBe(before);
    expect(gh.store.issues[0]!.body).toMatch(/\*\*qa\*\*[^\n]*active/);
  });

  it('dry run writes no issue; a closed dashboard stays closed', async () => {
    await seedSix(gh, repo);
    const workspace = await repo.clone();
    const dry = await runAction('status-report', {
      emulator: gh,
      workspace,
      inputs: { 'dashboard-issue': true, 'dry-run': true },
    });
    expect(dry.exitCode).toBe(0);
    expect(dry.outputs['dashboard-issue-result']).toBe('would-create');
    expect(gh.store.issues).toHaveLength(0);
    expect(gh.requests.log.filter((r) => r.method !== 'GET' && r.route !== 'POST /graphql')).toEqual([]);

    await runAction('status-report', { emulator: gh, workspace, inputs: { 'dashboard-issue': true } });
    gh.store.issues[0]!.state = 'closed';
    const after = await runAction('status-report', {
      emulator: gh,
      workspace,
      inputs: { 'dashboard-issue': true },
    });
    expect(after.exitCode).toBe(0);
    expect(gh.store.issues).toHaveLength(1);
    expect(gh.store.issues[0]!.state).toBe('closed');
    expect(after.stdout).toMatch(/left closed/);
    expect(after.outputs['dashboard-issue-result']).toBe('left-closed');
  });

  it('without issues: write, the run fails naming the permission', async () => {
    await seedSix(gh, repo);
    gh.store.denyPermission('issues', 'write');
    const run = await runAction('status-report', {
      emulator: gh,
      workspace: await repo.clone(),
      inputs: { 'dashboard-issue': true },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(/issues: write/);
  });

  it('a malformed config fails before any request', async () => {
    await repo.commit('main', {
      '.github/orchestrator.yml': 'version: 1\nproject: x\nworkers: [{ id: "bad id!" }]\n',
    });
    gh.requests.reset();
    const run = await runAction('status-report', { emulator: gh, workspace: await repo.clone() });
    expect(run.exitCode).toBe(1);
    expect(gh.requests.total()).toBe(0);
    expect(run.annotations.some((a) => a.level === 'error' && a.file === '.github/orchestrator.yml')).toBe(
      true,
    );
  });

  it('without a checkout: decided from the API, no forecast', async () => {
    await seedSix(gh, repo);
    const empty = await mkdtemp(join(tmpdir(), 'no-checkout-'));
    await writeFile(join(empty, 'placeholder'), '');
    try {
      gh.requests.reset();
      const run = await runAction('status-report', { emulator: gh, workspace: empty });
      expect(run.exitCode).toBe(0);
      const doc = JSON.parse(run.outputs['status-json'] ?? '') as StatusDocument;
      expect(statusOf(doc)).toEqual({
        engineer1: 'merged',
        engineer2: 'approved',
        engineer3: 'pr_ready',
        engineer4: 'active',
        qa: 'launched',
        docs: 'pending',
      });
      expect(doc.workers.engineer4).toMatchObject({ conflictsWith: null, filesChanged: null, ahead: 1 });
      expect(run.summary).toMatch(/No git checkout/);
      expect(gh.unimplementedFields).toEqual([]);
      expect(gh.requests.total()).toBeLessThanOrEqual(5); // + the config through the contents API
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('100 workers cost at most 8 requests', async () => {
    await seedManyWorkers(repo, 100, { overlappingPairs: 5, withBranch: (i) => i < 95 });
    await addPullRequests(gh, repo, 100);
    gh.requests.reset();
    const run = await runAction('status-report', {
      emulator: gh,
      workspace: await repo.clone(),
      timeoutMs: 120_000,
    });
    expect(run.exitCode).toBe(0);
    expect(gh.requests.total()).toBeLessThanOrEqual(8);
    const doc = JSON.parse(run.outputs['status-json'] ?? '') as StatusDocument;
    expect(Object.keys(doc.workers)).toHaveLength(100);
    expect(doc.totals.pending).toBe(5);
    expect(doc.workers.w0?.conflictsWith).toEqual(['w1']);
    expect(doc.workers.w97?.status).toBe('pending');
  }, 180_000);
});
