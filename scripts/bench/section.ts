import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One part of `npm run bench`: each file in scripts/bench/ (but this one) default-exports one. */
export interface BenchSection {
  /** Short id, used to run only some sections: `npm run bench -- cold-start`. */
  name: string;
  title: string;
  /** Measures, printing human-readable lines; returns the numbers for `--json`. */
  run(print: (line: string) => void): Promise<Record<string, unknown>>;
}

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** Node 24, the runtime the actions declare (`runs.using: node24`), found as the runner harness finds it. */
export { NODE24 } from '../../emulator/runner.js';

/** The bundles in dist/: names of dist/<name>/index.js. */
export function bundles(): string[] {
  const dist = join(ROOT, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dist, entry.name, 'index.js')))
    .map((entry) => entry.name)
    .sort();
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
