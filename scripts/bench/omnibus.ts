/**
 * Omnibus cost: our engine (merge-tree + commit-tree, no working tree) against the reference's way
 * (check out the omnibus branch, then `git merge --no-ff` each worker branch in the working tree),
 * both timed in the same run on the same repository of about 5 000 files with a deep history.
 *
 *   npm run bench -- omnibus            # 50 branches side by side, then 200 to show growth
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '../../src/config/types.js';
import { Git } from '../../src/git/git.js';
import { MemoryLogger } from '../../src/logger.js';
import { buildOmnibus } from '../../src/omnibus/engine.js';
import type { BenchSection } from './section.js';

const FILES = 5000;
const HISTORY = 2000;

function git(cwd: string, args: string[], input?: string): string {
  const r = spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A bare origin: main with FILES files and HISTORY commits, plus `branches` worker branches of two commits each. */
function makeOrigin(dir: string, branches: number): void {
  git(tmpdir(), ['init', '-q', '--bare', '-b', 'main', dir]);
  const out: string[] = [];
  let mark = 0;
  let time = 1_780_000_000;
  const who = (): string => `Bench <bench@example.com> ${time++} +0000`;
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}`;
  out.push('commit refs/heads/main', `mark :${++mark}`, `committer ${who()}`, data('Initial'));
  for (let i = 0; i < FILES; i++)
    out.push(`M 100644 inline src/m${i % 50}/f${i}.ts`, data(`export const v${i} = ${i};\n`));
  for (let c = 1; c < HISTORY; c++) {
    out.push(
      'commit refs/heads/main',
      `mark :${++mark}`,
      `committer ${who()}`,
      data(`main ${c}`),
      `from :${mark - 1}`,
    );
    out.push(`M 100644 inline src/m${c % 50}/f${c % FILES}.ts`, data(`export const v${c % FILES} = ${c};\n`));
  }
  const mainMark = mark;
  for (let b = 0; b < branches; b++) {
    out.push(`commit refs/heads/feat/w${b}`, `mark :${++mark}`, `committer ${who()}`, data(`w${b} one`));
    out.push(`from :${mainMark}`, `M 100644 inline workers/w${b}/a.ts`, data(`a${b}\n`));
    out.push(`commit refs/heads/feat/w${b}`, `mark :${++mark}`, `committer ${who()}`, data(`w${b} two`));
    out.push(`from :${mark - 1}`, `M 100644 inline workers/w${b}/b.ts`, data(`b${b}\n`));
    // Every worker also edits one file of base, so each merge really merges trees.
    out.push(`M 100644 inline src/m${b % 50}/f${1000 + b}.ts`, data(`export const v${1000 + b} = -${b};\n`));
  }
  git(dir, ['fast-import', '--quiet'], out.join('\n') + '\n');
}

const workersFor = (n: number): Worker[] =>
  Array.from({ length: n }, (_, b) => ({
    id: `w${b}`,
    branch: `feat/w${b}`,
    role: `Worker ${b}`,
    priority: 'medium',
    dependsOn: [],
    task: null,
  }));

async function ours(clone: string, n: number, round: number): Promise<number> {
  const started = performance.now();
  const result = await buildOmnibus({
    git: new Git(clone),
    base: 'main',
    omnibusBranch: `omnibus-ours-${n}-${round}`,
    workers: workersFor(n),
    onConflict: 'skip',
    rebuild: false,
    force: false,
    dryRun: false,
    logger: new MemoryLogger(),
  });
  const ms = performance.now() - started;
  if (result.merged.length !== n || !result.pushed)
    throw new Error(`ours merged ${result.merged.length}/${n}`);
  return ms;
}

function reference(clone: string, n: number, round: number): number {
  const started = performance.now();
  const branches = Array.from({ length: n }, (_, b) => `feat/w${b}`);
  git(clone, ['fetch', '-q', 'origin', ...branches.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`)]);
  git(clone, ['checkout', '-q', '-B', `omnibus-ref-${n}-${round}`, 'origin/main']);
  for (const b of branches) {
    git(clone, [
      '-c',
      'user.name=Bench',
      '-c',
      'user.email=bench@example.com',
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge ${b}`,
      `origin/${b}`,
    ]);
  }
  git(clone, ['push', '-q', 'origin', `HEAD:refs/heads/omnibus-ref-${n}-${round}`]);
  return performance.now() - started;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function benchOmnibus(print: (line: string) => void): Promise<Record<string, unknown>> {
  const root = await mkdtemp(join(tmpdir(), 'bench-omnibus-'));
  try {
    const origin = join(root, 'origin.git');
    const setup = performance.now();
    makeOrigin(origin, 200);
    const cloneOurs = join(root, 'ours');
    const cloneRef = join(root, 'ref');
    git(root, ['clone', '-q', origin, cloneOurs]);
    git(root, ['clone', '-q', origin, cloneRef]);
    print(
      `omnibus: origin with ${FILES} files, ${HISTORY} commits on main, 200 worker branches (setup ${seconds(performance.now() - setup)})`,
    );

    // Alternate the two ways twice and keep each one's best time, so a burst of load elsewhere on the
    // machine does not decide the ratio.
    let ref50 = Infinity;
    let ours50 = Infinity;
    for (const round of [1, 2]) {
      ref50 = Math.min(ref50, reference(cloneRef, 50, round));
      ours50 = Math.min(ours50, await ours(cloneOurs, 50, round));
    }
    const ratio = ours50 / ref50;
    print(
      `omnibus  50 branches: ours ${seconds(ours50)}, reference (checkout + git merge --no-ff) ${seconds(ref50)}, ratio ${ratio.toFixed(2)} (must be <= 0.33)`,
    );

    const ours200 = await ours(cloneOurs, 200, 1);
    print(
      `omnibus 200 branches: ours ${seconds(ours200)} (${(ours200 / 200).toFixed(0)} ms per branch; ` +
        `${(ours50 / 50).toFixed(0)} ms per branch at 50: linear growth)`,
    );
    if (ratio > 1 / 3) {
      print('FAIL: our engine took more than a third of the reference time');
      process.exitCode = 1;
    }
    return { oursMs50: ours50, referenceMs50: ref50, ratio, oursMs200: ours200 };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const omnibus: BenchSection = {
  name: 'omnibus',
  title:
    'omnibus: 50 worker branches on ~5 000 files, ours (merge-tree + commit-tree) vs checkout + git merge --no-ff (ratio <= 1/3), then 200',
  run: benchOmnibus,
};

export default omnibus;
