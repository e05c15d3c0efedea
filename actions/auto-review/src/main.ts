import * as core from '@actions/core';
import { repoContext } from '../../../src/action/context.js';
import { coreLogger } from '../../../src/action/logger.js';
import { runAction } from '../../../src/action/run.js';
import { readActionConfig } from '../../../src/action/read-config.js';
import { ConfigurationError } from '../../../src/errors.js';
import { createOctokit } from '../../../src/github/client.js';
import { readInputs } from './inputs.js';
import { decisionsJson, summaryMarkdown } from './report.js';
import { ReviewApi } from './review-api.js';
import { reviewPullRequest, type PullRequestOutcome } from './review-pull-request.js';
import { targetsOf } from './targets.js';

export async function run(): Promise<void> {
  await runAction(main);
}

async function main(): Promise<void> {
  const inputs = readInputs();
  const context = repoContext();
  const logger = coreLogger();
  const octokit = createOctokit(inputs.token, { logger });
  const api = new ReviewApi(octokit, context.owner, context.repo);
  const targets = targetsOf(context.eventName, context.payload, inputs.pullRequest);
  const config = await readActionConfig(octokit, context, inputs.configPath, logger);

  const settings = {
    api,
    config,
    run: { runId: context.runId || null, jobName: context.job || null },
    minChecks: inputs.minChecks,
    requiredChecks: inputs.requiredChecks,
    dryRun: inputs.dryRun,
    logger,
    runUrl: `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`,
  };

  let numbers: number[];
  let requiredSha: string | null = null;
  let nothing: string | undefined;
  if (targets.kind === 'numbers') {
    numbers = targets.numbers;
    requiredSha = targets.sha;
  } else if (targets.kind === 'find') {
    numbers = await api.findOpenPullRequestsFor(targets.sha, targets.branch, targets.headOwner);
    requiredSha = targets.sha;
    nothing = `No open pull request has ${targets.sha.slice(0, 7)} as its head; nothing to decide.`;
  } else {
    const branches = new Set(config.workers.map((w) => w.branch));
    numbers = (await api.listOpenPullRequests()).filter((p) => branches.has(p.headRef)).map((p) => p.number);
    nothing = 'No open pull request comes from a worker branch; nothing to decide.';
  }
  logger.info(
    `auto-review: ${targets.why}; pull requests: ${numbers.map((n) => `#${n}`).join(', ') || 'none'}.`,
  );

  const outcomes: PullRequestOutcome[] = [];
  for (const number of [...new Set(numbers)].sort((a, b) => a - b)) {
    const outcome = await reviewPullRequest(settings, number, requiredSha);
    if (!outcome) continue;
    outcomes.push(outcome);
    logger.info(`#${number} ${outcome.sha?.slice(0, 7) ?? ''}: ${outcome.decision}. ${outcome.reason}`);
  }
  if (requiredSha !== null && outcomes.length === 0) {
    nothing = `No open pull request has ${requiredSha.slice(0, 7)} as its head; nothing to decide.`;
  }

  const first = outcomes[0];
  core.setOutput('decision', first?.decision ?? 'skipped');
  core.setOutput('reason', first?.reason ?? nothing ?? 'Nothing to decide.');
  core.setOutput('pull-request', first ? String(first.pullRequest) : '');
  core.setOutput('decisions', decisionsJson(outcomes));
  await core.summary
    .addRaw(summaryMarkdown(outcomes, { why: targets.why, dryRun: inputs.dryRun, nothing }))
    .write();

  const errors = [...new Set(outcomes.flatMap((o) => (o.error ? [o.error] : [])))];
  if (errors.length > 0) throw new ConfigurationError(errors.join('\n'));
}
