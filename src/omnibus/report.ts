/** Markdown for the omnibus job summary and the omnibus pull request body. Pure. */
import { cell, mermaidText } from '../status/render.js';
import type { CommitRef, MergeConflict, OmnibusResult, WorkerOutcome } from './types.js';

/** The hidden marker in the omnibus PR body. */
export const OMNIBUS_MARKER = '<!-- orchestrator:omnibus -->';
/** GitHub refuses PR bodies longer than this. */
export const PR_BODY_LIMIT = 65_536;

/** A worker's own pull request, as the body links it. */
export interface WorkerPullRequest {
  number: number;
  url: string;
  draft: boolean;
}

const short = (sha: string): string => sha.slice(0, 7);
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

const OUTCOME_TEXT: Record<WorkerOutcome['kind'], string> = {
  merged: '🟣 merged',
  'already-merged': '🟣 already merged',
  skipped: '⚠️ skipped',
  'no-branch': '— no branch',
  'no-commits': '— no commits of its own',
};

function outcomeText(o: WorkerOutcome, dryRun: boolean): string {
  if (dryRun && o.kind === 'merged')
    return `🟢 merges clean${o.commit ? ` (would be ${short(o.commit)})` : ''}`;
  if (o.kind === 'skipped' && o.conflict) return `⚠️ conflict with ${o.conflict.conflictsWith.join(', ')}`;
  if (o.kind === 'skipped') return `⚠️ ${o.skipReason ?? 'skipped'}`;
  if (o.kind === 'merged' && o.commit) return `🟣 merged (${short(o.commit)})`;
  return OUTCOME_TEXT[o.kind];
}

/** A picture of the integration: base, the merged workers in order into the omnibus branch, the skipped ones beside. */
export function integrationDiagram(result: OmnibusResult): string {
  const lines = ['```mermaid', 'flowchart LR'];
  const node = new Map(result.outcomes.map((o, i) => [o.worker.id, `w${i + 1}`]));
  lines.push(`  base["${mermaidText(result.base)}"]`, `  omnibus["${mermaidText(result.branch)}"]`);
  let previous = 'base';
  for (const o of result.outcomes) {
    const id = node.get(o.worker.id)!;
    const label = `${o.position}. ${mermaidText(o.worker.id)}<br/>${o.worker.priority}`;
    if (o.kind === 'merged' || o.kind === 'already-merged') {
      lines.push(`  ${id}["${label}"]:::merged`, `  ${previous} --> ${id}`);
      previous = id;
    } else if (o.kind === 'skipped') {
      lines.push(`  ${id}["${label}"]:::skipped`);
      for (const other of o.conflict?.conflictsWith ?? []) {
        const target = other === 'base' ? 'base' : (node.get(other) ?? 'omnibus');
        lines.push(`  ${id} -. conflict .- ${target}`);
      }
    }
  }
  lines.push(`  ${previous} --> omnibus`);
  for (const o of result.outcomes) {
    if (o.kind !== 'skipped' || o.conflict) continue;
    for (const dep of o.worker.dependsOn) {
      const from = node.get(dep);
      if (from) lines.push(`  ${from} -. depends on .-> ${node.get(o.worker.id)!}`);
    }
  }
  lines.push(
    '  classDef merged fill:#e6d9f7,stroke:#6f42c1',
    '  classDef skipped fill:#fde2e1,stroke:#cf222e',
    '```',
  );
  return lines.join('\n');
}

function commitsText(commits: CommitRef[]): string {
  return commits.map((c) => `${code(short(c.sha))} ${cell(c.subject)}`).join('<br/>') || '—';
}

