import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';

/**
 * Every workflow of this repository and every template under examples/workflows: valid YAML,
 * least permissions on every job, no expression text inside run: scripts, and every use of our
 * actions names an existing action with only the inputs its action.yml declares.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACTIONS = ['status-report', 'auto-review', 'omnibus'] as const;
/** The placeholder the templates use; README "Quick start" says what to replace it with. */
const TEMPLATE_REPO = 'your-org/orchestrator';

type Dict = Record<string, unknown>;
interface Step extends Dict {
  uses?: string;
  run?: string;
  with?: Dict;
  env?: Dict;
}
interface Job extends Dict {
  permissions?: Dict | string;
  steps?: Step[];
}
interface Workflow extends Dict {
  name: string;
  on: Dict;
  permissions?: Dict | string;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

function yamlFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);
}

const repoWorkflows = yamlFiles('.github/workflows');
const templates = yamlFiles('examples/workflows');
const allFiles = [...repoWorkflows, ...templates];

function load(file: string): Workflow {
  return parse(readFileSync(join(ROOT, file), 'utf8')) as Workflow;
}

function steps(wf: Workflow): { job: string; step: Step; index: number }[] {
  return Object.entries(wf.jobs).flatMap(([job, j]) =>
    (j.steps ?? []).map((step, index) => ({ job, step, index })),
  );
}

function actionYml(name: string): Dict | null {
  const file = join(ROOT, 'actions', name, 'action.yml');
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Dict) : null;
}

/** The name of our action a step uses, or null for any other action. */
function ourAction(uses: string, template: boolean): string | null {
  const local = /^\.\/actions\/([^/@]+)\/?$/.exec(uses);
  const remote = /^([^/]+\/[^/]+)\/actions\/([^/@]+)@(.+)$/.exec(uses);
  if (template) {
    if (local) throw new Error(`a template must not use a local action: ${uses}`);
    return remote && remote[1] === TEMPLATE_REPO ? (remote[2] ?? null) : null;
  }
  if (remote && remote[1] === TEMPLATE_REPO)
    throw new Error(`this repository uses ./actions/<name>, not ${uses}`);
  return local ? (local[1] ?? null) : null;
}

/** Contexts that carry text an outsider controls, or a person's dispatch input. */
const UNTRUSTED = [
  /github\.event\./,
  /\binputs\./,
  /github\.head_ref/,
  /github\.event_path/,
  /\bsteps\.[^.]+\.outputs\./,
  /\bneeds\.[^.]+\.outputs\./,
  /\benv\./,
];

describe('the workflow files', () => {
  it('are all present: five for this repository and three templates', () => {
    expect(repoWorkflows).toEqual(
      ['auto-review', 'check-dist', 'ci', 'omnibus', 'status'].map((n) => `.github/workflows/${n}.yml`),
    );
    expect(templates).toEqual(
      ['auto-review', 'omnibus', 'status'].map((n) => `examples/workflows/orchestrator-${n}.yml`),
    );
  });

  describe.each(allFiles)('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const template = file.startsWith('examples/');

    it('is valid YAML with a name, triggers and jobs', () => {
      const doc = parseDocument(text, { prettyErrors: true });
      expect(doc.errors.map(String)).toEqual([]);
      expect(doc.warnings.map(String)).toEqual([]);
      const wf = load(file);
      expect(typeof wf.name).toBe('string');
      expect(wf.on).toBeInstanceOf(Object);
      expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    });

    it('grants no permission at the top and the least to every job', () => {
      const wf = load(file);
      expect(wf.permissions).toEqual({});
      for (const [id, job] of Object.entries(wf.jobs)) {
        expect({ job: id, permissions: typeof job.permissions }).toEqual({ job: id, permissions: 'object' });
        for (const [scope, level] of Object.entries(job.permissions as Dict)) {
          expect({ job: id, scope, level: ['read', 'write', 'none'].includes(String(level)) }).toEqual({
            job: id,
            scope,
            level: true,
          });
        }
      }
    });

    it('puts no ${{ }} expression inside a run: script (values go through env:)', () => {
      for (const { job, step, index } of steps(load(file))) {
        if (typeof step.run !== 'string') continue;
        const expressions = step.run.match(/\$\{\{[^}]*\}\}/g) ?? [];
        const untrusted = expressions.filter((e) => UNTRUSTED.some((re) => re.test(e)));
        expect({ job, step: step.name ?? index, untrusted }).toEqual({
          job,
          step: step.name ?? index,
          untrusted: [],
        });
        // Stricter than needed, and simple to keep: no expression at all.
        expect({ job, step: step.name ?? index, expressions }).toEqual({
          job,
          step: step.name ?? index,
          expressions: [],
        });
      }
    });

    it('uses our actions by their existing names, passing only declared inputs', () => {
      const used = steps(load(file)).filter(({ step }) => typeof step.uses === 'string');
      for (const { job, step } of used) {
        const name = ourAction(step.uses!, template);
        if (name === null) continue;
        expect(ACTIONS).toContain(name);
        const action = actionYml(name);
        expect({ uses: step.uses, hasActionYml: action !== null }).toEqual({
          uses: step.uses,
          hasActionYml: true,
        });
        const declared = Object.keys((action?.inputs as Dict | undefined) ?? {});
        const passed = Object.keys(step.with ?? {});
        expect({ job, uses: step.uses, undeclared: passed.filter((i) => !declared.includes(i)) }).toEqual({
          job,
          uses: step.uses,
          undeclared: [],
        });
        const required = Object.entries((action?.inputs as Record<string, Dict> | undefined) ?? {})
          .filter(([, spec]) => spec.required === true && spec.default === undefined)
          .map(([input]) => input);
        expect({ job, uses: step.uses, missing: required.filter((i) => !passed.includes(i)) }).toEqual({
          job,
          uses: step.uses,
          missing: [],
        });
      }
    });

    it('pins every other action to a major version', () => {
      for (const { step } of steps(load(file))) {
        if (typeof step.uses !== 'string' || step.uses.startsWith('./')) continue;
        expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/);
      }
    });
  });
});

