import { ConfigurationError } from '../../../src/errors.js';
import { pullRequestBody } from '../../../src/omnibus/report.js';
import type { OmnibusResult } from '../../../src/omnibus/types.js';
import type { OmnibusRun } from './main.js';
import type { OmnibusPullRequest } from './omnibus-api.js';

export interface PullRequestOutcome {
  pullRequest: OmnibusPullRequest | null;
  /** One line for the summary. */
  line: string;
}

/**
 * Opens the omnibus PR to base, or updates the open one — never a second. The body depends only on
 * what the branch holds, so a re-run with nothing new writes nothing.
 */
export async function openOrUpdatePullRequest(
  run: OmnibusRun,
  result: OmnibusResult,
): Promise<PullRequestOutcome> {
  const { api, config, inputs, logger } = run;
  const branch = config.omnibus.branch;
  if (await run.git.isAncestor(result.sha, result.baseSha)) {
    return {
      pullRequest: null,
      line: `\`${branch}\` has nothing that \`${run.base}\` lacks: no pull request to open.`,
    };
  }
  const existing = await api.findOpenPullRequest(branch, run.base);
  const prs = await api.workerPullRequests(new Map(config.workers.map((w) => [w.branch, w.id])));
  const title = config.omnibus.title;
  const body = pullRequestBody(result, prs, { title });

  if (existing) {
    const link = `[#${existing.number}](${existing.url})`;
    if (existing.title === title && existing.body === body) {
      return { pullRequest: existing, line: `Omnibus pull request ${link} is up to date.` };
    }
    if (inputs.dryRun)
      return { pullRequest: existing, line: `Dry run: omnibus pull request ${link} would be updated.` };
    await api.updatePullRequest(existing.number, title, body);
    logger.info(`Updated the omnibus pull request #${existing.number}.`);
    return { pullRequest: existing, line: `Omnibus pull request ${link} updated.` };
  }
  if (inputs.dryRun) {
    return {
      pullRequest: null,
      line: `Dry run: an omnibus pull request from \`${branch}\` to \`${run.base}\` would be opened.`,
    };
  }
  const created = await api.createPullRequest(branch, run.base, title, body);
  if (created) {
    logger.info(`Opened the omnibus pull request #${created.number}.`);
    return {
      pullRequest: created,
      line: `Omnibus pull request [#${created.number}](${created.url}) opened.`,
    };
  }
  // It may exist all the same (opened meanwhile, or made despite a 5xx): look before trying again.
  const found = await api.findOpenPullRequest(branch, run.base);
  if (found) {
    if (found.title !== title || found.body !== body) await api.updatePullRequest(found.number, title, body);
    return { pullRequest: found, line: `Omnibus pull request [#${found.number}](${found.url}) opened.` };
  }
  const second = await api.createPullRequest(branch, run.base, title, body);
  if (!second) {
    throw new ConfigurationError(
      `Could not open the omnibus pull request from ${branch} to ${run.base}: GitHub did not confirm it twice. Run again.`,
    );
  }
  return { pullRequest: second, line: `Omnibus pull request [#${second.number}](${second.url}) opened.` };
}
