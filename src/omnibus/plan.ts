import { ConfigurationError } from '../errors.js';
import { PRIORITIES, type Priority, type Worker } from '../config/types.js';

/** One position in the merge order and why the worker stands there. */
export interface PlanStep {
  /** 1-based. */
  position: number;
  worker: Worker;
  reason: string;
}

export interface OmnibusPlan {
  steps: PlanStep[];
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);

/**
 * The merge order: a worker is placed once every worker it depends on is placed; among the workers
 * ready at that moment the highest priority goes first (critical → low), ties in config order.
 * Pure; `workers` is in config order. Dependencies on unknown ids are ignored (the config loader
 * rejects them); a cycle is a ConfigurationError naming its members.
 */
export function planMergeOrder(workers: readonly Worker[]): OmnibusPlan {
  const known = new Set(workers.map((w) => w.id));
  const configIndex = new Map(workers.map((w, i) => [w.id, i]));
  const placed = new Map<string, number>();
  const steps: PlanStep[] = [];

  const isReady = (w: Worker): boolean => w.dependsOn.every((d) => !known.has(d) || placed.has(d));
  const better = (a: Worker, b: Worker): number =>
    rank(a.priority) - rank(b.priority) || configIndex.get(a.id)! - configIndex.get(b.id)!;

  while (steps.length < workers.length) {
    const ready = workers.filter((w) => !placed.has(w.id) && isReady(w)).sort(better);
    const next = ready[0];
    if (next === undefined) {
      const stuck = workers.filter((w) => !placed.has(w.id)).map((w) => w.id);
      throw new ConfigurationError(`depends-on has a cycle among workers: ${stuck.join(', ')}`);
    }
    placed.set(next.id, steps.length + 1);
    steps.push({ position: steps.length + 1, worker: next, reason: explain(next, ready.slice(1), placed) });
  }
  return { steps };
}

function explain(worker: Worker, others: Worker[], placed: Map<string, number>): string {
  const deps = worker.dependsOn.filter((d) => placed.has(d));
  const parts: string[] = [
    deps.length === 0
      ? 'no dependencies'
      : `after ${deps.map((d) => `${d} (#${placed.get(d)})`).join(', ')}, which it depends on`,
  ];
  if (others.length === 0) {
    parts.push(`${worker.priority} priority, the only worker ready`);
  } else {
    const tied = others.filter((o) => o.priority === worker.priority).map((o) => o.id);
    const lower = others.filter((o) => o.priority !== worker.priority).map((o) => o.id);
    if (tied.length > 0) {
      parts.push(`${worker.priority} priority, ahead of ${tied.join(', ')} by config order`);
    } else {
      parts.push(`${worker.priority} priority, the highest among the ready (${lower.join(', ')})`);
    }
  }
  return parts.join('; ');
}
