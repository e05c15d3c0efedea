import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundles, median, ms, NODE24, ROOT, type BenchSection } from './section.js';

const RUNS = 15;

/** Wall time of one `node <args>` run, in milliseconds. */
function time(args: string[]): { ms: number; status: number | null; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(NODE24, args, {
    cwd: ROOT,
    // No inputs: the action fails fast on the missing token, right after loading its bundle.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    encoding: 'utf8',
  });
  return {
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    status: result.status,
    stdout: result.stdout,
  };
}

/**
 * Cold start of each bundle on Node 24: median of RUNS runs of `node dist/<name>/index.js` without
 * inputs (load the bundle, read inputs, fail on the missing token), as a ratio to `node -e 0`
 * timed in the same run, runs interleaved so both see the same machine load.
 */
const coldStart: BenchSection = {
  name: 'cold-start',
  title: `Cold start on Node 24 (median of ${RUNS} runs, ratio to \`node -e 0\`)`,
  async run(print) {
    const names = bundles();
    if (names.length === 0) {
      print('no bundles (run `npm run bundle`)');
      return { bundles: {} };
    }
    const baseline: number[] = [];
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    time(['-e', '0']); // warm the file cache
    for (const name of names) time([join('dist', name, 'index.js')]);
    for (let run = 0; run < RUNS; run++) {
      baseline.push(time(['-e', '0']).ms);
      for (const name of names) {
        const result = time([join('dist', name, 'index.js')]);
        if (result.status === 0 || !result.stdout.includes('token')) {
          throw new Error(`dist/${name}/index.js did not stop at the missing token (exit ${result.status})`);
        }
        samples.get(name)?.push(result.ms);
      }
    }
    const base = median(baseline);
    print(`node -e 0                     ${ms(base).padStart(9)}`);
    const results: Record<string, { medianMs: number; ratio: number }> = {};
    for (const name of names) {
      const value = median(samples.get(name) ?? []);
      results[name] = { medianMs: value, ratio: value / base };
      print(`dist/${name}/index.js`.padEnd(30) + `${ms(value).padStart(9)}   ${(value / base).toFixed(2)}x`);
    }
    return { baselineMs: base, bundles: results };
  },
};

export default coldStart;
