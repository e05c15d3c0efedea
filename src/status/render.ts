/** Markdown pieces shared by the job summary and the dashboard issue. */
import { WORKER_STATUSES, type WorkerStatus } from '../config/types.js';
import type { CiState, StatusDocument, WorkerReport } from './types.js';

export const STATUS_ICON: Record<WorkerStatus, string> = {
  pending: '⏳',
  launched: '🚀',
  active: '🛠️',
  pr_ready: '👀',
  approved: '✅',
  merged: '🟣',
};

const CI_TEXT: Record<CiState, string> = {
  success: '✅ success',
  failure: '❌ failure',
  pending: '⏳ pending',
  none: '—',
};

/** Text safe inside one markdown table cell. */
export function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}

/** Text safe inside a quoted mermaid label. */
export function mermaidText(text: string): string {
  return text.replace(/["\r\n`]/g, ' ').replace(/[<>]/g, '');
}

export function shortSha(sha: string | null): string {
  return sha === null ? '—' : sha.slice(0, 7);
}

export function formatAge(date: string, now: Date): string {
  const ms = now.getTime() - Date.parse(date);
  if (!Number.isFinite(ms)) return '';
  const hours = Math.floor(Math.max(ms, 0) / 3_600_000);
  if (hours < 1) return `${Math.floor(Math.max(ms, 0) / 60_000)}m ago`;
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

/** `2026-11-23 02:00 UTC`: stable text (a relative age would change the dashboard on every run). */
export function formatDate(date: string): string {
  const t = Date.parse(date);
  return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC` : date;
}

export function statusText(w: WorkerReport): string {
  return `${STATUS_ICON[w.status]} ${w.status}${w.draft ? ' (draft)' : ''}`;
}

export function ciText(ci: CiState): string {
  return CI_TEXT[ci];
}

export function totalsLine(doc: StatusDocument): string {
  const count = Object.keys(doc.workers).length;
  const parts = WORKER_STATUSES.map((s) => `${STATUS_ICON[s]} ${s} **${doc.totals[s]}**`);
  return `${count} worker${count === 1 ? '' : 's'}: ${parts.join(' · ')}`;
}

export function totalsTable(doc: StatusDocument): string {
  return [
    `| ${WORKER_STATUSES.join(' | ')} |`,
    `|${WORKER_STATUSES.map(() => '---:').join('|')}|`,
    `| ${WORKER_STATUSES.map((s) => doc.totals[s]).join(' | ')} |`,
  ].join('\n');
}

export function checkpointsTable(doc: StatusDocument): string {
  const entries = Object.entries(doc.checkpoints);
  if (entries.length === 0) return '_No checkpoints configured._';
  const reached = entries.filter(([, c]) => c.reached).length;
  const rows = entries.map(([id, c]) => {
    const missing = c.missing.map((m) => `${m.worker}: ${m.status} → needs ${m.requires}`).join('; ');
    return `| ${cell(id)} | ${cell(c.title)} | ${c.reached ? '✅ reached' : '⬜ not yet'} | ${cell(missing) || '—'} |`;
  });
  return [
    `${reached} of ${entries.length} checkpoints reached.`,
    '',
    '| Checkpoint | Title | Reached | Missing |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Warnings worth a lead's attention: stale workers, red CI, forecast conflicts. */
export function warningLines(doc: StatusDocument): string[] {
  const lines: string[] = [];
  for (const [id, w] of Object.entries(doc.workers)) {
    if (w.stale)
      lines.push(
        `⚠️ **${id}** is stale: last commit ${w.lastCommit ? formatDate(w.lastCommit.date) : 'unknown'}`,
      );
  }
  for (const [id, w] of Object.entries(doc.workers)) {
    if (w.ci === 'failure') lines.push(`❌ **${id}**: CI is failing on ${shortSha(w.head)}`);
  }
  const pairs = new Set<string>();
  for (const [id, w] of Object.entries(doc.workers)) {
    for (const other of w.conflictsWith ?? []) pairs.add([id, other].sort().join(' ↔ '));
  }
  for (const pair of [...pairs].sort()) lines.push(`💥 conflict forecast: **${pair}** conflict when merged`);
  return lines;
}

export function statusPie(doc: StatusDocument): string {
  const slices = WORKER_STATUSES.filter((s) => doc.totals[s] > 0).map((s) => `  "${s}" : ${doc.totals[s]}`);
  if (slices.length === 0) return '';
  return ['```mermaid', 'pie showData title Workers by status', ...slices, '```'].join('\n');
}

/** Dependency graph, nodes coloured by status, conflict pairs as dotted red links. */
export function dependencyGraph(doc: StatusDocument, dependsOn: Record<string, string[]>): string {
  const ids = Object.keys(doc.workers);
  const node = new Map(ids.map((id, i) => [id, `w${i}`]));
  const lines = ['```mermaid', 'flowchart LR'];
  for (const [id, w] of Object.entries(doc.workers)) {
    lines.push(`  ${node.get(id)}["${mermaidText(id)}<br/>${w.status}"]:::${w.status}`);
  }
  for (const [id, deps] of Object.entries(dependsOn)) {
    for (const dep of deps)
      if (node.has(dep) && node.has(id)) lines.push(`  ${node.get(dep)} --> ${node.get(id)}`);
  }
  const seen = new Set<string>();
  for (const [id, w] of Object.entries(doc.workers)) {
    for (const other of w.conflictsWith ?? []) {
      const key = [id, other].sort().join('\0');
      if (seen.has(key) || !node.has(other)) continue;
      seen.add(key);
      lines.push(`  ${node.get(id)} -. conflict .- ${node.get(other)}`);
    }
  }
  lines.push(
    '  classDef pending fill:#eeeeee,stroke:#999999',
    '  classDef launched fill:#ddf4ff,stroke:#54aeff',
    '  classDef active fill:#fff8c5,stroke:#d4a72c',
    '  classDef pr_ready fill:#ffe2cc,stroke:#fb8f44',
    '  classDef approved fill:#dafbe1,stroke:#4ac26b',
    '  classDef merged fill:#fbefff,stroke:#c297ff',
    '```',
  );
  return lines.join('\n');
}

/** Recent activity: hours since each worker's last commit (the 30 most recently active). */
export function activityChart(doc: StatusDocument, now: Date): string {
  const ages = Object.entries(doc.workers)
    .flatMap(([id, w]) =>
      w.lastCommit ? [{ id, hours: (now.getTime() - Date.parse(w.lastCommit.date)) / 3_600_000 }] : [],
    )
    .filter((a) => Number.isFinite(a.hours))
    .sort((a, b) => a.hours - b.hours)
    .slice(0, 30);
  if (ages.length === 0) return '';
  const labels = ages.map((a) => `"${mermaidText(a.id)}"`).join(', ');
  const values = ages.map((a) => Math.max(0, Math.round(a.hours * 10) / 10)).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Hours since the last commit"',
    `  x-axis [${labels}]`,
    '  y-axis "hours"',
    `  bar [${values}]`,
    '```',
  ].join('\n');
}
