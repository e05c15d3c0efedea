import { booleanInput, readCommonInputs, stringInput } from '../../../src/action/inputs.js';

/** Every input of status-report, validated (action.yml is the source of the names and defaults). */
export interface StatusReportInputs {
  token: string;
  configPath: string;
  dryRun: boolean;
  /** Where to write the status document too; null: nowhere. Relative to GITHUB_WORKSPACE. */
  statusFile: string | null;
  dashboardIssue: boolean;
}

export function readInputs(): StatusReportInputs {
  const common = readCommonInputs();
  const statusFile = stringInput('status-file').trim();
  return {
    ...common,
    statusFile: statusFile === '' ? null : statusFile,
    dashboardIssue: booleanInput('dashboard-issue', false),
  };
}
