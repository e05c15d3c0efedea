/**
 * Conflict forecast: which unfinished workers conflict with each other when merged. Only pairs whose
 * changed paths overlap are merged (with `git merge-tree`), so the cost grows with real overlaps,
 * not with the square of the workers.
 */
import type { Git } from '../git/git.js';

export interface ForecastWorker {
  id: string;
  head: string;
  /** Paths changed since the merge base with base. */
  changedPaths: string[];
}

export interface ForecastResult {
  /** Worker id -> the workers it conflicts with (sorted); every given worker has an entry. */
  conflictsWith: Record<string, string[]>;
  /** Pairs whose changed paths overlap (the only ones merged). */
  candidatePairs: [string, string][];
  /** How many `git merge-tree` runs the forecast made. */
  merges: number;
  /** Per conflicting pair, the paths in conflict. */
  conflicts: { a: string; b: string; paths: string[] }[];
}

/** Pairs of workers that changed at least one common path, each pair once, in input order. */
export function overlappingPairs(workers: ForecastWorker[]): [string, string][] {
  const byPath = new Map<string, number[]>();
  workers.forEach((w, index) => {
    for (const p of new Set(w.changedPaths)) {
      const list = byPath.get(p);
      if (list) list.push(index);
      else byPath.set(p, [index]);
    }
  });
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const indices of byPath.values()) {
    for (let i = 0; i < indices.length; i++) {
      for (let j = i + 1; j < indices.length; j++) {
        const a = indices[i] as number;
        const b = indices[j] as number;
        const key = `${a}:${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([a, b]);
      }
    }
  }
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return pairs.map(([a, b]) => [(workers[a] as ForecastWorker).id, (workers[b] as ForecastWorker).id]);
}

export async function forecastConflicts(git: Git, workers: ForecastWorker[]): Promise<ForecastResult> {
  const conflictsWith: Record<string, string[]> = Object.fromEntries(workers.map((w) => [w.id, []]));
  const byId = new Map(workers.map((w) => [w.id, w]));
  const candidatePairs = overlappingPairs(workers);
  const conflicts: ForecastResult['conflicts'] = [];
  let merges = 0;
  for (const [a, b] of candidatePairs) {
    const headA = (byId.get(a) as ForecastWorker).head;
    const headB = (byId.get(b) as ForecastWorker).head;
    if (headA === headB) continue;
    merges += 1;
    // Unrelated histories make merge-tree refuse; such a pair cannot be forecast and is left out.
    const merge = await git.mergeTree(headA, headB).catch(() => null);
    if (merge === null || merge.clean) continue;
    conflicts.push({ a, b, paths: merge.conflictedPaths });
    conflictsWith[a]?.push(b);
    conflictsWith[b]?.push(a);
  }
  for (const list of Object.values(conflictsWith)) list.sort();
  return { conflictsWith, candidatePairs, merges, conflicts };
}
