import { integerInput, listInput, readCommonInputs, stringInput } from '../../../src/action/inputs.js';
import { ConfigurationError } from '../../../src/errors.js';

/** Every input of auto-review, validated (action.yml is the source of the names and defaults). */
export interface AutoReviewInputs {
  token: string;
  configPath: string;
  dryRun: boolean;
  /** The one PR to decide, or null: the event's PRs. */
  pullRequest: number | null;
  minChecks: number;
  requiredChecks: string[];
}

export function readInputs(): AutoReviewInputs {
  const common = readCommonInputs();
  return {
    ...common,
    pullRequest: pullRequestInput(stringInput('pull-request').trim()),
    minChecks: integerInput('min-checks', { default: 1, min: 0 }),
    requiredChecks: listInput('required-checks'),
  };
}

function pullRequestInput(value: string): number | null {
  if (value === '') return null;
  const digits = value.replace(/^#/, '');
  if (!/^\d+$/.test(digits) || Number(digits) < 1) {
    throw new ConfigurationError(
      `Input \`pull-request\` must be a pull request number such as 12, but was ${JSON.stringify(value)}.`,
    );
  }
  return Number(digits);
}
