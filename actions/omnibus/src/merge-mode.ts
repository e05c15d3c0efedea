import * as core from '@actions/core';
import { evaluateChecks } from '../../../src/checks/index.js';
import { ConfigurationError } from '../../../src/errors.js';
import { Containment } from '../../../src/omnibus/containment.js';
import { planMergeOrder } from '../../../src/omnibus/plan.js';
import { fetchBranches, trackingRef } from '../../../src/omnibus/remote.js';
import { changeRequesters, personOpinions } from '../../../src/review/reviews.js';
import { writeSummary, type OmnibusRun } from './main.js';

/**
 * Merges the open omnibus PR into base as it stands, with a merge commit pinned to the head whose
 * reviews and checks were read — only when a person approved it, nobody requests changes, and every
 * check on that head passed (the same evaluation auto-review uses). Anything else is a refusal.
 */
export async function mergeOmnibusPullRequest(run: OmnibusRun): Promise<void> {
  const { api, config, inputs, context, logger } = run;
  const branch = config.omnibus.branch;
  const pr = await api.findOpenPullRequest(branch, run.base);
  if (!pr) {
    throw new ConfigurationError(
      `There is no open omnibus pull request from ${branch} to ${run.base} to merge: run with \`mode: pr\` first.`,
    );
  }
  const link = `[#${pr.number}](${pr.url})`;
  core.setOutput('pr-number', String(pr.number));
  core.setOutput('pr-url', pr.url);
  core.setOutput('sha', pr.headSha);
  core.setOutput('skipped', '[]');
  core.setOutput('merged', JSON.stringify(await workersIn(run, pr.headSha)));

  const reviews = await api.reviews(pr.number);
  const approvers = [...personOpinions(reviews)]
    .filter(([, r]) => r.state === 'APPROVED')
    .map(([u]) => u)
    .sort();
  const requesters = changeRequesters(reviews);
  const checks = await api.checks(pr.headSha);
  const verdict = evaluateChecks({ ...checks, runId: context.runId || null, jobName: context.job || null });

  const refusals: string[] = [];
  if (pr.draft) refusals.push('it is a draft');
  if (requesters.length > 0) refusals.push(`changes are requested by ${requesters.join(', ')}`);
  else if (approvers.length === 0) refusals.push('nobody has approved it');
  if (verdict.state !== 'success') refusals.push(`its checks are not all green: ${verdict.summary}`);
  if (pr.mergeable === false) refusals.push(`it conflicts with ${run.base}`);

  const lines = [
    `## Omnibus merge: ${config.omnibus.title}`,
    '',
    `Pull request ${link} from \`${branch}\` to \`${run.base}\`, head \`${pr.headSha.slice(0, 7)}\`.`,
    '',
    `- Approved by: ${approvers.join(', ') || 'nobody'}${requesters.length > 0 ? `; changes requested by ${requesters.join(', ')}` : ''}`,
    `- Checks on the head: ${verdict.summary}`,
    '',
  ];
  if (refusals.length > 0) {
    const message = `Not merging omnibus pull request #${pr.number}: ${refusals.join('; ')}.`;
    await writeSummary([...lines, `**Refused:** ${message}`, ''].join('\n'));
    throw new ConfigurationError(message);
  }
  if (inputs.dryRun) {
    await writeSummary(
      [...lines, `**Dry run:** ${link} would be merged into \`${run.base}\` with a merge commit.`, ''].join(
        '\n',
      ),
    );
    return;
  }
  const answer = await api.merge(pr.number, pr.headSha, `Merge omnibus ${branch} (#${pr.number})`);
  if (!answer.merged) {
    const why =
      answer.reason === 'head-moved'
        ? `its head moved after it was checked (${answer.message}); nothing was merged — run again to check the new head`
        : `GitHub refused the merge: ${answer.message}`;
    const message = `Not merging omnibus pull request #${pr.number}: ${why}.`;
    await writeSummary([...lines, `**Refused:** ${message}`, ''].join('\n'));
    throw new ConfigurationError(message);
  }
  logger.info(`Merged #${pr.number} into ${run.base} as ${answer.sha}.`);
  await writeSummary(
    [...lines, `**Merged** ${link} into \`${run.base}\` as \`${answer.sha.slice(0, 7)}\`.`, ''].join('\n'),
  );
}

/** The workers whose commits `head` holds (beyond base), in merge order; [] without a usable checkout. */
async function workersIn(run: OmnibusRun, head: string): Promise<string[]> {
  const { git, config, logger } = run;
  try {
    const fetched = await fetchBranches(git, 'origin', [
      run.base,
      config.omnibus.branch,
      ...config.workers.map((w) => w.branch),
    ]);
    const baseTip = fetched.get(run.base);
    if (!baseTip || (await git.revParse(head)) === null) return [];
    const present = config.workers.filter((w) => fetched.has(w.branch));
    const containment = await Containment.compute(
      git,
      present.map((w) => trackingRef('origin', w.branch)),
      present.map((w) => fetched.get(w.branch)!.sha),
      baseTip.sha,
      head,
    );
    const merged: string[] = [];
    for (const { worker } of planMergeOrder(config.workers).steps) {
      const tip = fetched.get(worker.branch)?.sha;
      if (tip && !containment.inBase(tip) && (await containment.contained(git, tip, head)))
        merged.push(worker.id);
    }
    return merged;
  } catch (error) {
    logger.warning(
      `Could not tell which workers the omnibus head holds (is there a checkout?): ${String(error)}`,
    );
    return [];
  }
}
