import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';

/** What an action needs to know about the run that started it. */
export interface RepoContext {
  owner: string;
  repo: string;
  runId: number;
  runAttempt: number;
  job: string;
  eventName: string;
  /** The webhook payload of the triggering event ({} when there is none). */
  payload: Record<string, unknown>;
  /** The checkout (GITHUB_WORKSPACE); the current directory when unset. */
  workspace: string;
  serverUrl: string;
  sha: string;
  ref: string;
}

/**
 * Reads the run's context from the runner's environment, as @actions/github's `context` does, but
 * when called rather than when the module is loaded, and with the run id, job and workspace.
 */
export function repoContext(env: NodeJS.ProcessEnv = process.env): RepoContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new ConfigurationError(
      `GITHUB_REPOSITORY must be "owner/repo", but is ${JSON.stringify(repository)}. This action runs inside GitHub Actions.`,
    );
  }
  return {
    owner,
    repo,
    runId: Number.parseInt(env.GITHUB_RUN_ID ?? '', 10) || 0,
    runAttempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '', 10) || 1,
    job: env.GITHUB_JOB ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
  };
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path || !existsSync(path)) return {};
  const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
}
