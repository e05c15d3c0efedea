import { buildStatusDocument, countTotals, evaluateCheckpoints } from '../../src/status/document.js';
import {
  DASHBOARD_MARKER,
  ISSUE_BODY_LIMIT,
  renderDashboard,
  sameDashboard,
} from '../../src/status/dashboard.js';
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/status/summary.js';
import { busyFacts, makeConfig, NOW } from './fixtures.js';

describe('status document', () => {
  const config = makeConfig(
    [
      { id: 'engineer1', branch: 'feat/gateway-client', priority: 'critical' },
      { id: 'engineer2', branch: 'feat/gateway-api', priority: 'high', dependsOn: ['engineer1'] },
    ],
    {
      checkpoints: [
        { id: 'day1_models', title: 'Shared models ready', requires: { engineer1: 'pr_ready' } },
        { id: 'day4', title: 'Core testable', requires: { engineer1: 'merged', engineer2: 'active' } },
      ],
    },
  );

  it("has PRODUCT.md's shape, camelCase keys, null where there is nothing", () => {
    const doc = buildStatusDocument({
      config,
      base: 'main',
      omnibus: { exists: false, sha: null },
      facts: { engineer1: busyFacts(1) },
      conflicts: null,
      now: NOW,
    });
    expect(Object.keys(doc)).toEqual([
      'version',
      'project',
      'generatedAt',
      'base',
      'omnibus',
      'workers',
      'checkpoints',
      'totals',
    ]);
    expect(doc.generatedAt).toBe('2026-11-23T02:00:00Z');
    expect(doc.omnibus).toEqual({ branch: 'feat/gateway-integration-omnibus', exists: false, sha: null });
    expect(doc.workers.engineer1).toMatchObject({
      status: 'pr_ready',
      branch: 'feat/gateway-client',
      priority: 'critical',
      head: busyFacts(1).head,
      pr: {
        number: 1001,
        url: 'https://github.com/acme/widgets/pull/1001',
        draft: false,
        reviewDecision: 'REVIEW_REQUIRED',
        approvals: 0,
      },
      ci: 'success',
      stale: false,
      draft: false,
      conflictsWith: null,
    });
    expect(Object.keys(doc.workers.engineer1 ?? {})).toEqual([
      'status',
      'branch',
      'role',
      'priority',
      'head',
      'ahead',
      'behind',
      'filesChanged',
      'lastCommit',
      'pr',
      'ci',
      'stale',
      'draft',
      'conflictsWith',
    ]);
    expect(doc.workers.engineer2).toMatchObject({
      status: 'pending',
      head: null,
      lastCommit: null,
      pr: null,
      ci: 'none',
    });
    expect(doc.checkpoints.day1_models).toEqual({ title: 'Shared models ready', reached: true, missing: [] });
    expect(doc.checkpoints.day4).toEqual({
      title: 'Core testable',
      reached: false,
      missing: [
        { worker: 'engineer1', requires: 'merged', status: 'pr_ready' },
        { worker: 'engineer2', requires: 'active', status: 'pending' },
      ],
    });
    expect(doc.totals).toEqual({ pending: 1, launched: 0, active: 0, pr_ready: 1, approved: 0, merged: 0 });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('conflictsWith is a sorted list when a forecast was made', () => {
    const doc = buildStatusDocument({
      config,
      base: 'main',
      omnibus: { exists: true, sha: 'f'.repeat(40) },
      facts: { engineer1: busyFacts(1), engineer2: busyFacts(3) },
      conflicts: { engineer1: ['engineer2'], engineer2: ['engineer1'] },
      now: NOW,
    });
    expect(doc.workers.engineer1?.conflictsWith).toEqual(['engineer2']);
    expect(doc.workers.engineer2?.conflictsWith).toEqual(['engineer1']);
  });

  it('checkpoints: at the status or beyond counts as reached', () => {
    const checkpoints = [
      { id: 'c', title: 'C', requires: { a: 'pr_ready' as const, b: 'pr_ready' as const } },
    ];
    expect(evaluateCheckpoints(checkpoints, { a: 'merged', b: 'approved' }).c?.reached).toBe(true);
    expect(evaluateCheckpoints(checkpoints, { a: 'merged', b: 'active' }).c?.missing).toEqual([
      { worker: 'b', requires: 'pr_ready', status: 'active' },
    ]);
  });

  it('totals count every status', () => {
    expect(countTotals(['merged', 'merged', 'pending'])).toEqual({
      pending: 1,
      launched: 0,
      active: 0,
      pr_ready: 0,
      approved: 0,
      merged: 2,
    });
  });
});

function manyWorkers(count: number, text: string) {
  const config = makeConfig(
    Array.from({ length: count }, (_, i) => ({
      id: `worker-${i}-${text.slice(0, 20)}`,
      branch: `feat/${text}-${i}`,
      role: `${text} role ${i}`,
      dependsOn: i > 0 ? [`worker-${i - 1}-${text.slice(0, 20)}`] : [],
    })),
    {
      checkpoints: Array.from({ length: 20 }, (_, i) => ({
        id: `cp${i}`,
        title: `Checkpoint ${i} ${text}`,
        requires: { [`worker-${i}-${text.slice(0, 20)}`]: 'merged' as const },
      })),
    },
  );
  const facts = Object.fromEntries(config.workers.map((w, i) => [w.id, busyFacts(i, text)]));
  const conflicts = Object.fromEntries(
    config.workers.map((w, i) => [w.id, i % 10 === 1 ? [config.workers[i + 1]?.id ?? ''] : []]),
  );
  const doc = buildStatusDocument({
    config,
    base: 'main',
    omnibus: { exists: true, sha: 'c'.repeat(40) },
    facts,
    conflicts,
    now: NOW,
  });
  return { config, doc };
}

describe('job summary', () => {
  it('has a row per worker, warnings, checkpoints, totals and mermaid pictures', () => {
    const { config, doc } = manyWorkers(8, 'x');
    const summary = renderSummary(doc, config, { now: NOW });
    for (const id of Object.keys(doc.workers)) expect(summary).toContain(`**${id}**`);
    expect(summary).toContain('## Warnings');
    expect(summary).toMatch(/is stale/);
    expect(summary).toMatch(/CI is failing/);
    expect(summary).toMatch(/conflict forecast: \*\*worker-1-x ↔ worker-2-x\*\*/);
    expect(summary).toContain('## Checkpoints');
    expect(summary).toContain('```mermaid\npie');
    expect(summary).toContain('```mermaid\nflowchart LR');
    expect(summary).toContain('```mermaid\nxychart-beta');
    expect(summary).toMatch(/bar \[3, 3, 3, /);
    expect(summary).toContain('[#1001](https://github.com/acme/widgets/pull/1001)');
    expect(summary).toMatch(/3h ago/);
  });

  it('stays under 1 MiB with 200 workers', () => {
    const { config, doc } = manyWorkers(200, 'a-rather-long-branch-and-role-name-'.repeat(3));
    const summary = renderSummary(doc, config, { now: NOW });
    expect(summary.split('\n').filter((l) => l.startsWith('| **worker-')).length).toBe(200);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThan(SUMMARY_LIMIT_BYTES);
  });

  it('beyond the limit drops the dependency graph, then rows from the end, never the header', () => {
    const { config, doc } = manyWorkers(300, 'x');
    const summary = renderSummary(doc, config, { now: NOW, limitBytes: 40_000 });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(40_000);
    expect(summary.startsWith('# SARK v1.1 Gateway Integration: worker status')).toBe(true);
    expect(summary).not.toContain('flowchart LR');
    expect(summary).toMatch(/more workers not shown/);
    expect(summary).toContain('## Checkpoints');
  });

  it('escapes pipes and newlines in cells', () => {
    const { config, doc } = manyWorkers(1, 'a|b');
    (doc.workers[Object.keys(doc.workers)[0] as string] as { role: string }).role = 'x | y\nz';
    const summary = renderSummary(doc, config, { now: NOW });
    expect(summary).toContain('x \\| y z');
  });
});

describe('dashboard issue body', () => {
  it('starts with the hidden marker and the header', () => {
    const { config, doc } = manyWorkers(6, 'x');
    const body = renderDashboard(doc, config, { runUrl: 'https://github.com/acme/widgets/actions/runs/7' });
    expect(body.startsWith(`${DASHBOARD_MARKER}\n# SARK v1.1 Gateway Integration: worker status`)).toBe(true);
    expect(body).toContain('[this run](https://github.com/acme/widgets/actions/runs/7)');
    expect(body).toContain('```mermaid\npie');
    expect(body).not.toMatch(/ago\b/); // relative ages would change the body on every run
  });

  it('ignores the update line when comparing', () => {
    const { config, doc } = manyWorkers(6, 'x');
    const a = renderDashboard(doc, config, { runUrl: 'https://x/runs/1' });
    const b = renderDashboard({ ...doc, generatedAt: '2026-11-24T02:00:00Z' }, config, {
      runUrl: 'https://x/runs/2',
    });
    expect(a).not.toBe(b);
    expect(sameDashboard(a, b)).toBe(true);
    const c = renderDashboard({ ...doc, totals: { ...doc.totals, merged: 99 } }, config);
    expect(sameDashboard(a, c)).toBe(false);
    const moved = renderDashboard({ ...doc, omnibus: { ...doc.omnibus, sha: 'd'.repeat(40) } }, config);
    expect(sameDashboard(a, moved)).toBe(false);
  });

  it.each([200, 400])(
    'keeps under 65 536 characters with %i workers, header first, least important trimmed',
    (count) => {
      const { config, doc } = manyWorkers(count, 'a-rather-long-branch-and-role-name-'.repeat(3));
      const body = renderDashboard(doc, config);
      expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT);
      expect(body.startsWith(`${DASHBOARD_MARKER}\n# SARK v1.1 Gateway Integration: worker status`)).toBe(
        true,
      );
      expect(body).toContain(`${count} workers:`);
      expect(body).toMatch(/workers not shown to keep this issue under GitHub's size limit/);
      expect(body).not.toContain('```mermaid');
      // Unfinished critical workers are kept before merged ones.
      const shown = body.split('\n').filter((l) => l.startsWith('| **worker-'));
      expect(shown.length).toBeGreaterThan(10);
      const merged = Object.entries(doc.workers).filter(([, w]) => w.status === 'merged');
      const criticalOpen = Object.entries(doc.workers).filter(
        ([, w]) => w.status !== 'merged' && w.priority === 'critical',
      );
      const isShown = (id: string) => shown.some((l) => l.startsWith(`| **${id}**`));
      expect(criticalOpen.every(([id]) => isShown(id))).toBe(true);
      expect(merged.some(([id]) => isShown(id))).toBe(false);
    },
  );

  it('a tiny limit still keeps the header', () => {
    const { config, doc } = manyWorkers(50, 'x');
    const body = renderDashboard(doc, config, { limit: 600 });
    expect(body.length).toBeLessThanOrEqual(600);
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(body).toContain('50 workers:');
  });
});
