import { ConfigurationError } from '../../../src/errors.js';

/**
 * Which pull requests an event concerns:
 * - `numbers`: these PRs; when `sha` is set, only those whose current head is that commit
 *   (a workflow_run/check_suite result for an older commit decides nothing);
 * - `find`: the open PRs whose head is `sha` (workflow_run/check_suite without a PR list);
 * - `sweep`: every open PR from a worker branch (schedule, dispatch without a number).
 */
export type Targets =
  | { kind: 'numbers'; numbers: number[]; sha: string | null; why: string }
  | { kind: 'find'; sha: string; branch: string | null; headOwner: string | null; why: string }
  | { kind: 'sweep'; why: string };

type Payload = Record<string, unknown>;

export function targetsOf(eventName: string, payload: Payload, pullRequestInput: number | null): Targets {
  if (pullRequestInput !== null) {
    return {
      kind: 'numbers',
      numbers: [pullRequestInput],
      sha: null,
      why: `input pull-request #${pullRequestInput}`,
    };
  }
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
    case 'pull_request_review': {
      const number = numberOf(object(payload.pull_request)?.number) ?? numberOf(payload.number);
      if (number === null)
        throw new ConfigurationError(`The ${eventName} event carries no pull request number.`);
      return { kind: 'numbers', numbers: [number], sha: null, why: `${eventName} event for #${number}` };
    }
    case 'workflow_run':
      return fromSuite(object(payload.workflow_run), payload, 'workflow_run');
    case 'check_suite':
      return fromSuite(object(payload.check_suite), payload, 'check_suite');
    case 'workflow_dispatch': {
      const inputs = object(payload.inputs);
      const given = inputs ? String(inputs['pull-request'] ?? inputs.pull_request ?? '').trim() : '';
      const number = /^#?\d+$/.test(given) ? Number(given.replace('#', '')) : null;
      if (number !== null)
        return { kind: 'numbers', numbers: [number], sha: null, why: `dispatch for #${number}` };
      return { kind: 'sweep', why: 'dispatch without a pull request: every open worker pull request' };
    }
    case 'schedule':
      return { kind: 'sweep', why: 'schedule: every open worker pull request' };
    default:
      throw new ConfigurationError(
        `auto-review does not handle the ${eventName || 'unknown'} event. Run it on pull_request, workflow_run, ` +
          'check_suite, workflow_dispatch or schedule, or give the `pull-request` input.',
      );
  }
}

function fromSuite(suite: Payload | null, payload: Payload, eventName: string): Targets {
  const sha = typeof suite?.head_sha === 'string' ? suite.head_sha : null;
  if (!suite || !sha) throw new ConfigurationError(`The ${eventName} event carries no head commit.`);
  const numbers = (Array.isArray(suite.pull_requests) ? suite.pull_requests : [])
    .map((p) => numberOf(object(p)?.number))
    .filter((n): n is number => n !== null);
  if (numbers.length > 0) {
    return {
      kind: 'numbers',
      numbers: [...new Set(numbers)].sort((a, b) => a - b),
      sha,
      why: `${eventName} of ${sha.slice(0, 7)}`,
    };
  }
  const branch = typeof suite.head_branch === 'string' && suite.head_branch !== '' ? suite.head_branch : null;
  const headRepo = object(suite.head_repository) ?? object(payload.repository);
  const headOwner = stringOf(object(headRepo?.owner)?.login);
  return {
    kind: 'find',
    sha,
    branch,
    headOwner,
    why: `${eventName} of ${sha.slice(0, 7)} (no pull request listed)`,
  };
}

function object(value: unknown): Payload | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Payload) : null;
}
function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}
function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
