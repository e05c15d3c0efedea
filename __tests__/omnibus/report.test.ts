import { describe, expect, it } from '@jest/globals';
import type { Worker } from '../../src/config/types.js';
import { planMergeOrder } from '../../src/omnibus/plan.js';
import {
  buildSummary,
  integrationDiagram,
  OMNIBUS_MARKER,
  pullRequestBody,
} from '../../src/omnibus/report.js';
import type { OmnibusResult, WorkerOutcome } from '../../src/omnibus/types.js';

const sha = (n: number): string => n.toString(16).padEnd(40, '0');

function worker(id: string, dependsOn: string[] = []): Worker {
  return { id, branch: `feat/${id}`, role: `Role of ${id}`, priority: 'medium', dependsOn, task: null };
}

/** A result with `n` workers: every third conflicts with the first, its successor depends on it. */
function result(n: number, overrides: Partial<OmnibusResult> = {}): OmnibusResult {
  const workers = Array.from({ length: n }, (_, i) =>
    i % 3 === 2 ? worker(`w${i}`, [`w${i - 1}`]) : worker(`w${i}`),
  );
  const plan = planMergeOrder(workers);
  const outcomes: WorkerOutcome[] = plan.steps.map((step, i) => {
    const conflicting = i % 3 === 1 && i > 1;
    const dependent = i % 3 === 2 && i > 2;
    return {
      worker: step.worker,
      position: step.position,
      orderReason: step.reason,
      kind: conflicting || dependent ? 'skipped' : 'merged',
      head: sha(i + 1000),
      commit: conflicting || dependent ? null : sha(i + 2000),
      skipReason: conflicting ? 'conflict' : dependent ? 'depends on a skipped worker' : null,
      conflict: conflicting
        ? {
            worker: step.worker.id,
            paths: [`src/shared-${i}.ts`, 'src/common.ts'],
            conflictsWith: ['w0'],
            messages: ['CONFLICT (content): Merge conflict in src/common.ts'],
            sides: [
              {
                name: step.worker.id,
                branch: step.worker.branch,
                paths: ['src/common.ts'],
                commits: [{ sha: sha(i), subject: `edit ${i}` }],
              },
              {
                name: 'w0',
                branch: 'feat/w0',
                paths: ['src/common.ts'],
                commits: [{ sha: sha(7), subject: 'w0 edit' }],
              },
            ],
          }
        : null,
    };
  });
  return {
    branch: 'feat/omnibus',
    base: 'main',
    baseSha: sha(1),
    previousSha: sha(2),
    sha: sha(3),
    changed: true,
    pushed: true,
    dryRun: false,
    rebuild: false,
    plan,
    outcomes,
    baseSync: { kind: 'up-to-date', paths: [] },
    handCommits: { kept: [], dropped: [] },
    attempts: 1,
    merged: outcomes.filter((o) => o.kind === 'merged').map((o) => o.worker.id),
    skipped: outcomes
      .filter((o) => o.kind === 'skipped')
      .map((o) => ({
        worker: o.worker.id,
        reason: o.skipReason!,
        paths: o.conflict?.paths ?? [],
        conflictsWith: o.conflict?.conflictsWith ?? [],
      })),
    ...overrides,
  };
}

describe('omnibus PR body', () => {
  it('lists every merged worker (id, role, branch, PR, status) and every skipped one with paths and the other side', () => {
    const r = result(6);
    const body = pullRequestBody(
      r,
      new Map([['w0', { number: 12, url: 'https://x/pull/12', draft: true }]]),
      {
        title: 'T',
      },
    );
    expect(body.startsWith(OMNIBUS_MARKER)).toBe(true);
    expect(body).toContain(
      '| 1 | w0 | Role of w0 | `feat/w0` | [#12](https://x/pull/12) (draft) | 🟣 merged |',
    );
    expect(body).toContain(
      '| w4 | Role of w4 | `feat/w4` | — | conflict | `src/shared-4.ts`, `src/common.ts` | w0 |',
    );
    expect(body).toContain('| w5 | Role of w5 | `feat/w5` | — | depends on a skipped worker | — | — |');
    expect(body).toContain('```mermaid');
    expect(body).toContain('`7000000` w0 edit');
  });

  it('is the same for a first build and for a re-run that finds everything already merged', () => {
    const first = result(6);
    const again = result(6, {
      outcomes: first.outcomes.map((o) =>
        o.kind === 'merged' ? { ...o, kind: 'already-merged', commit: null } : o,
      ),
      pushed: false,
      changed: false,
    });
    expect(pullRequestBody(again, new Map(), { title: 'T' })).toBe(
      pullRequestBody(first, new Map(), { title: 'T' }),
    );
  });

  it.each([300, 2000])('stays under 65 536 characters with %i workers', (n) => {
    const body = pullRequestBody(result(n), new Map(), { title: 'T' });
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('| w0 |');
  });

  it('drops detail before rows when it must shrink', () => {
    const r = result(30);
    const full = pullRequestBody(r, new Map(), { title: 'T' });
    const small = pullRequestBody(r, new Map(), { title: 'T', limit: full.length - 1 });
    expect(small.length).toBeLessThan(full.length);
    expect(small).not.toContain('w0 edit');
    for (const o of r.outcomes) expect(small).toContain(`| ${o.worker.id} |`);
  });
});

describe('omnibus summary and picture', () => {
  it('draws merged workers in order into the omnibus branch, skipped ones beside with their other side', () => {
    const diagram = integrationDiagram(result(6));
    expect(diagram).toContain('base --> w1');
    expect(diagram).toContain('w1 --> w2');
    expect(diagram).toContain('w5 -. conflict .- w1');
    expect(diagram).toContain('w5 -. depends on .-> w6');
    expect(diagram).toMatch(/w4 --> omnibus/);
  });

  it('shows order with reasons, outcomes, the dry-run sha and hand commits', () => {
    const summary = buildSummary(
      result(6, {
        dryRun: true,
        pushed: false,
        handCommits: { kept: [{ sha: sha(99), subject: 'Fix by hand' }], dropped: [] },
      }),
      { title: 'Integration' },
    );
    expect(summary).toContain('## Omnibus: Integration');
    expect(summary).toContain('**Dry run**: nothing was pushed. `feat/omnibus` would be at `3000000`.');
    expect(summary).toContain(
      '| 1 | w0 | medium | — | no dependencies; medium priority, ahead of w1, w3, w4 by config order |',
    );
    expect(summary).toContain('⚠️ conflict with w0');
    expect(summary).toContain('**Hand commits kept**');
    expect(summary).toContain('Fix by hand');
  });
});
