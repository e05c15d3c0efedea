import { ConfigurationError } from '../errors.js';

/** One thing wrong with a config file, with the place to fix it. */
export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Key path in the file's own spelling, e.g. `workers[1].depends-on[0]`; empty for YAML syntax errors. */
  path: string;
  /** What was found and what is allowed, in plain words. */
  message: string;
}

export function formatProblem(problem: ConfigProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** The config file is wrong; `problems` holds every problem found, in file order. */
export class ConfigValidationError extends ConfigurationError {
  readonly problems: readonly ConfigProblem[];
  readonly file: string;

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super([`Invalid config file ${file} (${count}):`, ...problems.map(formatProblem)].join('\n'));
    this.name = 'ConfigValidationError';
    this.file = file;
    this.problems = problems;
  }
}
