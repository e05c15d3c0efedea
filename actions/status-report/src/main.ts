import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { repoContext } from '../../../src/action/context.js';
import { coreLogger } from '../../../src/action/logger.js';
import { runAction } from '../../../src/action/run.js';
import { readActionConfig } from '../../../src/action/read-config.js';
import { Git } from '../../../src/git/git.js';
import { createOctokit, graphql } from '../../../src/github/client.js';
import { collectFacts } from '../../../src/status/collect.js';
import { renderDashboard } from '../../../src/status/dashboard.js';
import { buildStatusDocument } from '../../../src/status/document.js';
import { renderSummary } from '../../../src/status/summary.js';
import { octokitIssueApi, publishDashboard } from './dashboard-issue.js';
import { readInputs } from './inputs.js';
import { consoleReport } from './report.js';

export async function run(): Promise<void> {
  await runAction(main);
}

async function main(): Promise<void> {
  const inputs = readInputs();
  const context = repoContext();
  const logger = coreLogger();
  const octokit = createOctokit(inputs.token, { logger });
  let requests = 0;
  octokit.hook.before('request', () => void requests++);

  const config = await readActionConfig(octokit, context, inputs.configPath, logger);
  const collected = await collectFacts({
    config,
    owner: context.owner,
    repo: context.repo,
    graphql: (query, variables) => graphql(octokit, query, variables),
    git: new Git(context.workspace),
    logger,
  });
  const doc = buildStatusDocument({ ...collected, config, now: new Date() });
  const statusJson = JSON.stringify(doc, null, 2);
  const factRequests = requests;
  logger.info(consoleReport(doc));
  logger.info(
    `GitHub API requests for the facts: ${factRequests}` +
      (collected.forecast
        ? `; conflict forecast: ${collected.forecast.merges} merges of ${collected.forecast.candidatePairs} overlapping pairs in ${collected.forecast.milliseconds} ms.`
        : '.'),
  );

  core.setOutput('status-json', statusJson);
  core.setOutput('totals', JSON.stringify(doc.totals));
  core.setOutput(
    'checkpoints-reached',
    JSON.stringify(Object.entries(doc.checkpoints).flatMap(([id, c]) => (c.reached ? [id] : []))),
  );

  let statusFile = '';
  if (inputs.statusFile !== null) {
    statusFile = path.resolve(context.workspace, inputs.statusFile);
    await mkdir(path.dirname(statusFile), { recursive: true });
    await writeFile(statusFile, `${statusJson}\n`);
    logger.info(`Status document written to ${statusFile}`);
  }
  core.setOutput('status-file', statusFile);

  const runUrl = context.runId
    ? `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`
    : null;
  const notes: string[] = [];
  if (inputs.dryRun) notes.push('Dry run: nothing was written to GitHub.');
  if (collected.mode === 'api') {
    notes.push(
      'No git checkout: status decided from the API alone (see the README); files changed and the conflict forecast are not available.',
    );
  }

  let issueNumber = '';
  let issueUrl = '';
  let issueResult = '';
  if (inputs.dashboardIssue) {
    const outcome = await publishDashboard(octokitIssueApi(octokit, context.owner, context.repo), {
      title: `${config.project}: worker status`,
      body: renderDashboard(doc, config, { runUrl }),
      dryRun: inputs.dryRun,
      logger,
    });
    issueResult = outcome.action;
    if (outcome.issue) {
      issueNumber = String(outcome.issue.number);
      issueUrl = outcome.issue.url;
      notes.push(`Dashboard issue [#${issueNumber}](${issueUrl}): ${outcome.action.replace('-', ' ')}.`);
    } else {
      notes.push('Dashboard issue: would be created (dry run).');
    }
  }
  core.setOutput('dashboard-issue-number', issueNumber);
  core.setOutput('dashboard-issue-url', issueUrl);
  core.setOutput('dashboard-issue-result', issueResult);

  notes.push(`GitHub API requests: ${requests} (${factRequests} for the facts).`);
  await core.summary.addRaw(renderSummary(doc, config, { now: new Date(), notes })).write();
}
