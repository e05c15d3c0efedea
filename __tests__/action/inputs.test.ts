import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import {
  booleanInput,
  choiceInput,
  integerInput,
  listInput,
  readCommonInputs,
  stringInput,
} from '../../src/action/inputs.js';

/** Inputs arrive as the runner passes them: INPUT_<NAME>, upper case, hyphens kept. */
function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
});
afterEach(() => {
  process.env = saved;
});

function errorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readCommonInputs', () => {
  it('reads token, config and dry-run', () => {
    setInputs({ token: 'ghs_abc', config: 'ci/orchestrator.yml', 'dry-run': 'true' });
    expect(readCommonInputs()).toEqual({ token: 'ghs_abc', configPath: 'ci/orchestrator.yml', dryRun: true });
  });

  it('defaults config to .github/orchestrator.yml and dry-run to false', () => {
    setInputs({ token: 'ghs_abc' });
    expect(readCommonInputs()).toEqual({
      token: 'ghs_abc',
      configPath: '.github/orchestrator.yml',
      dryRun: false,
    });
  });

  it('requires a token and says how to pass one', () => {
    setInputs({ token: '  ' });
    const error = errorOf(() => readCommonInputs());
    expect(error.message).toContain('Input `token` is empty');
    expect(error.message).toContain('${{ github.token }}');
    expect(error.message).toContain('with: { token: ${{ secrets.ORCHESTRATOR_TOKEN }} }');
  });

  it('rejects a dry-run that is not a boolean, naming input and value', () => {
    setInputs({ token: 't', 'dry-run': 'yes' });
    expect(errorOf(() => readCommonInputs()).message).toBe(
      'Input `dry-run` must be `true` or `false`, but was "yes".',
    );
  });
});

describe('booleanInput', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    [' true ', true],
  ])('reads %j as %s', (value, expected) => {
    setInputs({ 'dashboard-issue': value });
    expect(booleanInput('dashboard-issue')).toBe(expected);
  });

  it('takes the default when empty', () => {
    expect(booleanInput('dashboard-issue')).toBe(false);
    expect(booleanInput('dashboard-issue', true)).toBe(true);
  });

  it.each(['1', '0', 'yes', 'on', 'tRue', 'false!'])('rejects %j', (value) => {
    setInputs({ rebuild: value });
    expect(errorOf(() => booleanInput('rebuild')).message).toBe(
      `Input \`rebuild\` must be \`true\` or \`false\`, but was ${JSON.stringify(value)}.`,
    );
  });
});

describe('other input helpers', () => {
  it('stringInput: required and default', () => {
    expect(stringInput('status-file')).toBe('');
    expect(stringInput('status-file', { default: 'status.json' })).toBe('status.json');
    expect(errorOf(() => stringInput('pull-request', { required: true })).message).toBe(
      'Input `pull-request` is required and was not given.',
    );
    setInputs({ 'status-file': ' out/status.json ' });
    expect(stringInput('status-file')).toBe('out/status.json');
  });

  it('integerInput: whole numbers within bounds', () => {
    expect(integerInput('min-checks', { default: 1, min: 0 })).toBe(1);
    setInputs({ 'min-checks': '3' });
    expect(integerInput('min-checks', { default: 1, min: 0 })).toBe(3);
    setInputs({ 'min-checks': '-1' });
    expect(errorOf(() => integerInput('min-checks', { default: 1, min: 0 })).message).toBe(
      'Input `min-checks` must be a whole number of at least 0, but was "-1".',
    );
    setInputs({ 'min-checks': '2.5' });
    expect(errorOf(() => integerInput('min-checks', { default: 1, min: 0, max: 100 })).message).toBe(
      'Input `min-checks` must be a whole number from 0 to 100, but was "2.5".',
    );
  });

  it('choiceInput: one of the choices', () => {
    const modes = ['build', 'pr', 'merge'] as const;
    expect(choiceInput('mode', modes, 'build')).toBe('build');
    setInputs({ mode: 'pr' });
    expect(choiceInput('mode', modes, 'build')).toBe('pr');
    setInputs({ mode: 'deploy' });
    expect(errorOf(() => choiceInput('mode', modes, 'build')).message).toBe(
      'Input `mode` must be one of `build`, `pr`, `merge`, but was "deploy".',
    );
  });

  it('listInput: commas and newlines', () => {
    expect(listInput('required-checks')).toEqual([]);
    setInputs({ 'required-checks': 'build, test\nlint\n\n e2e ,' });
    expect(listInput('required-checks')).toEqual(['build', 'test', 'lint', 'e2e']);
  });
});
