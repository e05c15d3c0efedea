import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../../src/errors.js';
import { ConfigValidationError, parseConfig, type ConfigProblem } from '../../src/config/load.js';
import type { OrchestratorConfig } from '../../src/config/types.js';

const FILE = '.github/orchestrator.yml';

/** PRODUCT.md's example, verbatim. */
const SARK_YAML = readFileSync(new URL('./fixtures/sark.yml', import.meta.url), 'utf8');

const SARK: OrchestratorConfig = {
  version: 1,
  project: 'SARK v1.1 Gateway Integration',
  base: 'main',
  omnibus: { branch: 'feat/gateway-integration-omnibus', title: 'SARK v1.1 Gateway Integration' },
  staleAfterHours: 48,
  workers: [
    {
      id: 'engineer1',
      branch: 'feat/gateway-client',
      role: 'Gateway Client & Infrastructure',
      priority: 'critical',
      dependsOn: [],
      task: null,
    },
    {
      id: 'engineer2',
      branch: 'feat/gateway-api',
      role: 'Authorization API Endpoints',
      priority: 'high',
      dependsOn: ['engineer1'],
      task: 'docs/tasks/engineer2.md',
    },
    {
      id: 'qa',
      branch: 'feat/gateway-tests',
      role: 'Testing & Validation',
      priority: 'high',
      dependsOn: ['engineer1', 'engineer2'],
      task: null,
    },
  ],
  checkpoints: [
    { id: 'day1_models', title: 'Shared models ready', requires: { engineer1: 'pr_ready' } },
    {
      id: 'day4_integration',
      title: 'Core services testable',
      requires: { engineer1: 'merged', engineer2: 'active' },
    },
  ],
};

const lines = (...text: string[]): string => text.join('\n') + '\n';

/** The problems parseConfig reports for `text`; fails the test when the text is accepted. */
function problemsOf(text: string): readonly ConfigProblem[] {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  throw new Error('the config was accepted');
}

describe('parseConfig: valid files', () => {
  test('the SARK example of PRODUCT.md loads to the typed config', () => {
    expect(parseConfig(SARK_YAML, FILE)).toEqual(SARK);
  });

  test('optional keys take their defaults', () => {
    const config = parseConfig(
      lines(
        'version: 1',
        'project: Tiny',
        'omnibus: { branch: omnibus }',
        'workers:',
        '  - { id: a, branch: feat/a, role: A }',
      ),
      FILE,
    );
    expect(config).toEqual({
      version: 1,
      project: 'Tiny',
      base: null,
      omnibus: { branch: 'omnibus', title: 'Tiny' },
      staleAfterHours: 48,
      workers: [{ id: 'a', branch: 'feat/a', role: 'A', priority: 'medium', dependsOn: [], task: null }],
      checkpoints: [],
    });
  });

  test('base given as null means the default branch; fractional stale-after-hours is kept', () => {
    const config = parseConfig(
      lines(
        'version: 1',
        'project: P',
        'base: null',
        'stale-after-hours: 0.5',
        'omnibus: { branch: omnibus, title: Together }',
        'workers:',
        '  - { id: a.b_c-1, branch: users/a/fix-1.2, role: A, task: null }',
      ),
      FILE,
    );
    expect(config.base).toBeNull();
    expect(config.staleAfterHours).toBe(0.5);
    expect(config.omnibus.title).toBe('Together');
    expect(config.workers[0]?.id).toBe('a.b_c-1');
  });
});

// A valid file the bad files below are variations of:
//  1 version: 1
//  2 project: P
//  3 base: main
//  4 omnibus:
//  5   branch: feat/omnibus
//  6 workers:
//  7   - id: a
//  8     branch: feat/a
//  9     role: A
// 10   - id: b
// 11     branch: feat/b
// 12     role: B
const HEAD = ['version: 1', 'project: P', 'base: main', 'omnibus:', '  branch: feat/omnibus', 'workers:'];
const A = ['  - id: a', '    branch: feat/a', '    role: A'];
const B = ['  - id: b', '    branch: feat/b', '    role: B'];

test('the template of the bad files is itself valid', () => {
  expect(() => parseConfig(lines(...HEAD, ...A, ...B), FILE)).not.toThrow();
});

