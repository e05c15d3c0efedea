import * as core from '@actions/core';
import { repoContext, type RepoContext } from '../../../src/action/context.js';
import { coreLogger } from '../../../src/action/logger.js';
import { readActionConfig } from '../../../src/action/read-config.js';
import { runAction } from '../../../src/action/run.js';
import type { OrchestratorConfig } from '../../../src/config/types.js';
import { createOctokit } from '../../../src/github/client.js';
import type { Logger } from '../../../src/logger.js';
import { buildOmnibus } from '../../../src/omnibus/engine.js';
import { buildSummary } from '../../../src/omnibus/report.js';
import { OmnibusRefusal, type OmnibusResult } from '../../../src/omnibus/types.js';
import { CheckoutGit } from './checkout-git.js';
import { readInputs, type OmnibusInputs } from './inputs.js';
import { mergeOmnibusPullRequest } from './merge-mode.js';
import { OmnibusApi } from './omnibus-api.js';
import { openOrUpdatePullRequest, type PullRequestOutcome } from './pr-mode.js';

export async function run(): Promise<void> {
  await runAction(main);
}

/** Everything a mode needs, read once. */
export interface OmnibusRun {
  inputs: OmnibusInputs;
  context: RepoContext;
  config: OrchestratorConfig;
  base: string;
  api: OmnibusApi;
  git: CheckoutGit;
  logger: Logger;
}

async function main(): Promise<void> {
  const inputs = readInputs();
  const context = repoContext();
  const logger = coreLogger();
  const octokit = createOctokit(inputs.token, { logger });
  const api = new OmnibusApi(octokit, context.owner, context.repo, logger);
  const config = await readActionConfig(octokit, context, inputs.configPath, logger);
  const base = config.base ?? (await api.defaultBranch());
  const git = new CheckoutGit(context.workspace, inputs.token, context.serverUrl);
  const omnibus: OmnibusRun = { inputs, context, config, base, api, git, logger };

  core.setOutput('branch', config.omnibus.branch);
  core.setOutput('pr-number', '');
  core.setOutput('pr-url', '');
  if (inputs.mode === 'merge') {
    await mergeOmnibusPullRequest(omnibus);
    return;
  }
  await build(omnibus);
}

async function build(run: OmnibusRun): Promise<void> {
  const { inputs, config, logger } = run;
  let result: OmnibusResult;
  try {
    result = await buildOmnibus({
      git: run.git,
      base: run.base,
      omnibusBranch: config.omnibus.branch,
      workers: config.workers,
      onConflict: inputs.onConflict,
      rebuild: inputs.rebuild,
      force: inputs.force,
      dryRun: inputs.dryRun,
      logger,
    });
  } catch (error) {
    if (error instanceof OmnibusRefusal) {
      const head = error.result
        ? buildSummary(error.result, { title: config.omnibus.title })
        : `## Omnibus: ${config.omnibus.title}\n`;
      await writeSummary(`${head}\n**Refused:** ${error.message.replace(/\n/g, '  \n')}\n`);
    }
    throw error;
  }
  setBuildOutputs(result);

  let pr: PullRequestOutcome | null = null;
  if (inputs.mode === 'pr') {
    pr = await openOrUpdatePullRequest(run, result);
    if (pr.pullRequest) {
      core.setOutput('pr-number', String(pr.pullRequest.number));
      core.setOutput('pr-url', pr.pullRequest.url);
    }
  }
  await writeSummary(buildSummary(result, { title: config.omnibus.title, prLine: pr?.line ?? null }));
}

function setBuildOutputs(result: OmnibusResult): void {
  core.setOutput('sha', result.sha);
  core.setOutput('merged', JSON.stringify(result.merged));
  core.setOutput('skipped', JSON.stringify(result.skipped));
}

export async function writeSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown).write();
}
