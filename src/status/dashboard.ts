import { type OrchestratorConfig, PRIORITIES } from '../config/types.js';
import { atLeast } from './derive.js';
import {
  cell,
  checkpointsTable,
  ciText,
  formatDate,
  shortSha,
  statusPie,
  statusText,
  totalsLine,
  warningLines,
} from './render.js';
import type { StatusDocument, WorkerReport } from './types.js';

/** How the dashboard issue is found again, whatever its title. */
export const DASHBOARD_MARKER = '<!-- orchestrator:status-dashboard -->';
/** GitHub refuses an issue body over 65 536 characters. */
export const ISSUE_BODY_LIMIT = 65_536;
/** The line that changes on every run; ignored when deciding whether the dashboard changed. */
const GENERATED_PREFIX = '<sub>Updated ';

export interface DashboardOptions {
  /** Link to the run that wrote the dashboard. */
  runUrl?: string | null;
  limit?: number;
}

/**
 * The dashboard issue body. The header (marker, title, update line, totals) always stays; when the
 * body would exceed the limit the least important part goes first: the picture, then worker rows
 * (merged and lower priority first), then warnings and checkpoints.
 */
export function renderDashboard(
  doc: StatusDocument,
  config: OrchestratorConfig,
  options: DashboardOptions = {},
): string {
  const limit = options.limit ?? ISSUE_BODY_LIMIT;
  const run = options.runUrl ? ` by [this run](${options.runUrl})` : '';
  const header = [
    DASHBOARD_MARKER,
    `# ${cell(doc.project)}: worker status`,
    '',
    `${GENERATED_PREFIX}${formatDate(doc.generatedAt)}${run}.</sub>`,
    '',
    `Base \`${doc.base}\` · omnibus \`${doc.omnibus.branch}\`${doc.omnibus.exists ? ` at ${shortSha(doc.omnibus.sha)}` : ' (not created yet)'}`,
    '',
    totalsLine(doc),
    '',
  ].join('\n');

  const warnings = warningLines(doc);
  const checkpoints = checkpointsTable(doc);
  const rows = Object.entries(doc.workers).map(([id, w]) => ({ id, w, line: dashboardRow(id, w) }));
  const picture = statusPie(doc);

  const compose = (p: {
    picture: boolean;
    rows: typeof rows;
    warnings: string[];
    checkpoints: string;
  }): string => {
    const hidden = Object.keys(doc.workers).length - p.rows.length;
    const shown = new Set(p.rows.map((r) => r.id));
    const parts = [header];
    if (p.warnings.length > 0) {
      const more = warnings.length - p.warnings.length;
      parts.push('## Warnings', '', ...p.warnings.map((l) => `- ${l}`));
      if (more > 0) parts.push(`- … and ${more} more (see the run's job summary)`);
      parts.push('');
    }
    parts.push('## Checkpoints', '', p.checkpoints, '', '## Workers', '', ...WORKERS_HEADER);
    parts.push(...rows.filter((r) => shown.has(r.id)).map((r) => r.line));
    if (hidden > 0) {
      parts.push(
        '',
        `_${hidden} worker${hidden === 1 ? '' : 's'} not shown to keep this issue under GitHub's size limit (merged and lower priority first); the run's job summary lists every worker._`,
      );
    }
    if (p.picture && picture !== '') parts.push('', picture);
    parts.push('');
    return parts.join('\n');
  };

  let plan = { picture: true, rows, warnings, checkpoints };
  let body = compose(plan);
  if (body.length <= limit) return body;

  plan = { ...plan, picture: false };
  body = compose(plan);
  if (body.length <= limit) return body;

  // Drop worker rows, least important first, until the body fits.
  const byImportance = [...rows].sort((a, b) => importance(b.w) - importance(a.w));
  const fits = (keep: number): boolean =>
    compose({ ...plan, rows: byImportance.slice(0, keep) }).length <= limit;
  let low = 0;
  let high = byImportance.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  const keep = low;
  plan = { ...plan, rows: byImportance.slice(0, keep) };
  body = compose(plan);
  if (body.length <= limit) return body;

  let w = warnings.length;
  while (w > 0 && compose({ ...plan, warnings: warnings.slice(0, w) }).length > limit) w = Math.floor(w / 2);
  plan = { ...plan, warnings: warnings.slice(0, w) };
  body = compose(plan);
  if (body.length <= limit) return body;

  plan = { ...plan, checkpoints: "_Checkpoints omitted for size; see the run's job summary._" };
  body = compose(plan);
  return body.length <= limit ? body : `${body.slice(0, limit - 2)}\n`;
}

/** Whether two dashboard bodies say the same thing (the update line aside). */
export function sameDashboard(a: string, b: string): boolean {
  return withoutVolatile(a) === withoutVolatile(b);
}

function withoutVolatile(body: string): string {
  return body
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l) => !l.startsWith(GENERATED_PREFIX))
    .join('\n')
    .trim();
}

const WORKERS_HEADER = [
  '| Worker | Role | Priority | Status | Ahead / behind | Files | Last commit | PR | Approvals | CI | Conflicts |',
  '|---|---|---|---|---:|---:|---|---|---:|---|---|',
];

function dashboardRow(id: string, w: WorkerReport): string {
  const aheadBehind = w.ahead === null || w.behind === null ? '—' : `${w.ahead} / ${w.behind}`;
  const last = w.lastCommit
    ? `\`${shortSha(w.lastCommit.sha)}\` ${formatDate(w.lastCommit.date)}${w.stale ? ' ⚠️ stale' : ''}`
    : '—';
  const pr = w.pr ? `[#${w.pr.number}](${w.pr.url})` : '—';
  const conflicts = w.conflictsWith === null ? 'n/a' : w.conflictsWith.join(', ') || '—';
  return `| **${cell(id)}** \`${cell(w.branch)}\` | ${cell(w.role)} | ${w.priority} | ${statusText(w)} | ${aheadBehind} | ${w.filesChanged ?? '—'} | ${last} | ${pr} | ${w.pr ? w.pr.approvals : '—'} | ${ciText(w.ci)} | ${cell(conflicts)} |`;
}

/** Higher is more important to keep: unfinished before merged, then by priority, trouble first. */
function importance(w: WorkerReport): number {
  const unfinished = atLeast(w.status, 'merged') ? 0 : 100;
  const priority = (PRIORITIES.length - PRIORITIES.indexOf(w.priority)) * 10;
  const trouble =
    (w.stale ? 1 : 0) + (w.ci === 'failure' ? 2 : 0) + ((w.conflictsWith?.length ?? 0) > 0 ? 4 : 0);
  return unfinished + priority + trouble;
}
