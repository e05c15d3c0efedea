/** The committed bundle against the emulator seeded with PRODUCT.md's SARK example (seedSark). */
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { seedSark, type SarkScenario } from '../../emulator/scenarios/sark.js';
import type { StatusDocument } from '../../src/status/types.js';
import { runAction } from '../helpers/harness.js';
import { createRepo, type TestRepo } from '../helpers/repo.js';

describe('status-report on the SARK scenario', () => {
  let gh: Emulator;
  let repo: TestRepo;
  let sark: SarkScenario;
  let workspace: string;

  beforeAll(async () => {
    gh = await startEmulator();
    repo = await createRepo({ bare: gh.bareRepo });
    sark = await seedSark(gh, repo);
    workspace = await repo.clone();
  });

  afterAll(async () => {
    await gh.close();
    await repo.cleanup();
  });

  it('reports every worker as the scenario arranged it, in at most 4 requests', async () => {
    gh.requests.reset();
    const run = await runAction('status-report', { emulator: gh, workspace });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(gh.requests.total()).toBeLessThanOrEqual(4);
    expect(gh.unimplementedFields).toEqual([]);

    const doc = JSON.parse(run.outputs['status-json'] ?? '') as StatusDocument;
    for (const [id, expected] of Object.entries(sark.workers)) {
      expect({ id, ...doc.workers[id] }).toMatchObject({
        id,
        status: expected.status,
        branch: expected.branch,
        head: expected.head,
        ci: expected.ci,
        stale: expected.stale,
        draft: expected.draft,
        conflictsWith: expected.conflictsWith,
      });
      expect(doc.workers[id]?.pr?.number ?? null).toBe(expected.pr);
      if (expected.pr !== null) expect(doc.workers[id]?.pr?.approvals).toBe(expected.approvals);
    }
    for (const [id, reached] of Object.entries(sark.checkpoints)) {
      expect(doc.checkpoints[id]?.reached).toBe(reached);
    }
    expect(doc.totals).toEqual({ pending: 1, launched: 1, active: 1, pr_ready: 1, approved: 1, merged: 1 });
    expect(doc.base).toBe('main');
    expect(doc.omnibus.branch).toBe(sark.omnibusBranch);

    const [a, b] = [...sark.conflict.workers].sort();
    expect(run.summary).toContain(`conflict forecast: **${a} ↔ ${b}**`);
    expect(run.summary).toMatch(/is stale/);
    expect(run.summary).toMatch(/CI is failing/);
    for (const id of Object.keys(sark.workers)) expect(run.summary).toContain(`| **${id}** `);
    expect(run.summary).toContain('```mermaid');
  });

  it('keeps one dashboard issue: created on the first run, updated in place on the second', async () => {
    const first = await runAction('status-report', {
      emulator: gh,
      workspace,
      inputs: { 'dashboard-issue': true },
    });
    expect(first.exitCode).toBe(0);
    expect(gh.store.issues).toHaveLength(1);
    const number = gh.store.issues[0]!.number;
    expect(first.outputs['dashboard-issue-number']).toBe(String(number));

    // qa starts working: the dashboard must change, in the same issue.
    await repo.commit('feat/gateway-tests', { 'tests/gateway/flow.test.ts': 'it.todo("flow");\n' });
    const second = await runAction('status-report', {
      emulator: gh,
      workspace,
      inputs: { 'dashboard-issue': true },
    });
    expect(second.exitCode).toBe(0);
    expect(gh.store.issues).toHaveLength(1);
    expect(second.outputs['dashboard-issue-number']).toBe(String(number));
    expect(gh.store.issues[0]!.body).toMatch(/\*\*qa\*\*[^\n]*active/);
    expect(second.stdout).toMatch(new RegExp(`Updated the dashboard issue #${number}`));
  });
});