interface BadFile {
  name: string;
  text: string;
  path: string;
  line: number;
  column: number;
  message: string;
}

const BAD_FILES: BadFile[] = [
  {
    name: 'a version other than 1',
    text: lines('version: 2', ...HEAD.slice(1), ...A),
    path: 'version',
    line: 1,
    column: 10,
    message: 'found the number 2; allowed: 1',
  },
  {
    name: 'version written as text',
    text: lines('version: "1"', ...HEAD.slice(1), ...A),
    path: 'version',
    line: 1,
    column: 10,
    message: 'found "1"; allowed: 1',
  },
  {
    name: 'a missing required top-level key points at the top mapping',
    text: lines('version: 1', ...HEAD.slice(2), ...A),
    path: 'project',
    line: 1,
    column: 1,
    message: 'required key "project" is missing',
  },
  {
    name: 'a project of the wrong type',
    text: lines('version: 1', 'project: [a, b]', ...HEAD.slice(2), ...A),
    path: 'project',
    line: 2,
    column: 10,
    message: 'found a list; allowed: text',
  },
  {
    name: 'an unknown top-level key, with the allowed keys',
    text: lines(...HEAD.slice(0, 3), 'stale_after_hours: 12', ...HEAD.slice(3), ...A),
    path: 'stale_after_hours',
    line: 4,
    column: 1,
    message:
      'found unknown key "stale_after_hours" (did you mean "stale-after-hours"?); allowed: version, project, base, omnibus, stale-after-hours, workers, checkpoints',
  },
  {
    name: 'the omnibus mapping without its branch points at the mapping',
    text: lines(...HEAD.slice(0, 4), '  title: Everything', 'workers:', ...A),
    path: 'omnibus.branch',
    line: 5,
    column: 3,
    message: 'required key "branch" is missing',
  },
  {
    name: 'stale-after-hours of zero',
    text: lines(...HEAD.slice(0, 5), 'stale-after-hours: 0', 'workers:', ...A),
    path: 'stale-after-hours',
    line: 6,
    column: 20,
    message: 'found the number 0; allowed: a number greater than 0',
  },
  {
    name: 'stale-after-hours as text',
    text: lines(...HEAD.slice(0, 5), 'stale-after-hours: 48h', 'workers:', ...A),
    path: 'stale-after-hours',
    line: 6,
    column: 20,
    message: 'found "48h"; allowed: a number',
  },
  {
    name: 'an empty list of workers',
    text: lines(...HEAD.slice(0, 5), 'workers: []'),
    path: 'workers',
    line: 6,
    column: 10,
    message: 'found an empty list; allowed: a list of at least one entry',
  },
  {
    name: 'a worker without a role points at the worker',
    text: lines(...HEAD, ...A.slice(0, 2), ...B),
    path: 'workers[0].role',
    line: 7,
    column: 5,
    message: 'required key "role" is missing',
  },
  {
    name: 'an unknown priority, with the allowed ones',
    text: lines(...HEAD, ...A, '    priority: urgent'),
    path: 'workers[0].priority',
    line: 10,
    column: 15,
    message: 'found "urgent"; allowed: critical, high, medium, low',
  },
  {
    name: 'a worker id with a space',
    text: lines(...HEAD, '  - id: front end', ...A.slice(1)),
    path: 'workers[0].id',
    line: 7,
    column: 9,
    message: 'found "front end"; allowed: an id: a letter or digit, then up to 63 letters',
  },
  {
    name: 'a worker id of 65 characters',
    text: lines(...HEAD, `  - id: ${'x'.repeat(65)}`, ...A.slice(1)),
    path: 'workers[0].id',
    line: 7,
    column: 9,
    message: `found "${'x'.repeat(65)}"; allowed: an id`,
  },
  {
    name: 'a worker id starting with a dash',
    text: lines(...HEAD, '  - id: -a', ...A.slice(1)),
    path: 'workers[0].id',
    line: 7,
    column: 9,
    message: 'found "-a"; allowed: an id',
  },
  {
    name: 'a branch name with a space',
    text: lines(...HEAD, '  - id: a', '    branch: feat/my branch', '    role: A'),
    path: 'workers[0].branch',
    line: 8,
    column: 13,
    message: 'found "feat/my branch"; allowed: a git branch name: no spaces',
  },
  {
    name: 'a branch given as a number is reported once',
    text: lines(...HEAD, '  - id: a', '    branch: 123', '    role: A'),
    path: 'workers[0].branch',
    line: 8,
    column: 13,
    message: 'found the number 123; allowed: text',
  },
  {
    name: 'a branch name with ".."',
    text: lines(...HEAD, '  - id: a', '    branch: feat/a..b', '    role: A'),
    path: 'workers[0].branch',
    line: 8,
    column: 13,
    message: 'found "feat/a..b"; allowed: a git branch name',
  },
  {
    name: 'a base branch ending in .lock',
    text: lines('version: 1', 'project: P', 'base: main.lock', ...HEAD.slice(3), ...A),
    path: 'base',
    line: 3,
    column: 7,
    message: 'found "main.lock"; allowed: a git branch name',
  },
  {
    name: 'a misspelt key in a worker, with the allowed keys',
    text: lines(...HEAD, ...A, ...B, '    depends_on: [a]'),
    path: 'workers[1].depends_on',
    line: 13,
    column: 5,
    message:
      'found unknown key "depends_on" (did you mean "depends-on"?); allowed: id, branch, role, priority, depends-on, task',
  },
  {
    name: 'depends-on given as a single name',
    text: lines(...HEAD, ...A, ...B, '    depends-on: a'),
    path: 'workers[1].depends-on',
    line: 13,
    column: 17,
    message: 'found "a"; allowed: a list',
  },
  {
    name: 'depends-on naming no worker',
    text: lines(...HEAD, ...A, ...B, '    depends-on: [a, c]'),
    path: 'workers[1].depends-on[1]',
    line: 13,
    column: 21,
    message: 'found "c", which names no worker; allowed: a, b',
  },
  {
    name: 'depends-on with a typo of a worker id',
    text: lines(...HEAD, '  - id: engineer1', ...A.slice(1), ...B, '    depends-on: [enginer1]'),
    path: 'workers[1].depends-on[0]',
    line: 13,
    column: 18,
    message: 'found "enginer1", which names no worker (did you mean "engineer1"?); allowed: engineer1, b',
  },
  {
    name: 'a worker depending on itself',
    text: lines(...HEAD, ...A, ...B, '    depends-on: [b]'),
    path: 'workers[1].depends-on[0]',
    line: 13,
    column: 18,
    message: 'found "b", the worker itself; allowed: ids of other workers',
  },
  {
    name: 'the same dependency twice',
    text: lines(...HEAD, ...A, ...B, '    depends-on: [a, a]'),
    path: 'workers[1].depends-on[1]',
    line: 13,
    column: 21,
    message: 'found "a" again (also at workers[1].depends-on[0]); allowed: each entry once',
  },
  {
    name: 'two workers with one id',
    text: lines(...HEAD, ...A, '  - id: a', ...B.slice(1)),
    path: 'workers[1].id',
    line: 10,
    column: 9,
    message: 'found "a" again; allowed: an id used once (workers[0] already uses it)',
  },
  {
    name: 'two workers on one branch',
    text: lines(...HEAD, ...A, '  - id: b', '    branch: feat/a', '    role: B'),
    path: 'workers[1].branch',
    line: 11,
    column: 13,
    message: 'found "feat/a" again; allowed: a branch used once (workers[0] already uses it)',
  },
  {
    name: 'a worker on the base branch',
    text: lines(...HEAD, ...A, '  - id: b', '    branch: main', '    role: B'),
    path: 'workers[1].branch',
    line: 11,
    column: 13,
    message: `found "main", the base branch; allowed: a branch of the worker's own, not base`,
  },
  {
    name: 'the omnibus branch equal to base',
    text: lines(...HEAD.slice(0, 4), '  branch: main', 'workers:', ...A),
    path: 'omnibus.branch',
    line: 5,
    column: 11,
    message: `found "main", the base branch; allowed: a branch of its own, not base or a worker's branch`,
  },
  {
    name: "the omnibus branch equal to a worker's branch",
    text: lines(...HEAD.slice(0, 4), '  branch: feat/b', 'workers:', ...A, ...B),
    path: 'omnibus.branch',
    line: 5,
    column: 11,
    message: `found "feat/b", the branch of worker b; allowed: a branch of its own`,
  },
  {
    name: 'a checkpoint naming no worker',
    text: lines(
      ...HEAD,
      ...A,
      'checkpoints:',
      '  - { id: c1, title: T, requires: { a: active, z: merged } }',
    ),
    path: 'checkpoints[0].requires.z',
    line: 11,
    column: 48,
    message: 'found "z", which names no worker; allowed: a',
  },
  {
    name: 'a checkpoint requiring an unknown status',
    text: lines(
      ...HEAD,
      ...A,
      'checkpoints:',
      '  - id: c1',
      '    title: T',
      '    requires:',
      '      a: done',
    ),
    path: 'checkpoints[0].requires.a',
    line: 14,
    column: 10,
    message: 'found "done"; allowed: pending, launched, active, pr_ready, approved, merged',
  },
  {
    name: 'a checkpoint without a title',
    text: lines(...HEAD, ...A, 'checkpoints:', '  - { id: c1, requires: { a: active } }'),
    path: 'checkpoints[0].title',
    line: 11,
    column: 5,
    message: 'required key "title" is missing',
  },
  {
    name: 'a checkpoint requiring nothing',
    text: lines(...HEAD, ...A, 'checkpoints:', '  - { id: c1, title: T, requires: {} }'),
    path: 'checkpoints[0].requires',
    line: 11,
    column: 35,
    message: 'found an empty mapping; allowed: a mapping of at least one key',
  },
  {
    name: 'two checkpoints with one id',
    text: lines(
      ...HEAD,
      ...A,
      'checkpoints:',
      '  - { id: c1, title: T, requires: { a: active } }',
      '  - { id: c1, title: U, requires: { a: merged } }',
    ),
    path: 'checkpoints[1].id',
    line: 12,
    column: 11,
    message: 'found "c1" again; allowed: an id used once (checkpoints[0] already uses it)',
  },
  {
    name: 'a key written twice in one mapping',
    text: lines(...HEAD, ...A, '    role: Again'),
    path: 'workers[0].role',
    line: 10,
    column: 5,
    message: 'found the key "role" a second time in the same mapping; allowed: each key once',
  },
  {
    name: 'an empty task path',
    text: lines(...HEAD, ...A, '    task: ""'),
    path: 'workers[0].task',
    line: 10,
    column: 11,
    message: 'found an empty string; allowed: at least one character of text',
  },
  {
    name: 'an empty file',
    text: '# nothing here yet\n',
    path: '(top level)',
    line: 1,
    column: 1,
    message:
      'found an empty file; allowed: a mapping with at least the keys version, project, omnibus and workers',
  },
  {
    name: 'a list at the top level',
    text: lines('- version: 1'),
    path: '(top level)',
    line: 1,
    column: 1,
    message: 'found a list; allowed: a mapping of keys',
  },
];

