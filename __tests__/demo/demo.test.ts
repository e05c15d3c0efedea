import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run demo` as a user runs it: a child process, no token, no network, exit 0. How long it
 * takes (the target is under 30 s) is measured by `npm run bench -- demo`, not asserted here.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** What `npm run demo` runs: one Node process with the tsx loader (Ctrl-C reaches the demo directly). */
const DEMO = ['--import', 'tsx', 'scripts/demo.ts'];
const ENV = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', GITHUB_TOKEN: '', GH_TOKEN: '' };

describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'demo-output-'));
  let run: { status: number | null; stdout: string; stderr: string };
  let stdout = '';
  beforeAll(() => {
    const r = spawnSync(process.execPath, [...DEMO, '--out', out], {
      cwd: ROOT,
      env: ENV,
      encoding: 'utf8',
      timeout: 120_000,
    });
    run = { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    stdout = run.stdout;
  }, 150_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('exits 0 with nothing on stderr', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('prints the status table of the six workers with every status the scenario has', () => {
    expect(stdout).toMatch(/━━ 1\. status-report/);
    expect(stdout).toMatch(/^\s+worker\s+priority\s+status\s+ci\s+/m);
    for (const worker of ['engineer1', 'engineer2', 'engineer3', 'engineer4', 'qa', 'docs']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${worker}\\s+(critical|high|medium|low)\\s+`, 'm'));
    }
    expect(stdout).toContain('pending');
    expect(stdout).toContain('stale');
    expect(stdout).toContain('failure');
  });

  it('prints each auto-review decision with its reason', () => {
    expect(stdout).toMatch(/━━ 2\. auto-review/);
    // The scenario: #2 green and approved by a person, #3 with `test` still running, #4 a draft.
    expect(stdout).toMatch(/^\s+#2 feat\/gateway-api .*\n\s+approved: .+/m);
    expect(stdout).toMatch(/^\s+#3 feat\/gateway-policies .*\n\s+waiting: .+/m);
    expect(stdout).toMatch(/^\s+#4 feat\/gateway-audit .*\n\s+skipped: .+/m);
  });

  it('prints the merge order, the clean merges, the conflict with both sides, and the omnibus PR', () => {
    expect(stdout).toMatch(/━━ 3\. omnibus/);
    expect(stdout).toMatch(/^\s+1\. engineer2\s+feat\/gateway-api\s+merged clean/m);
    expect(stdout).toMatch(/^\s+2\. engineer3\s+feat\/gateway-policies\s+merged clean/m);
    expect(stdout).toMatch(/✗\s+engineer4\s+feat\/gateway-audit\s+skipped: /);
    expect(stdout).toContain('files in conflict: src/gateway/config.ts');
    expect(stdout).toMatch(/this side : engineer4 \(feat\/gateway-audit\) [0-9a-f]{7} \S/);
    expect(stdout).toMatch(/other side: engineer3 \(feat\/gateway-policies\) [0-9a-f]{7} \S/);
    expect(stdout).toMatch(/omnibus pull request #\d+ ".+" \(feat\/gateway-integration-omnibus → main\)/);
  });

  it('prints the final statuses and what changed', () => {
    expect(stdout).toMatch(/━━ 4\. status-report again/);
    expect(stdout).toMatch(/changed: .*→ merged/);
  });

  it('writes every job summary as Markdown and the status JSON into the folder it names', () => {
    expect(stdout).toContain(`Job summaries and status JSON`);
    for (const file of [
      '1-status-report.md',
      '1-status-report.json',
      '3-omnibus.md',
      '4-status-report.md',
      '4-status-report.json',
    ]) {
      expect(existsSync(join(out, file))).toBe(true);
    }
    const status = JSON.parse(readFileSync(join(out, '4-status-report.json'), 'utf8')) as {
      project: string;
      workers: object;
    };
    expect(status.project).toBe('SARK v1.1 Gateway Integration');
    expect(Object.keys(status.workers)).toHaveLength(6);
    expect(readFileSync(join(out, '3-omnibus.md'), 'utf8')).toMatch(/\S/);
  });
});

describe('npm run demo -- --keep', () => {
  it('leaves the emulator running, says how to reach it, and stops on Ctrl-C', async () => {
    const out = mkdtempSync(join(tmpdir(), 'demo-keep-'));
    const child = spawn(process.execPath, [...DEMO, '--keep', '--out', out], { cwd: ROOT, env: ENV });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!stdout.includes('Ctrl-C stops it.') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 200));
      }
      const api = /export GITHUB_API_URL=(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (api === undefined) throw new Error(`the demo printed no GITHUB_API_URL:\n${stdout.slice(-1500)}`);
      expect(stdout).toMatch(/GH_HOST=127\.0\.0\.1:\d+ GH_ENTERPRISE_TOKEN=demo gh api/);
      const pulls = (await (await fetch(`${api}/repos/acme/sark/pulls?state=all`)).json()) as {
        number: number;
      }[];
      expect(pulls.length).toBeGreaterThan(0);
      child.kill('SIGINT');
      const code = await exited;
      expect({ code, stopped: stdout.includes('Emulator stopped.') }).toEqual({ code: 0, stopped: true });
      await expect(fetch(`${api}/repos/acme/sark`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);
});
