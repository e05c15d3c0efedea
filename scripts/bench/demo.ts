import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE24, ROOT, type BenchSection } from './section.js';

const TARGET_SECONDS = 30;

/** `npm run demo` end to end, as a user runs it on a fresh clone: its wall time against the 30 s target. */
const demo: BenchSection = {
  name: 'demo',
  title: `npm run demo: wall time (target: under ${TARGET_SECONDS} s)`,
  async run(print) {
    const out = mkdtempSync(join(tmpdir(), 'bench-demo-'));
    try {
      const started = process.hrtime.bigint();
      const result = spawnSync(NODE24, ['--import', 'tsx', 'scripts/demo.ts', '--out', out], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 180_000,
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const requests = /(\d+) API requests served/.exec(result.stdout ?? '')?.[1] ?? '?';
      print(
        `demo: exit ${result.status}, ${seconds.toFixed(1)} s (${seconds < TARGET_SECONDS ? 'within' : 'OVER'} the ${TARGET_SECONDS} s target), ${requests} API requests`,
      );
      return { exitCode: result.status, seconds, requests: Number(requests) || null };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};

export default demo;