/** The workflow that runs a given action of ours, in this repository and as a template. */
const roles = [
  {
    action: 'status-report',
    workflow: '.github/workflows/status.yml',
    template: 'examples/workflows/orchestrator-status.yml',
  },
  {
    action: 'auto-review',
    workflow: '.github/workflows/auto-review.yml',
    template: 'examples/workflows/orchestrator-auto-review.yml',
  },
  {
    action: 'omnibus',
    workflow: '.github/workflows/omnibus.yml',
    template: 'examples/workflows/orchestrator-omnibus.yml',
  },
] as const;

describe.each(
  roles.flatMap((r) => [
    { ...r, file: r.workflow },
    { ...r, file: r.template },
  ]),
)('$file runs $action', ({ action, file }) => {
  const wf = load(file);
  const all = steps(wf);
  const template = file.startsWith('examples/');

  it('has a step that uses the action, after a checkout', () => {
    const at = all.findIndex(({ step }) => step.uses && ourAction(step.uses, template) === action);
    expect(at).toBeGreaterThanOrEqual(0);
    const checkout = all.findIndex(({ step }) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout).toBeGreaterThanOrEqual(0);
    expect(checkout).toBeLessThan(at);
  });

  it('passes the token explicitly, with a PAT and a GitHub App token shown as alternatives', () => {
    const step = all.find(({ step }) => step.uses && ourAction(step.uses, template) === action)!.step;
    expect(step.with?.token).toBe('${{ github.token }}');
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(text).toContain('actions/create-github-app-token@v3');
    expect(text).toContain('# token: ${{ steps.app-token.outputs.token }}');
    expect(text).toMatch(/# token: \$\{\{ secrets\.\w+ \}\}/);
  });
});

describe('triggers, permissions, concurrency and history', () => {
  const perms = (file: string) => Object.values(load(file).jobs).map((j) => j.permissions);
  const checkout = (file: string) =>
    steps(load(file)).find(({ step }) => step.uses?.startsWith('actions/checkout@'))!.step;

  describe.each(['.github/workflows/status.yml', 'examples/workflows/orchestrator-status.yml'])(
    '%s',
    (file) => {
      const wf = load(file);
      it('runs nightly and on dispatch, one run at a time, with full history', () => {
        expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
        expect(wf.concurrency).toMatchObject({ group: expect.any(String), 'cancel-in-progress': false });
        expect(checkout(file).with?.['fetch-depth']).toBe(0);
      });
      it('may read code, PRs, checks and statuses, and write issues', () => {
        expect(perms(file)).toEqual([
          { contents: 'read', 'pull-requests': 'read', checks: 'read', statuses: 'read', issues: 'write' },
        ]);
      });
    },
  );

  describe.each(['.github/workflows/auto-review.yml', 'examples/workflows/orchestrator-auto-review.yml'])(
    '%s',
    (file) => {
      const wf = load(file);
      it('runs on PR events, CI completion, dispatch with a PR number, and nightly', () => {
        expect(Object.keys(wf.on).sort()).toEqual([
          'pull_request',
          'schedule',
          'workflow_dispatch',
          'workflow_run',
        ]);
        expect((wf.on.pull_request as Dict).types).toEqual([
          'opened',
          'synchronize',
          'reopened',
          'ready_for_review',
        ]);
        expect((wf.on.workflow_run as Dict).types).toEqual(['completed']);
        const inputs = (wf.on.workflow_dispatch as Dict).inputs as Record<string, Dict>;
        expect(inputs['pull-request']).toMatchObject({ type: 'string' });
      });
      it('listens to the CI workflows by their names', () => {
        const names = (wf.on.workflow_run as Dict).workflows;
        if (file.startsWith('examples/')) {
          expect(names).toEqual(['CI']); // the placeholder README "Quick start" says to replace
        } else {
          // Every other workflow of this repository that runs on pull requests makes checks.
          const checkers = repoWorkflows
            .filter((f) => f !== file)
            .map(load)
            .filter((w) => 'pull_request' in w.on)
            .map((w) => w.name);
          expect(names).toEqual(checkers.sort());
        }
      });
      it('may write reviews and read checks, statuses and code', () => {
        expect(perms(file)).toEqual([
          { 'pull-requests': 'write', checks: 'read', statuses: 'read', contents: 'read' },
        ]);
      });
      it('takes its code and config from the default branch, not from the PR', () => {
        expect(checkout(file).with?.ref).toBe('${{ github.event.repository.default_branch }}');
      });
    },
  );

  describe.each(['.github/workflows/omnibus.yml', 'examples/workflows/orchestrator-omnibus.yml'])(
    '%s',
    (file) => {
      const wf = load(file);
      it('runs on dispatch only, with a mode choice and a dry-run boolean', () => {
        expect(Object.keys(wf.on)).toEqual(['workflow_dispatch']);
        const inputs = (wf.on.workflow_dispatch as Dict).inputs as Record<string, Dict>;
        expect(inputs.mode).toMatchObject({
          type: 'choice',
          options: ['build', 'pr', 'merge'],
          default: 'build',
        });
        expect(inputs['dry-run']).toMatchObject({ type: 'boolean', default: false });
      });
      it('never runs twice at once and checks out full history', () => {
        expect(wf.concurrency).toMatchObject({ group: expect.any(String), 'cancel-in-progress': false });
        expect(checkout(file).with?.['fetch-depth']).toBe(0);
      });
      it('may push and open PRs, and read checks and statuses', () => {
        expect(perms(file)).toEqual([
          { contents: 'write', 'pull-requests': 'write', checks: 'read', statuses: 'read' },
        ]);
      });
    },
  );

  it.each(['.github/workflows/ci.yml', '.github/workflows/check-dist.yml'])(
    '%s reads the code only, on the Node version of .node-version',
    (file) => {
      expect(perms(file)).toEqual([{ contents: 'read' }]);
      const setup = steps(load(file)).find(({ step }) => step.uses?.startsWith('actions/setup-node@'));
      expect(setup?.step.with?.['node-version-file']).toBe('.node-version');
    },
  );

  it('CI typechecks, lints (workflows too) and tests', () => {
    const runs = steps(load('.github/workflows/ci.yml')).map(({ step }) => step.run);
    for (const cmd of ['npm ci', 'npm run typecheck', 'npm run lint', 'npm run lint:workflows', 'npm test']) {
      expect(runs).toContain(cmd);
    }
  });

  it('check-dist rebuilds the bundles and fails on a difference in dist/', () => {
    const runs = steps(load('.github/workflows/check-dist.yml')).map(({ step }) => step.run ?? '');
    expect(runs).toContain('npm run bundle');
    expect(runs.join('\n')).toMatch(/git status --porcelain -- dist\//);
    expect(runs.join('\n')).toMatch(/exit 1/);
  });
});

describe('the actions', () => {
  it.each(ACTIONS)('%s has an action.yml', (name) => {
    expect(existsSync(join(ROOT, 'actions', name, 'action.yml'))).toBe(true);
  });

  it.each(ACTIONS)('%s runs on node24 from its committed bundle', (name) => {
    const action = actionYml(name);
    expect(action).not.toBeNull();
    const runs = action!.runs as Dict;
    expect(runs.using).toBe('node24');
    expect(runs.main).toBe(`../../dist/${name}/index.js`);
    expect(existsSync(resolve(ROOT, 'actions', name, String(runs.main)))).toBe(true);
  });

  it.each(ACTIONS)('%s declares token, config and dry-run with the shared defaults', (name) => {
    const inputs = (actionYml(name)?.inputs ?? {}) as Record<string, Dict>;
    expect(inputs.token?.default).toBe('${{ github.token }}');
    expect(inputs.config?.default).toBe('.github/orchestrator.yml');
    expect(String(inputs['dry-run']?.default)).toBe('false');
  });
});
