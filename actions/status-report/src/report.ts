import { WORKER_STATUSES } from '../../../src/config/types.js';
import type { StatusDocument } from '../../../src/status/types.js';

/** A plain-text table for the run log (the job summary carries the rich version). */
export function consoleReport(doc: StatusDocument): string {
  const rows = Object.entries(doc.workers).map(([id, w]) => [
    id,
    w.status + (w.draft ? ' (draft)' : ''),
    w.branch,
    w.ahead === null ? '-' : `+${w.ahead}/-${w.behind ?? '?'}`,
    w.pr ? `#${w.pr.number}` : '-',
    `ci ${w.ci}`,
    [w.stale ? 'stale' : '', w.conflictsWith?.length ? `conflicts: ${w.conflictsWith.join(',')}` : '']
      .filter(Boolean)
      .join(' '),
  ]);
  const widths = rows.reduce<number[]>((acc, row) => row.map((c, i) => Math.max(acc[i] ?? 0, c.length)), []);
  const lines = rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const checkpoints = Object.entries(doc.checkpoints).map(
    ([id, c]) =>
      `  ${c.reached ? '[x]' : '[ ]'} ${id}: ${c.title}${c.missing.length ? ` (missing: ${c.missing.map((m) => `${m.worker} ${m.status} -> ${m.requires}`).join(', ')})` : ''}`,
  );
  const totals = WORKER_STATUSES.map((s) => `${s} ${doc.totals[s]}`).join(', ');
  return [
    `${doc.project}: worker status (base ${doc.base}, generated ${doc.generatedAt})`,
    ...lines.map((l) => `  ${l}`),
    ...(checkpoints.length ? ['Checkpoints:', ...checkpoints] : []),
    `Totals: ${totals}`,
  ].join('\n');
}