describe('parseConfig: bad files', () => {
  test.each(BAD_FILES)('$name', ({ text, path, line, column, message }) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ file: FILE, path, line, column });
    expect(problem?.message).toContain(message);
  });

  test('the error is a ConfigurationError whose message lists file:line:col: path: message', () => {
    let caught: unknown;
    try {
      parseConfig(lines('version: 2', ...HEAD.slice(1), ...A, '    priority: urgent'), FILE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as Error).message).toBe(
      [
        `Invalid config file ${FILE} (2 problems):`,
        `${FILE}:1:10: version: found the number 2; allowed: 1`,
        `${FILE}:10:15: workers[0].priority: found "urgent"; allowed: critical, high, medium, low`,
      ].join('\n'),
    );
  });

  test('no message speaks ajv', () => {
    for (const { text } of BAD_FILES) {
      for (const problem of problemsOf(text))
        expect(problem.message).not.toMatch(/must (NOT )?(have|be|match)/);
    }
  });
});

describe('parseConfig: all problems at once', () => {
  test('schema and cross-field problems of one file are reported together, in file order', () => {
    const text = lines(
      'version: 1',
      'project: P',
      'omnibus:',
      '  branch: feat/a',
      '  colour: red',
      'workers:',
      '  - id: a',
      '    branch: feat/a',
      '    role: A',
      '    priority: urgent',
      '  - id: b',
      '    branch: feat/b',
      '    depends-on: [a, ghost]',
      'checkpoints:',
      '  - { id: c1, title: T, requires: { b: finished } }',
    );
    const problems = problemsOf(text).map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
    expect(problems).toEqual([
      `4:11 omnibus.branch: found "feat/a", the branch of worker a; allowed: a branch of its own, not base or a worker's branch`,
      '5:3 omnibus.colour: found unknown key "colour"; allowed: branch, title',
      '10:15 workers[0].priority: found "urgent"; allowed: critical, high, medium, low',
      '11:5 workers[1].role: required key "role" is missing',
      '13:21 workers[1].depends-on[1]: found "ghost", which names no worker; allowed: a, b',
      '15:40 checkpoints[0].requires.b: found "finished"; allowed: pending, launched, active, pr_ready, approved, merged',
    ]);
  });

  test('a cycle of three is named with its members in order, at the first member', () => {
    const text = lines(
      ...HEAD,
      '  - { id: root, branch: feat/root, role: R }',
      '  - { id: a, branch: feat/a, role: A, depends-on: [root, b] }',
      '  - { id: b, branch: feat/b, role: B, depends-on: [c] }',
      '  - { id: c, branch: feat/c, role: C, depends-on: [a] }',
    );
    expect(problemsOf(text)).toEqual([
      {
        file: FILE,
        line: 8,
        column: 39,
        path: 'workers[1].depends-on',
        message: 'found a dependency cycle: a -> b -> c -> a; allowed: dependencies without cycles',
      },
    ]);
  });

  test('each separate cycle is reported once', () => {
    const text = lines(
      ...HEAD,
      '  - { id: a, branch: feat/a, role: A, depends-on: [b] }',
      '  - { id: b, branch: feat/b, role: B, depends-on: [a] }',
      '  - { id: c, branch: feat/c, role: C, depends-on: [d] }',
      '  - { id: d, branch: feat/d, role: D, depends-on: [c, a] }',
    );
    expect(problemsOf(text).map((p) => p.message)).toEqual([
      'found a dependency cycle: a -> b -> a; allowed: dependencies without cycles',
      'found a dependency cycle: c -> d -> c; allowed: dependencies without cycles',
    ]);
  });

  test('a duplicate key does not hide the other problems of the file', () => {
    const text = lines(...HEAD, ...A, '    role: Again', '    priority: urgent');
    expect(problemsOf(text).map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual([
      '10:5 workers[0].role',
      '11:15 workers[0].priority',
    ]);
  });

  test('cross-field checks still run when the schema fails', () => {
    const text = lines(
      'version: 1',
      'project: 7',
      'workers:',
      '  - { id: a, branch: x, role: A }',
      '  - { id: a, branch: y, role: B }',
    );
    const paths = problemsOf(text).map((p) => p.path);
    expect(paths).toEqual(['omnibus', 'project', 'workers[1].id']);
  });
});

describe('parseConfig: YAML errors', () => {
  test('a syntax error points at its line', () => {
    const problems = problemsOf(lines(...HEAD, '  - id: a', '    branch: "feat/a', '    role: A'));
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]).toMatchObject({ file: FILE, path: '' });
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(8);
  });

  test('a bad indentation is reported at its line and column', () => {
    const problems = problemsOf(lines('version: 1', 'project: P', 'omnibus:', '  branch: o', ' title: T'));
    expect(problems).toEqual([
      {
        file: FILE,
        line: 5,
        column: 1,
        path: '',
        message: 'YAML syntax error: All mapping items must start at the same column',
      },
    ]);
  });

  test('every syntax error of the file is reported', () => {
    const problems = problemsOf(lines('version: 1', 'project: [P', 'omnibus: {branch: o', 'workers: x: y'));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(new Set(problems.map((p) => p.line)).size).toBeGreaterThanOrEqual(2);
  });

  test('an alias naming no anchor is reported where it is written', () => {
    const problems = problemsOf(lines('version: 1', 'project: *name'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column: 10 });
    expect(problems[0]?.message).toContain('nresolved alias');
  });

  test('aliases of valid values are followed', () => {
    const config = parseConfig(
      lines('version: 1', 'project: &p P', 'omnibus: { branch: omnibus, title: *p }', 'workers:', ...A),
      FILE,
    );
    expect(config.omnibus.title).toBe('P');
  });
});
