import {
  WORKER_STATUSES,
  type Checkpoint,
  type OrchestratorConfig,
  type WorkerStatus,
} from '../config/types.js';
import { atLeast, deriveStatus } from './derive.js';
import {
  NO_FACTS,
  type CheckpointReport,
  type StatusDocument,
  type Totals,
  type WorkerFacts,
  type WorkerReport,
} from './types.js';

export interface DocumentInput {
  config: OrchestratorConfig;
  /** The resolved base branch name. */
  base: string;
  omnibus: { exists: boolean; sha: string | null };
  /** Facts per worker id; a worker missing here is treated as having no branch. */
  facts: Record<string, WorkerFacts>;
  /** Conflicts per worker id; null when no forecast could be made (no checkout). */
  conflicts: Record<string, string[]> | null;
  now: Date;
}

/** The status document (output `status-json`) in PRODUCT.md's shape. */
export function buildStatusDocument(input: DocumentInput): StatusDocument {
  const { config } = input;
  const context = { now: input.now, staleAfterHours: config.staleAfterHours };
  const workers: Record<string, WorkerReport> = {};
  for (const worker of config.workers) {
    const facts = input.facts[worker.id] ?? NO_FACTS;
    const derived = deriveStatus(facts, context);
    workers[worker.id] = {
      status: derived.status,
      branch: worker.branch,
      role: worker.role,
      priority: worker.priority,
      head: facts.head,
      ahead: facts.ahead,
      behind: facts.behind,
      filesChanged: facts.filesChanged,
      lastCommit: facts.lastCommit,
      pr: derived.pr && {
        number: derived.pr.number,
        url: derived.pr.url,
        draft: derived.pr.isDraft,
        reviewDecision: derived.pr.reviewDecision,
        approvals: derived.approvals,
      },
      ci: derived.flags.ci,
      stale: derived.flags.stale,
      draft: derived.flags.draft,
      conflictsWith: input.conflicts === null ? null : [...(input.conflicts[worker.id] ?? [])].sort(),
    };
  }
  const statuses = Object.fromEntries(Object.entries(workers).map(([id, w]) => [id, w.status]));
  return {
    version: 1,
    project: config.project,
    generatedAt: input.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    base: input.base,
    omnibus: { branch: config.omnibus.branch, exists: input.omnibus.exists, sha: input.omnibus.sha },
    workers,
    checkpoints: evaluateCheckpoints(config.checkpoints, statuses),
    totals: countTotals(Object.values(statuses)),
  };
}

/** A checkpoint is reached when every named worker is at the required status or beyond. */
export function evaluateCheckpoints(
  checkpoints: Checkpoint[],
  statuses: Record<string, WorkerStatus>,
): Record<string, CheckpointReport> {
  const result: Record<string, CheckpointReport> = {};
  for (const checkpoint of checkpoints) {
    const missing = Object.entries(checkpoint.requires)
      .map(([worker, requires]) => ({ worker, requires, status: statuses[worker] ?? 'pending' }))
      .filter((m) => !atLeast(m.status, m.requires));
    result[checkpoint.id] = { title: checkpoint.title, reached: missing.length === 0, missing };
  }
  return result;
}

export function countTotals(statuses: WorkerStatus[]): Totals {
  const totals = Object.fromEntries(WORKER_STATUSES.map((s) => [s, 0])) as Totals;
  for (const status of statuses) totals[status] += 1;
  return totals;
}
