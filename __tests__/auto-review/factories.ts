import type { CheckRunInfo } from '../../src/checks/index.js';

/** The workflow run the factories' check runs belong to: another run than the one evaluating. */
export const CI_RUN_ID = 500;

let nextId = 1;

/** A check run of an Actions job of CI run `CI_RUN_ID` (override anything through `extra`). */
export function checkRun(
  name: string,
  status: string,
  conclusion: string | null,
  extra: Partial<CheckRunInfo> = {},
): CheckRunInfo {
  const id = extra.id ?? nextId++;
  return {
    id,
    name,
    status,
    conclusion,
    startedAt: '2026-11-23T10:00:00Z',
    completedAt: status === 'completed' ? '2026-11-23T10:05:00Z' : null,
    detailsUrl: `https://github.com/acme/widgets/actions/runs/${CI_RUN_ID}/job/${id}`,
    appSlug: 'github-actions',
    ...extra,
  };
}