/** One table per conflict: each side with its branch, its paths and its commits that touched them. */
export function conflictDetails(conflict: MergeConflict): string {
  const rows = conflict.sides.map(
    (s) =>
      `| ${cell(s.name)} | ${code(s.branch)} | ${s.paths.map(code).join(', ')} | ${commitsText(s.commits)} |`,
  );
  return [
    `**${cell(conflict.worker)}** conflicts with ${conflict.conflictsWith.map((c) => `**${cell(c)}**`).join(', ')}:`,
    '',
    '| side | branch | paths | commits |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function orderTable(result: OmnibusResult): string {
  return [
    '| # | worker | priority | depends on | why here | outcome |',
    '|---|---|---|---|---|---|',
    ...result.outcomes.map(
      (o) =>
        `| ${o.position} | ${cell(o.worker.id)} | ${o.worker.priority} | ${cell(o.worker.dependsOn.join(', ')) || '—'} | ` +
        `${cell(o.orderReason)} | ${outcomeText(o, result.dryRun)} |`,
    ),
  ].join('\n');
}

function skippedTable(result: OmnibusResult): string {
  return [
    '| worker | reason | paths | conflicts with |',
    '|---|---|---|---|',
    ...result.skipped.map(
      (s) =>
        `| ${cell(s.worker)} | ${cell(s.reason)} | ${s.paths.map(code).join(', ') || '—'} | ${cell(s.conflictsWith.join(', ')) || '—'} |`,
    ),
  ].join('\n');
}

function handCommitsText(result: OmnibusResult): string[] {
  const out: string[] = [];
  const list = (commits: CommitRef[]): string =>
    commits.map((c) => `- ${code(short(c.sha))} ${c.subject}`).join('\n');
  if (result.handCommits.kept.length > 0) {
    out.push(
      `**Hand commits kept** (on ${code(result.branch)}, from no worker branch):`,
      '',
      list(result.handCommits.kept),
      '',
    );
  }
  if (result.handCommits.dropped.length > 0) {
    out.push(
      `**Hand commits dropped** by the forced rebuild (still reachable by their sha for a while):`,
      '',
      list(result.handCommits.dropped),
      '',
    );
  }
  return out;
}

function headline(result: OmnibusResult): string {
  const sha = code(short(result.sha));
  if (result.previousSha === null && !result.changed) {
    return `Nothing to integrate: no worker branch has commits of its own beyond ${code(result.base)}; ${code(result.branch)} was not created.`;
  }
  if (result.dryRun) {
    return result.changed
      ? `**Dry run**: nothing was pushed. ${code(result.branch)} would be at ${sha}.`
      : `**Dry run**: nothing was pushed; nothing new: ${code(result.branch)} stays at ${sha}.`;
  }
  if (result.pushed)
    return `${code(result.branch)} is now at ${sha}${result.previousSha ? ` (was ${code(short(result.previousSha))})` : ' (new branch)'}.`;
  return `Nothing new: ${code(result.branch)} stays at ${sha}.`;
}

function baseSyncText(result: OmnibusResult): string | null {
  switch (result.baseSync.kind) {
    case 'merged':
      return `New commits of ${code(result.base)} were merged into ${code(result.branch)}.`;
    case 'fast-forward':
      return `${code(result.branch)} was behind ${code(result.base)} with nothing of its own: it starts again from ${code(result.base)}.`;
    case 'conflict':
      return `⚠️ ${code(result.base)} could not be merged into ${code(result.branch)} (conflicts in ${result.baseSync.paths.map(code).join(', ')}); resolve it by hand on the branch, or rebuild.`;
    case 'rebuilt':
      return `Rebuilt from ${code(result.base)} (${code(short(result.baseSha))}).`;
    default:
      return null;
  }
}

/** The job summary of a build (modes build and pr). */
export function buildSummary(
  result: OmnibusResult,
  extra: { title: string; prLine?: string | null },
): string {
  const merged = result.outcomes.filter((o) => o.kind === 'merged');
  const already = result.outcomes.filter((o) => o.kind === 'already-merged');
  const absent = result.outcomes.filter((o) => o.kind === 'no-branch' || o.kind === 'no-commits');
  const parts = [
    `## Omnibus: ${extra.title}`,
    '',
    headline(result),
    ...(result.attempts > 1
      ? ['', `The branch moved on the remote during the run; the run started over once.`]
      : []),
    ...(baseSyncText(result) ? ['', baseSyncText(result)!] : []),
    ...(extra.prLine ? ['', extra.prLine] : []),
    '',
    `${result.dryRun ? 'Would merge clean' : 'Merged now'}: ${merged.map((o) => o.worker.id).join(', ') || 'none'}. ` +
      `Already merged: ${already.map((o) => o.worker.id).join(', ') || 'none'}. ` +
      `Skipped: ${result.skipped.map((s) => s.worker).join(', ') || 'none'}. ` +
      `Not included (no branch or no commits of their own): ${absent.map((o) => o.worker.id).join(', ') || 'none'}.`,
    '',
    '### Merge order',
    '',
    orderTable(result),
    '',
    integrationDiagram(result),
    '',
  ];
  if (result.skipped.length > 0) {
    parts.push('### Skipped', '', skippedTable(result), '');
    for (const o of result.outcomes) if (o.conflict) parts.push(conflictDetails(o.conflict), '');
  }
  parts.push(...handCommitsText(result));
  return parts.join('\n');
}

/**
 * The omnibus PR body: every merged worker (id, role, branch, PR, status) and every skipped one with
 * its paths and the other side, and the picture. It depends only on the branch's content and the
 * workers' PRs, so a re-run with nothing new leaves it as it is. Kept under GitHub's limit by
 * dropping detail first, then rows.
 */
export function pullRequestBody(
  result: OmnibusResult,
  prs: ReadonlyMap<string, WorkerPullRequest>,
  extra: { title: string; limit?: number },
): string {
  const limit = extra.limit ?? PR_BODY_LIMIT;
  const merged = result.outcomes.filter((o) => o.kind === 'merged' || o.kind === 'already-merged');
  const skipped = result.outcomes.filter((o) => o.kind === 'skipped');
  const prText = (id: string): string => {
    const pr = prs.get(id);
    return pr ? `[#${pr.number}](${pr.url})${pr.draft ? ' (draft)' : ''}` : '—';
  };
  const mergedRows = merged.map(
    (o) =>
      `| ${o.position} | ${cell(o.worker.id)} | ${cell(o.worker.role)} | ${code(o.worker.branch)} | ${prText(o.worker.id)} | 🟣 merged |`,
  );
  const skippedRows = skipped.map((o) => {
    const paths = o.conflict?.paths.map(code).join(', ') || '—';
    const other = o.conflict?.conflictsWith.join(', ') || '—';
    return `| ${cell(o.worker.id)} | ${cell(o.worker.role)} | ${code(o.worker.branch)} | ${prText(o.worker.id)} | ${cell(o.skipReason ?? '')} | ${paths} | ${cell(other)} |`;
  });

  const render = (detail: boolean, picture: boolean, maxRows: number): string => {
    const cut = (rows: string[]): string[] =>
      rows.length > maxRows
        ? [...rows.slice(0, maxRows), `| … ${rows.length - maxRows} more in the run's summary | | | | | |`]
        : rows;
    const parts = [
      OMNIBUS_MARKER,
      `Integrates ${merged.length} worker branch(es) into ${code(result.base)} through ${code(result.branch)}. ` +
        'Written by the omnibus action; rewritten on every build.',
      '',
      ...(picture ? [integrationDiagram(result), ''] : []),
      `### Merged (${merged.length})`,
      '',
      '| # | worker | role | branch | pull request | status |',
      '|---|---|---|---|---|---|',
      ...cut(mergedRows),
      '',
    ];
    if (skipped.length > 0) {
      parts.push(
        `### Skipped (${skipped.length})`,
        '',
        '| worker | role | branch | pull request | reason | paths | conflicts with |',
        '|---|---|---|---|---|---|---|',
        ...cut(skippedRows),
        '',
      );
      if (detail) for (const o of skipped) if (o.conflict) parts.push(conflictDetails(o.conflict), '');
    }
    return parts.join('\n');
  };

  const attempts: [boolean, boolean, number][] = [
    [true, true, Infinity],
    [false, true, Infinity],
    [false, false, Infinity],
    [false, false, 200],
    [false, false, 50],
  ];
  for (const [detail, picture, rows] of attempts) {
    const body = render(detail, picture, rows);
    if (body.length < limit) return body;
  }
  return render(false, false, 10).slice(0, limit - 1);
}
