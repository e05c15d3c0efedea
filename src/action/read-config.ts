import type { RepoContext } from './context.js';
import { annotateConfigProblems, loadConfig } from '../config/load.js';
import type { OrchestratorConfig } from '../config/types.js';
import { ConfigurationError } from '../errors.js';
import { apiErrorMessage, type Octokit } from '../github/client.js';
import type { Logger } from '../logger.js';

/**
 * The ref the config is read at through the API: the run's ref, but never a pull request's own
 * ref (`refs/pull/N/...`) — a PR must not be able to change the rules that judge it — in which
 * case the default branch is used.
 */
export function configRef(context: Pick<RepoContext, 'ref'>): string | undefined {
  return context.ref && !context.ref.startsWith('refs/pull/') ? context.ref : undefined;
}

/** A file of the repository through the contents API; null when it is absent or not a file. */
export async function readRepositoryFile(
  octokit: Octokit,
  context: Pick<RepoContext, 'owner' | 'repo'>,
  path: string,
  ref: string | undefined,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner: context.owner,
      repo: context.repo,
      path,
      ref,
    });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'status' in error && error.status === 404) return null;
    throw new ConfigurationError(
      apiErrorMessage(error, { action: `read ${path}`, permission: 'contents: read' }),
    );
  }
}

/**
 * The config every action starts from: from the checkout when it has the file, else through the
 * contents API at `configRef`. A bad file is annotated (one `::error file=…,line=…,col=…::` per
 * problem) before the error propagates, so nothing is written after it.
 */
export async function readActionConfig(
  octokit: Octokit,
  context: RepoContext,
  path: string,
  logger: Logger,
): Promise<OrchestratorConfig> {
  const ref = configRef(context);
  try {
    return await loadConfig({
      path,
      workspace: context.workspace,
      fetchRemote: (file) => readRepositoryFile(octokit, context, file, ref),
      logger,
    });
  } catch (error) {
    annotateConfigProblems(error, logger);
    throw error;
  }
}
