import type { PullRequestOutcome } from './review-pull-request.js';

/** The `decisions` output: every decision of the run, by PR number. */
export function decisionsJson(outcomes: readonly PullRequestOutcome[]): string {
  return JSON.stringify(
    outcomes.map((o) => ({
      pullRequest: o.pullRequest,
      sha: o.sha,
      decision: o.decision,
      reason: o.reason,
      worker: o.worker,
      url: o.url,
    })),
  );
}

const ICONS: Record<PullRequestOutcome['decision'], string> = {
  approved: '✅',
  'already-approved': '✅',
  waiting: '⏳',
  blocked: '⛔',
  skipped: '➖',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The job summary: one row per pull request decided. */
export function summaryMarkdown(
  outcomes: readonly PullRequestOutcome[],
  context: { why: string; dryRun: boolean; nothing?: string },
): string {
  const lines = [
    `## Auto-review`,
    '',
    `Trigger: ${cell(context.why)}${context.dryRun ? ' · **dry run**: nothing written' : ''}`,
    '',
  ];
  if (outcomes.length === 0) {
    lines.push(context.nothing ?? 'Nothing to decide.');
    return lines.join('\n') + '\n';
  }
  lines.push('| PR | worker | head | decision | checks | reason |', '|---|---|---|---|---|---|');
  for (const o of outcomes) {
    const pr = o.url ? `[#${o.pullRequest}](${o.url})` : `#${o.pullRequest}`;
    lines.push(
      `| ${pr} | ${o.worker ?? ''} | ${o.sha ? `\`${o.sha.slice(0, 7)}\`` : ''} | ${ICONS[o.decision]} ${o.decision} | ${o.checks ?? ''} | ${cell(o.reason)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
