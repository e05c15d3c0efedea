import * as core from '@actions/core';
import { ConfigurationError } from '../errors.js';

/** The inputs every action takes (PRODUCT.md § Inputs). */
export interface CommonInputs {
  token: string;
  /** Path of the config file, relative to the repository root. */
  configPath: string;
  dryRun: boolean;
}

export const DEFAULT_CONFIG_PATH = '.github/orchestrator.yml';

export function readCommonInputs(): CommonInputs {
  const token = core.getInput('token');
  if (token === '') {
    throw new ConfigurationError(
      'Input `token` is empty (a `${{ secrets.NAME }}` that is not set gives an empty value). ' +
        "Leave the input out to use the job's `${{ github.token }}`, or pass a PAT or a GitHub App token: " +
        '`with: { token: ${{ secrets.ORCHESTRATOR_TOKEN }} }` (needed where pull requests must trigger CI, ' +
        'or where the repository does not let GitHub Actions approve pull requests).',
    );
  }
  core.setSecret(token);
  return {
    token,
    configPath: stringInput('config', { default: DEFAULT_CONFIG_PATH }),
    dryRun: booleanInput('dry-run', false),
  };
}

/** A trimmed string input; the default when empty; a ConfigurationError when required and empty. */
export function stringInput(name: string, options: { required?: boolean; default?: string } = {}): string {
  const value = core.getInput(name);
  if (value !== '') return value;
  if (options.required) throw new ConfigurationError(`Input \`${name}\` is required and was not given.`);
  return options.default ?? '';
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** `true` or `false` (YAML 1.2 core spellings, as @actions/core), the default when empty, else an error naming the value. */
export function booleanInput(name: string, defaultValue = false): boolean {
  const value = core.getInput(name);
  if (value === '') return defaultValue;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new ConfigurationError(
    `Input \`${name}\` must be \`true\` or \`false\`, but was ${JSON.stringify(value)}.`,
  );
}

/** A whole number within bounds; the default when empty. */
export function integerInput(name: string, options: { default: number; min?: number; max?: number }): number {
  const value = core.getInput(name);
  if (value === '') return options.default;
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = options.min !== undefined && options.max === undefined ? ` of at least ${min}` : '';
    const bounded = options.max !== undefined ? ` from ${min} to ${max}` : range;
    throw new ConfigurationError(
      `Input \`${name}\` must be a whole number${bounded}, but was ${JSON.stringify(value)}.`,
    );
  }
  return Number(value);
}

/** One of a fixed set of words; the default when empty. */
export function choiceInput<T extends string>(name: string, choices: readonly T[], defaultValue: T): T {
  const value = core.getInput(name);
  if (value === '') return defaultValue;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(
    `Input \`${name}\` must be one of ${choices.map((c) => `\`${c}\``).join(', ')}, but was ${JSON.stringify(value)}.`,
  );
}

/** A list separated by commas and/or newlines; blanks dropped, each entry trimmed. */
export function listInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
