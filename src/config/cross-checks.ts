import { didYouMean } from './describe.js';
import { formatPath, type Finding } from './yaml-source.js';

type Entry = Record<string, unknown>;

/**
 * The rules a schema cannot state. They read the raw data defensively, so they also run on a file
 * that breaks the schema: a value of the wrong type is skipped here (the schema already reports it).
 */
export function crossFindings(data: unknown): Finding[] {
  if (!isEntry(data)) return [];
  const workers = Array.isArray(data.workers) ? data.workers : [];
  const checkpoints = Array.isArray(data.checkpoints) ? data.checkpoints : [];
  const ids = firstIndexOf(workers, 'id');
  return [
    ...uniqueness(workers, 'workers', 'id', 'an id'),
    ...uniqueness(workers, 'workers', 'branch', 'a branch'),
    ...branchesApartFromBase(data, workers),
    ...dependencyReferences(workers, ids),
    ...dependencyCycles(workers, ids),
    ...uniqueness(checkpoints, 'checkpoints', 'id', 'an id'),
    ...checkpointReferences(checkpoints, ids),
  ];
}

function isEntry(value: unknown): value is Entry {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringAt(entry: unknown, key: string): string | undefined {
  if (!isEntry(entry)) return undefined;
  const value = entry[key];
  return typeof value === 'string' ? value : undefined;
}

/** Value of `key` -> index of the first entry that has it. */
function firstIndexOf(entries: readonly unknown[], key: string): Map<string, number> {
  const first = new Map<string, number>();
  entries.forEach((entry, index) => {
    const value = stringAt(entry, key);
    if (value !== undefined && !first.has(value)) first.set(value, index);
  });
  return first;
}

function uniqueness(entries: readonly unknown[], list: string, key: string, noun: string): Finding[] {
  const findings: Finding[] = [];
  const first = firstIndexOf(entries, key);
  entries.forEach((entry, index) => {
    const value = stringAt(entry, key);
    if (value === undefined) return;
    const earlier = first.get(value);
    if (earlier !== undefined && earlier !== index) {
      findings.push({
        path: [list, index, key],
        at: 'value',
        message: `found ${JSON.stringify(value)} again; allowed: ${noun} used once (${formatPath([list, earlier])} already uses it)`,
      });
    }
  });
  return findings;
}

function branchesApartFromBase(data: Entry, workers: readonly unknown[]): Finding[] {
  const findings: Finding[] = [];
  const base = typeof data.base === 'string' ? data.base : undefined;
  if (base !== undefined) {
    workers.forEach((worker, index) => {
      if (stringAt(worker, 'branch') === base) {
        findings.push({
          path: ['workers', index, 'branch'],
          at: 'value',
          message: `found ${JSON.stringify(base)}, the base branch; allowed: a branch of the worker's own, not base`,
        });
      }
    });
  }
  const omnibus = stringAt(data.omnibus, 'branch');
  if (omnibus === undefined) return findings;
  if (omnibus === base) {
    findings.push({
      path: ['omnibus', 'branch'],
      at: 'value',
      message: `found ${JSON.stringify(omnibus)}, the base branch; allowed: a branch of its own, not base or a worker's branch`,
    });
  }
  const owner = firstIndexOf(workers, 'branch').get(omnibus);
  if (owner !== undefined) {
    const id = stringAt(workers[owner], 'id');
    const whose = id === undefined ? formatPath(['workers', owner]) : `worker ${id}`;
    findings.push({
      path: ['omnibus', 'branch'],
      at: 'value',
      message: `found ${JSON.stringify(omnibus)}, the branch of ${whose}; allowed: a branch of its own, not base or a worker's branch`,
    });
  }
  return findings;
}

function dependencyReferences(workers: readonly unknown[], ids: Map<string, number>): Finding[] {
  if (ids.size === 0) return []; // no usable workers: every name would look wrong
  const known = [...ids.keys()];
  const findings: Finding[] = [];
  workers.forEach((worker, index) => {
    const self = stringAt(worker, 'id');
    const dependsOn = isEntry(worker) ? worker['depends-on'] : undefined;
    if (!Array.isArray(dependsOn)) return;
    dependsOn.forEach((name: unknown, position) => {
      if (typeof name !== 'string') return;
      const path = ['workers', index, 'depends-on', position];
      if (name === self) {
        findings.push({
          path,
          at: 'value',
          message: `found ${JSON.stringify(name)}, the worker itself; allowed: ids of other workers`,
        });
      } else if (!ids.has(name)) {
        findings.push({
          path,
          at: 'value',
          message: `found ${JSON.stringify(name)}, which names no worker${didYouMean(name, known)}; allowed: ${known.join(', ')}`,
        });
      }
    });
  });
  return findings;
}

/** One finding per group of workers that depend on each other in a circle, naming a cycle in order. */
function dependencyCycles(workers: readonly unknown[], ids: Map<string, number>): Finding[] {
  const edges = new Map<string, string[]>();
  for (const [id, index] of ids) {
    const worker = workers[index];
    const dependsOn = isEntry(worker) && Array.isArray(worker['depends-on']) ? worker['depends-on'] : [];
    const targets = dependsOn.filter(
      (d: unknown): d is string => typeof d === 'string' && d !== id && ids.has(d),
    );
    edges.set(id, [...new Set(targets)]);
  }
  const findings: Finding[] = [];
  for (const group of stronglyConnected([...ids.keys()], edges)) {
    if (group.length < 2) continue;
    const members = new Set(group);
    const startId = group.reduce((a, b) => ((ids.get(a) ?? 0) <= (ids.get(b) ?? 0) ? a : b));
    const cycle = shortestCycle(startId, edges, members);
    const others = group.filter((id) => !cycle.includes(id));
    const tangled = others.length > 0 ? `; also caught in it: ${others.join(', ')}` : '';
    findings.push({
      path: ['workers', ids.get(startId) ?? 0, 'depends-on'],
      at: 'key',
      message: `found a dependency cycle: ${[...cycle, startId].join(' -> ')}${tangled}; allowed: dependencies without cycles`,
    });
  }
  return findings;
}

/** Tarjan's algorithm; groups come out in no particular order, callers order them. */
function stronglyConnected(nodes: readonly string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => nodes.indexOf(a[0] ?? '') - nodes.indexOf(b[0] ?? ''));
}

/** The shortest path start -> ... -> start inside `members`, without the closing start. */
function shortestCycle(start: string, edges: Map<string, string[]>, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of edges.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        for (let at = node; at !== start;) {
          at = previous.get(at) ?? start;
          path.unshift(at);
        }
        return path[0] === start ? path : [start, ...path];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

function checkpointReferences(checkpoints: readonly unknown[], ids: Map<string, number>): Finding[] {
  if (ids.size === 0) return [];
  const known = [...ids.keys()];
  const findings: Finding[] = [];
  checkpoints.forEach((checkpoint, index) => {
    const requires = isEntry(checkpoint) ? checkpoint.requires : undefined;
    if (!isEntry(requires)) return;
    for (const name of Object.keys(requires)) {
      if (ids.has(name)) continue;
      findings.push({
        path: ['checkpoints', index, 'requires', name],
        at: 'key',
        message: `found ${JSON.stringify(name)}, which names no worker${didYouMean(name, known)}; allowed: ${known.join(', ')}`,
      });
    }
  });
  return findings;
}
