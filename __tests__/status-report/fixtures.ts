/** Small factories for status-report tests: configs and facts of many workers. */
import { PRIORITIES, type OrchestratorConfig, type Worker } from '../../src/config/types.js';
import type { WorkerFacts } from '../../src/status/types.js';

export const NOW = new Date('2026-11-23T02:00:00Z');

export function makeConfig(
  workers: Partial<Worker>[],
  over: Partial<OrchestratorConfig> = {},
): OrchestratorConfig {
  return {
    version: 1,
    project: 'SARK v1.1 Gateway Integration',
    base: 'main',
    omnibus: { branch: 'feat/gateway-integration-omnibus', title: 'SARK v1.1 Gateway Integration' },
    staleAfterHours: 48,
    workers: workers.map((w, i) => ({
      id: w.id ?? `worker${i}`,
      branch: w.branch ?? `feat/worker-${i}`,
      role: w.role ?? `Role of worker ${i}`,
      priority: w.priority ?? PRIORITIES[i % PRIORITIES.length] ?? 'medium',
      dependsOn: w.dependsOn ?? [],
      task: w.task ?? null,
    })),
    checkpoints: [],
    ...over,
  };
}

/** Facts of a worker with commits of its own and, depending on `i`, a PR, red CI or staleness. */
export function busyFacts(i: number, text = ''): WorkerFacts {
  const sha = i.toString(16).padStart(40, '0');
  return {
    head: sha,
    lastCommit: {
      sha,
      date: i % 7 === 0 ? '2026-11-19T00:00:00Z' : '2026-11-22T23:00:00Z',
      author: `dev${i}`,
      message: `Commit ${i} ${text}`,
    },
    ci: i % 5 === 0 ? 'failure' : 'success',
    containment: { onBaseFirstParent: false, containedInBase: i % 4 === 0, containedInOmnibus: false },
    ahead: i % 9,
    behind: i % 3,
    filesChanged: i % 11,
    pullRequests:
      i % 2 === 0
        ? []
        : [
            {
              number: 1000 + i,
              url: `https://github.com/acme/widgets/pull/${1000 + i}`,
              state: 'OPEN',
              isDraft: i % 3 === 0,
              mergedAt: null,
              headRefOid: sha,
              baseRefName: 'main',
              updatedAt: '2026-11-22T23:00:00Z',
              reviewDecision: 'REVIEW_REQUIRED',
              reviews: [],
            },
          ],
  };
}
