import { stripVTControlCharacters } from 'node:util';
import type { StatusDocument, WorkerReport } from '../../src/status/types.js';

/** Terminal rendering for `npm run demo`: plain functions from the actions' outputs to text. */

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Colours when writing to a terminal that wants them (https://no-color.org), plain text otherwise. */
export function paint(enabled: boolean): Paint {
  if (!enabled) {
    const same = (text: string) => text;
    return { bold: same, dim: same, green: same, yellow: same, red: same, cyan: same };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    green: ansi(32, 39),
    yellow: ansi(33, 39),
    red: ansi(31, 39),
    cyan: ansi(36, 39),
  };
}

const width = (text: string) => [...stripVTControlCharacters(text)].length;
const pad = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - width(text)));

/** Columns padded to their widest cell; the first row is the header. */
export function table(rows: string[][], p: Paint): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows
    .map((row, r) => {
      const line = row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i] ?? 0))).join('  ');
      return r === 0 ? p.bold(line) : line;
    })
    .join('\n');
}

export function statusColour(status: string, p: Paint): string {
  if (status === 'merged' || status === 'approved') return p.green(status);
  if (status === 'pr_ready' || status === 'active') return p.cyan(status);
  if (status === 'pending') return p.dim(status);
  return status;
}

function ciColour(ci: string, p: Paint): string {
  if (ci === 'success') return p.green(ci);
  if (ci === 'failure') return p.red(ci);
  if (ci === 'pending') return p.yellow(ci);
  return p.dim(ci);
}

function flags(w: WorkerReport, p: Paint): string {
  const out: string[] = [];
  if (w.stale) out.push(p.yellow('stale'));
  if (w.draft) out.push('draft');
  if (w.conflictsWith && w.conflictsWith.length > 0)
    out.push(p.red(`conflicts: ${w.conflictsWith.join(', ')}`));
  return out.join(', ');
}

function age(date: string | undefined, now: Date): string {
  if (!date) return '';
  const hours = (now.getTime() - Date.parse(date)) / 3_600_000;
  if (!Number.isFinite(hours)) return '';
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))}m ago`;
  if (hours < 48) return `${Math.round(hours)}h ago`;
  return `${Math.round(hours / 24)}d ago`;
}

/** One row per worker: the dashboard's table in a terminal. */
export function statusTable(doc: StatusDocument, p: Paint): string {
  const now = new Date(doc.generatedAt);
  const rows = [
    ['worker', 'priority', 'status', 'ci', 'ahead/behind', 'files', 'last commit', 'PR', 'flags'],
  ];
  for (const [id, w] of Object.entries(doc.workers)) {
    rows.push([
      id,
      w.priority,
      statusColour(w.status, p),
      ciColour(w.ci, p),
      w.head === null ? '' : `${w.ahead ?? '?'}/${w.behind ?? '?'}`,
      w.filesChanged === null ? '' : String(w.filesChanged),
      age(w.lastCommit?.date, now),
      w.pr
        ? `#${w.pr.number}${w.pr.approvals > 0 ? ` (${w.pr.approvals} approval${w.pr.approvals > 1 ? 's' : ''})` : ''}`
        : '',
      flags(w, p),
    ]);
  }
  return table(rows, p);
}

export function checkpointLines(doc: StatusDocument, p: Paint): string[] {
  return Object.entries(doc.checkpoints).map(([id, c]) => {
    const mark = c.reached ? p.green('✓') : p.dim('·');
    const missing = c.reached
      ? ''
      : p.dim(
          ` (waiting for ${c.missing.map((m) => `${m.worker}: ${m.status} → ${m.requires}`).join(', ')})`,
        );
    return `${mark} ${id}: ${c.title}${missing}`;
  });
}

export function totalsLine(doc: StatusDocument): string {
  return Object.entries(doc.totals)
    .map(([status, n]) => `${status} ${n}`)
    .join(' · ');
}

/** What moved between two status documents: `engineer1: pr_ready → merged`. */
export function statusChanges(before: StatusDocument, after: StatusDocument, p: Paint): string[] {
  return Object.entries(after.workers).flatMap(([id, w]) => {
    const was = before.workers[id]?.status;
    return was && was !== w.status ? [`${id}: ${was} → ${statusColour(w.status, p)}`] : [];
  });
}

export function decisionColour(decision: string, p: Paint): string {
  if (decision === 'approved' || decision === 'already-approved') return p.green(decision);
  if (decision === 'blocked') return p.red(decision);
  if (decision === 'waiting') return p.yellow(decision);
  return p.dim(decision);
}

/** The `skipped` output's element (PRODUCT.md § Action 3). */
export interface Skipped {
  worker: string;
  reason: string;
  paths: string[];
  conflictsWith: string[];
}
