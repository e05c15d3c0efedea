import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.js';

/** The README cannot drift from the schema, the action.yml files or the files it links to. */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ACTIONS = ['status-report', 'auto-review', 'omnibus'] as const;

type Dict = Record<string, unknown>;

/** The text of a `## ` section (up to the next `## `), or null. */
function section(heading: string): string | null {
  const lines = README.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Markdown tables of a text: each a list of rows of trimmed cells, the header first. */
function tables(text: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] = [];
  for (const line of [...text.split('\n'), '']) {
    if (/^\s*\|/.test(line)) {
      if (/^\s*\|[\s:|-]+\|\s*$/.test(line)) continue; // the |---|---| rule
      current.push(splitRow(line));
    } else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  return found;
}

/** Cells of a table row; `\|` inside a cell is a literal bar. */
function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** `a` -> a; a cell of one code span gives its content. */
function unquote(cell: string): string {
  const m = /^`([^`]*)`$/.exec(cell.trim());
  return m ? (m[1] ?? '') : cell.trim();
}

function firstCode(cell: string): string | null {
  return /`([^`]*)`/.exec(cell)?.[1] ?? null;
}

describe('README: the first page', () => {
  it('starts with what it is, then the demo and the test command', () => {
    const demo = README.indexOf('npm ci && npm run demo');
    const test = README.indexOf('npm test');
    expect(README.startsWith('# Orchestrator\n')).toBe(true);
    expect(demo).toBeGreaterThan(0);
    expect(test).toBeGreaterThan(demo);
    expect(README.indexOf('## ')).toBeGreaterThan(test);
  });

  it('links only to files that exist', () => {
    const links = [...README.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1] ?? '');
    const local = links.filter((l) => !/^[a-z]+:/.test(l));
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((l) => !existsSync(join(ROOT, l)))).toEqual([]);
  });

  it('names the placeholder the templates use', () => {
    expect(README).toContain('`your-org/orchestrator/actions/<name>@v1`');
  });

  it('covers the tokens: approval of runs, the approve setting, own PRs, workflow files, PAT and App', () => {
    const tokens = section('Quick start for a real repository') ?? '';
    for (const fact of [
      'Approve and run',
      'Allow GitHub Actions to create and approve pull requests',
      'No token approves a pull request it opened itself',
      '.github/workflows/',
      'actions/create-github-app-token@v3',
      'secrets.ORCHESTRATOR_PAT',
    ]) {
      expect(tokens).toContain(fact);
    }
  });

  it('has a troubleshooting entry, with its fix, for each error users meet', () => {
    const text = section('Troubleshooting') ?? '';
    for (const error of [
      'Resource not accessible by integration',
      'GitHub Actions is not permitted to approve pull requests',
      'Can not approve your own pull request',
      'without\nworkflows permission',
      'Invalid config file',
    ]) {
      expect(text).toContain(error);
    }
  });
});

describe('README: config reference', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'src/config/orchestrator.schema.json'), 'utf8')) as Dict;
  const definitions = (schema.definitions ?? {}) as Record<string, Dict>;

  function deref(node: Dict): Dict {
    const ref = node.$ref as string | undefined;
    if (ref) return deref(definitions[ref.replace('#/definitions/', '')] ?? {});
    return node;
  }

  /** Every property of the schema by its path (`workers[].depends-on`), with its default and whether it is required. */
  function properties(node: Dict, prefix: string): { path: string; required: boolean; default?: unknown }[] {
    const object = deref(node);
    const required = (object.required ?? []) as string[];
    const props = (object.properties ?? {}) as Record<string, Dict>;
    return Object.entries(props).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const entry = {
        path,
        required: required.includes(key),
        ...('default' in child ? { default: child.default } : {}),
      };
      const resolved = deref(child);
      const items = resolved.items as Dict | undefined;
      return [
        entry,
        ...(resolved.properties ? properties(resolved, path) : []),
        ...(items && deref(items).properties ? properties(items, `${path}[]`) : []),
      ];
    });
  }

  const documented = (() => {
    const text = section('Config reference') ?? '';
    const table = tables(text).find((t) => /key/i.test(t[0]?.[0] ?? ''));
    return new Map((table ?? []).slice(1).map((row) => [unquote(row[0] ?? ''), row]));
  })();
  const all = properties(schema, '');

  it('the schema has properties to document', () => {
    expect(all.map((p) => p.path)).toEqual(expect.arrayContaining(['version', 'workers[].depends-on']));
  });

  it.each(all)('documents $path with its default', ({ path, required, default: fallback }) => {
    const row = documented.get(path);
    expect(row).toBeDefined();
    const cell = row![2] ?? '';
    if (required) {
      expect(cell).toBe('required');
    } else if (fallback !== undefined) {
      expect(firstCode(cell)).toBe(typeof fallback === 'string' ? fallback : JSON.stringify(fallback));
    } else {
      expect(cell).not.toBe('required');
      expect(cell).not.toBe('');
    }
  });

  it('documents no key the schema does not have', () => {
    const known = new Set(all.map((p) => p.path));
    expect([...documented.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  it('the example config is valid', () => {
    const file = 'examples/orchestrator.yml';
    const config = parseConfig(readFileSync(join(ROOT, file), 'utf8'), file);
    expect(config.workers.map((w) => w.id)).toEqual([
      'engineer1',
      'engineer2',
      'engineer3',
      'engineer4',
      'qa',
      'docs',
    ]);
  });
});

describe.each(ACTIONS)('README: ## Action: %s', (name) => {
  const file = join(ROOT, 'actions', name, 'action.yml');
  const action = (existsSync(file) ? parse(readFileSync(file, 'utf8')) : {}) as Dict;
  const text = section(`Action: ${name}`);
  const all = text === null ? [] : tables(text);
  const column = (header: string[], re: RegExp) => header.findIndex((h) => re.test(h));

  it('has a section', () => {
    expect(text).not.toBeNull();
  });

  it('lists every input of action.yml with its default and whether it is required, and no other', () => {
    expect(existsSync(file)).toBe(true);
    const table = all.find((t) => /^inputs?$/i.test(unquote(t[0]?.[0] ?? '')));
    expect(table).toBeDefined();
    const header = table![0]!;
    const at = { default: column(header, /default/i), required: column(header, /required/i) };
    expect(at.default).toBeGreaterThan(0);
    expect(at.required).toBeGreaterThan(0);
    const fromReadme = table!.slice(1).map((row) => {
      const fallback = unquote(row[at.default] ?? '');
      return {
        name: unquote(row[0] ?? ''),
        default: /^(|—|-|none|n\/a)$/i.test(fallback) ? null : fallback,
        required: /^(yes|true|✓|✔)$/i.test(unquote(row[at.required] ?? '')),
      };
    });
    const inputs = (action.inputs ?? {}) as Record<string, Dict | null>;
    const fromAction = Object.entries(inputs).map(([input, spec]) => ({
      name: input,
      // No default and an empty default read the same to a user: the README shows "—" for both.
      default: spec?.default === undefined || spec.default === '' ? null : String(spec.default),
      required: spec?.required === true,
    }));
    expect(fromReadme).toEqual(fromAction);
  });

  it('lists every output of action.yml, and no other', () => {
    expect(existsSync(file)).toBe(true);
    const table = all.find((t) => /^outputs?$/i.test(unquote(t[0]?.[0] ?? '')));
    expect(table).toBeDefined();
    const names = table!.slice(1).map((row) => unquote(row[0] ?? ''));
    expect(names).toEqual(Object.keys((action.outputs ?? {}) as Dict));
  });
});
