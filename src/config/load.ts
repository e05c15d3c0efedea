import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { crossFindings } from './cross-checks.js';
import { ConfigValidationError, type ConfigProblem } from './problems.js';
import { schemaFindings } from './schema.js';
import { toConfig } from './to-config.js';
import type { OrchestratorConfig } from './types.js';
import { ConfigSource, formatPath } from './yaml-source.js';

export { ConfigValidationError, formatProblem, type ConfigProblem } from './problems.js';

/**
 * Parses and validates the text of a config file; `file` names it in problems (a path relative
 * to the repository root, so annotations land on it). Throws ConfigValidationError with every
 * problem of the file.
 */
export function parseConfig(text: string, file: string): OrchestratorConfig {
  const source = new ConfigSource(text, file);
  const problems = [...yamlProblems(source), ...dataProblems(source)];
  if (problems.length > 0) throw new ConfigValidationError(file, sortProblems(problems));
  return toConfig(source.doc.toJS());
}

/** Problems of the data: schema rules and the rules between fields, all of them. */
function dataProblems(source: ConfigSource): ConfigProblem[] {
  // Past a syntax error the data is a guess; duplicate keys leave a well-formed document.
  if (!source.doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) return [];
  let data: unknown;
  try {
    data = source.doc.toJS();
  } catch (error) {
    // An alias naming no anchor (or too many aliases) is found only when the data is built.
    return [source.problemAt(source.firstAliasOffset(), '', `YAML error: ${(error as Error).message}`)];
  }
  if (data === null || data === undefined) {
    const allowed = 'a mapping with at least the keys version, project, omnibus and workers';
    return [source.problemAt(0, formatPath([]), `found an empty file; allowed: ${allowed}`)];
  }
  return [...schemaFindings(data), ...crossFindings(data)].map((finding) => source.place(finding));
}

function yamlProblems(source: ConfigSource): ConfigProblem[] {
  return source.doc.errors.map((error) => {
    const offset = error.pos[0];
    if (error.code === 'DUPLICATE_KEY') {
      const at = source.pathAt(offset);
      const key = at[at.length - 1];
      return source.problemAt(
        offset,
        formatPath(at),
        `found the key ${JSON.stringify(String(key))} a second time in the same mapping; allowed: each key once`,
      );
    }
    return source.problemAt(offset, '', `YAML syntax error: ${error.message}`);
  });
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort(
      (a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.order - b.order,
    )
    .map(({ problem }) => problem);
}

export interface LoadConfigOptions {
  /** The config path as the user gave it; relative paths are relative to the workspace (repository root). */
  path: string;
  /** The checkout (GITHUB_WORKSPACE); absent when the job has no checkout. */
  workspace?: string;
  /** Reads a file of the repository through the API (contents at the triggering ref); null when absent. */
  fetchRemote?: (path: string) => Promise<string | null>;
  logger: Logger;
}

/** Reads the config from the checkout when it has the file, else through the API, then parses it. */
export async function loadConfig(options: LoadConfigOptions): Promise<OrchestratorConfig> {
  const { workspace, fetchRemote, logger } = options;
  const repoPath = repositoryPath(options.path, workspace);
  const looked: string[] = [];

  if (workspace !== undefined || path.isAbsolute(options.path)) {
    const local = path.resolve(workspace ?? '/', options.path);
    looked.push(`the checkout (${local})`);
    const text = await readIfPresent(local);
    if (text !== null) {
      logger.debug(`Config read from ${local}`);
      return parseConfig(text, repoPath);
    }
  }
  if (fetchRemote !== undefined) {
    looked.push('the repository through the GitHub API');
    const text = await fetchRemote(repoPath);
    if (text !== null) {
      logger.debug(`Config read from ${repoPath} through the GitHub API`);
      return parseConfig(text, repoPath);
    }
  }
  const where =
    looked.length > 0 ? `looked in ${looked.join(' and in ')}` : 'there is no checkout and no API access';
  throw new ConfigurationError(
    `Config file ${repoPath} not found: ${where}. Create it (see the README) or set the "config" input to its path.`,
  );
}

/** The path within the repository, with forward slashes: what annotations and the contents API expect. */
function repositoryPath(configPath: string, workspace: string | undefined): string {
  const relative =
    path.isAbsolute(configPath) && workspace !== undefined
      ? path.relative(workspace, configPath)
      : configPath;
  return path.posix.normalize(relative.split(path.sep).join('/')).replace(/^\.\//, '');
}

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw new ConfigurationError(`Config path ${file} is a directory, not a file.`);
    throw error;
  }
}

/**
 * Emits one error annotation per problem, placed on the file, line and column; returns whether
 * `error` was a config validation error.
 */
export function annotateConfigProblems(error: unknown, logger: Logger): boolean {
  if (!(error instanceof ConfigValidationError)) return false;
  for (const problem of error.problems) {
    const message = problem.path ? `${problem.path}: ${problem.message}` : problem.message;
    logger.error(message, { file: problem.file, startLine: problem.line, startColumn: problem.column });
  }
  return true;
}
