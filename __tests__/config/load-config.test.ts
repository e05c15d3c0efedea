import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../../src/errors.js';
import { MemoryLogger } from '../../src/logger.js';
import {
  annotateConfigProblems,
  ConfigValidationError,
  loadConfig,
  parseConfig,
} from '../../src/config/load.js';

const CONFIG_PATH = '.github/orchestrator.yml';
const VALID =
  'version: 1\nproject: From {where}\nomnibus: { branch: omnibus }\nworkers:\n  - { id: a, branch: feat/a, role: A }\n';

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'orchestrator-config-'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function writeConfig(relative: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(workspace, relative)), { recursive: true });
  await writeFile(path.join(workspace, relative), text);
}

/** A fetchRemote that serves `files` and records what was asked. */
function remote(files: Record<string, string>) {
  const asked: string[] = [];
  const fetchRemote = async (file: string): Promise<string | null> => {
    asked.push(file);
    return files[file] ?? null;
  };
  return { asked, fetchRemote };
}

describe('loadConfig', () => {
  test('reads the file from the checkout when it is there, without asking the API', async () => {
    await writeConfig(CONFIG_PATH, VALID.replace('{where}', 'checkout'));
    const api = remote({ [CONFIG_PATH]: VALID.replace('{where}', 'api') });
    const config = await loadConfig({ path: CONFIG_PATH, workspace, ...api, logger: new MemoryLogger() });
    expect(config.project).toBe('From checkout');
    expect(api.asked).toEqual([]);
  });

  test('falls back to the API when the checkout lacks the file', async () => {
    const api = remote({ [CONFIG_PATH]: VALID.replace('{where}', 'api') });
    const config = await loadConfig({ path: CONFIG_PATH, workspace, ...api, logger: new MemoryLogger() });
    expect(config.project).toBe('From api');
    expect(api.asked).toEqual([CONFIG_PATH]);
  });

  test('uses the API alone when there is no checkout', async () => {
    const api = remote({ 'config/o.yml': VALID.replace('{where}', 'api') });
    const config = await loadConfig({ path: './config/o.yml', ...api, logger: new MemoryLogger() });
    expect(config.project).toBe('From api');
    expect(api.asked).toEqual(['config/o.yml']);
  });

  test('an absolute path inside the workspace is named relative to the repository', async () => {
    await writeConfig('ops/orchestrator.yml', 'version: 1\n');
    const error = await loadConfig({
      path: path.join(workspace, 'ops/orchestrator.yml'),
      workspace,
      logger: new MemoryLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems[0]?.file).toBe('ops/orchestrator.yml');
  });

  test('a file missing everywhere names the path and both places looked', async () => {
    const api = remote({});
    const error = await loadConfig({
      path: CONFIG_PATH,
      workspace,
      ...api,
      logger: new MemoryLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).not.toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain(`Config file ${CONFIG_PATH} not found`);
    expect(message).toContain(path.join(workspace, CONFIG_PATH));
    expect(message).toContain('through the GitHub API');
    expect(api.asked).toEqual([CONFIG_PATH]);
  });

  test('a directory where the file should be is a ConfigurationError', async () => {
    await mkdir(path.join(workspace, CONFIG_PATH), { recursive: true });
    await expect(loadConfig({ path: CONFIG_PATH, workspace, logger: new MemoryLogger() })).rejects.toThrow(
      /is a directory/,
    );
  });

  test('problems of a file fetched through the API name the repository path', async () => {
    const api = remote({ [CONFIG_PATH]: 'version: 1\nproject: P\n' });
    const error = await loadConfig({
      path: CONFIG_PATH,
      workspace,
      ...api,
      logger: new MemoryLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(
      (error as ConfigValidationError).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}`),
    ).toEqual([`${CONFIG_PATH}:1:1: omnibus`, `${CONFIG_PATH}:1:1: workers`]);
  });
});

describe('annotateConfigProblems', () => {
  test('emits one error annotation per problem, on its file, line and column', () => {
    const logger = new MemoryLogger();
    let caught: unknown;
    try {
      parseConfig(
        'version: 1\nproject: P\nomnibus: { branch: o }\nworkers:\n  - { id: a, branch: b, role: r, priority: top }\n',
        CONFIG_PATH,
      );
    } catch (error) {
      caught = error;
    }
    expect(annotateConfigProblems(caught, logger)).toBe(true);
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'workers[0].priority: found "top"; allowed: critical, high, medium, low',
        where: { file: CONFIG_PATH, startLine: 5, startColumn: 44 },
      },
    ]);
  });

  test('leaves other errors alone', () => {
    const logger = new MemoryLogger();
    expect(annotateConfigProblems(new ConfigurationError('no'), logger)).toBe(false);
    expect(annotateConfigProblems(new Error('bug'), logger)).toBe(false);
    expect(logger.lines).toEqual([]);
  });
});
