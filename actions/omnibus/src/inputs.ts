import { booleanInput, choiceInput, readCommonInputs } from '../../../src/action/inputs.js';
import { ConfigurationError } from '../../../src/errors.js';
import type { OnConflict } from '../../../src/omnibus/engine.js';

export const MODES = ['build', 'pr', 'merge'] as const;
export type Mode = (typeof MODES)[number];
export const ON_CONFLICT: readonly OnConflict[] = ['skip', 'fail'];

/** Every input of omnibus, validated (action.yml is the source of the names and defaults). */
export interface OmnibusInputs {
  token: string;
  configPath: string;
  dryRun: boolean;
  mode: Mode;
  onConflict: OnConflict;
  rebuild: boolean;
  force: boolean;
}

export function readInputs(): OmnibusInputs {
  const inputs: OmnibusInputs = {
    ...readCommonInputs(),
    mode: choiceInput('mode', MODES, 'build'),
    onConflict: choiceInput('on-conflict', ON_CONFLICT, 'skip'),
    rebuild: booleanInput('rebuild', false),
    force: booleanInput('force', false),
  };
  if (inputs.force && !inputs.rebuild) {
    throw new ConfigurationError('Input `force` only applies with `rebuild: true`; set both, or neither.');
  }
  if (inputs.mode === 'merge' && inputs.rebuild) {
    throw new ConfigurationError(
      'Input `rebuild` does not apply to `mode: merge`, which merges the pull request as it stands.',
    );
  }
  return inputs;
}
