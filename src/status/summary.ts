import type { OrchestratorConfig } from '../config/types.js';
import {
  activityChart,
  cell,
  checkpointsTable,
  ciText,
  dependencyGraph,
  formatAge,
  shortSha,
  statusPie,
  statusText,
  totalsLine,
  totalsTable,
  warningLines,
} from './render.js';
import type { StatusDocument, WorkerReport } from './types.js';

/** GitHub refuses a step summary over 1 MiB. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface SummaryOptions {
  now: Date;
  /** Mentioned under the title, e.g. "dry run: nothing was written to GitHub". */
  notes?: string[];
  /** Default: GitHub's 1 MiB. */
  limitBytes?: number;
}

/** The job summary: warnings, totals, pictures, one row per worker, checkpoint progress. */
export function renderSummary(
  doc: StatusDocument,
  config: OrchestratorConfig,
  options: SummaryOptions,
): string {
  const omnibus = doc.omnibus.exists
    ? `\`${doc.omnibus.branch}\` at ${shortSha(doc.omnibus.sha)}`
    : `\`${doc.omnibus.branch}\` (not created yet)`;
  const warnings = warningLines(doc);
  const dependsOn = Object.fromEntries(config.workers.map((w) => [w.id, w.dependsOn]));
  const total = Object.keys(doc.workers).length;
  const compose = (rows: number, graph: boolean): string =>
    [
      `# ${cell(doc.project)}: worker status`,
      '',
      `Generated ${doc.generatedAt} · base \`${doc.base}\` · omnibus ${omnibus}`,
      ...(options.notes ?? []).map((n) => `\n> ${n}`),
      '',
      totalsLine(doc),
      '',
      ...(warnings.length > 0 ? ['## Warnings', '', ...warnings.map((w) => `- ${w}`), ''] : []),
      '## Workers',
      '',
      workersTable(doc, options.now, rows),
      rows < total
        ? `\n_${total - rows} more workers not shown: GitHub limits a job summary to 1 MiB; the status JSON has them all._\n`
        : '',
      Object.values(doc.workers).some((w) => w.conflictsWith === null)
        ? '_Conflict forecast not available: no git checkout at GITHUB_WORKSPACE._\n'
        : '',
      '## Checkpoints',
      '',
      checkpointsTable(doc),
      '',
      '## Totals',
      '',
      totalsTable(doc),
      '',
      statusPie(doc),
      '',
      ...(graph ? ['## Dependencies', '', dependencyGraph(doc, dependsOn), ''] : []),
      '## Recent activity',
      '',
      activityChart(doc, options.now),
      '',
    ].join('\n');

  // Far beyond 200 workers: the dependency graph goes first, then table rows from the end.
  const limit = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const fits = (text: string): boolean => Buffer.byteLength(text, 'utf8') <= limit;
  const full = compose(total, true);
  if (fits(full)) return full;
  let low = 0;
  let high = total;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(compose(mid, false))) low = mid;
    else high = mid - 1;
  }
  return compose(low, false);
}

export function workersTable(doc: StatusDocument, now: Date, rows = Infinity): string {
  const header = [
    '| Worker | Role | Priority | Status | Ahead / behind | Files | Last commit | PR | Approvals | CI | Conflicts |',
    '|---|---|---|---|---:|---:|---|---|---:|---|---|',
  ];
  const shown = Object.entries(doc.workers).slice(0, rows);
  return [...header, ...shown.map(([id, w]) => workerRow(id, w, now))].join('\n');
}

function workerRow(id: string, w: WorkerReport, now: Date): string {
  const aheadBehind = w.ahead === null || w.behind === null ? '—' : `${w.ahead} / ${w.behind}`;
  const last = w.lastCommit
    ? `\`${shortSha(w.lastCommit.sha)}\` ${cell(w.lastCommit.message)} (${cell(w.lastCommit.author)}, ${formatAge(w.lastCommit.date, now)})${w.stale ? ' ⚠️ stale' : ''}`
    : '—';
  const pr = w.pr ? `[#${w.pr.number}](${w.pr.url})${w.pr.draft ? ' draft' : ''}` : '—';
  const conflicts =
    w.conflictsWith === null ? 'n/a' : w.conflictsWith.length === 0 ? '—' : w.conflictsWith.join(', ');
  return [
    '',
    `**${cell(id)}** \`${cell(w.branch)}\``,
    cell(w.role),
    w.priority,
    statusText(w),
    aheadBehind,
    w.filesChanged === null ? '—' : String(w.filesChanged),
    last,
    pr,
    w.pr ? String(w.pr.approvals) : '—',
    ciText(w.ci),
    cell(conflicts),
    '',
  ]
    .join(' | ')
    .trim();
}
