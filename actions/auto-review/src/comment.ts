import { describeChecks, type CheckItem, type ChecksVerdict } from '../../../src/checks/index.js';
import { short } from '../../../src/review/index.js';
import { COMMENT_MARKER, type CommentFacts } from './review-api.js';

const RESOLVED_MARKER = '<!-- orchestrator:auto-review:resolved -->';

/** What to do with the failing-checks comment after a decision: nothing, create it, or rewrite it. */
export type CommentAction =
  { kind: 'none' } | { kind: 'create'; body: string } | { kind: 'update'; id: number; body: string };

export function findOurComment(comments: readonly CommentFacts[]): CommentFacts | undefined {
  return comments.find((c) => c.body.includes(COMMENT_MARKER));
}

/**
 * Failing checks: one comment naming them (created once, then updated in place when the list
 * changes). Approved (green): an existing comment is marked resolved, once. Anything else leaves it.
 */
export function commentAction(
  existing: CommentFacts | undefined,
  sha: string,
  verdict: ChecksVerdict | null,
  green: boolean,
): CommentAction {
  if (verdict && verdict.failing.length > 0) {
    const body = failingBody(sha, verdict);
    if (!existing) return { kind: 'create', body };
    return existing.body === body ? { kind: 'none' } : { kind: 'update', id: existing.id, body };
  }
  if (green && existing && !existing.body.includes(RESOLVED_MARKER)) {
    return { kind: 'update', id: existing.id, body: resolvedBody(sha, existing.body, verdict) };
  }
  return { kind: 'none' };
}

function link(item: CheckItem): string {
  return item.url ? `[${item.name}](${item.url})` : `\`${item.name}\``;
}

function failingBody(sha: string, verdict: ChecksVerdict): string {
  const lines = [
    COMMENT_MARKER,
    `### Auto-review: ${verdict.failing.length === 1 ? 'a check' : 'checks'} failed on \`${short(sha)}\``,
    '',
    `Not approved: ${verdict.failing.length} of ${verdict.counted} checks on ${sha} finished badly.`,
    '',
    ...verdict.failing.map(
      (c) => `- ${link(c)}: ${c.detail}${c.kind === 'status' ? ' (commit status)' : ''}`,
    ),
  ];
  if (verdict.pending.length > 0) lines.push('', `Still running: ${describeChecks(verdict.pending)}.`);
  lines.push('', '_Auto-review updates this comment in place and approves once every check passes._');
  return lines.join('\n');
}

function resolvedBody(sha: string, previous: string, verdict: ChecksVerdict | null): string {
  const earlier = previous
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
  const count = verdict ? `All ${verdict.counted} checks` : 'All checks';
  return [
    COMMENT_MARKER,
    RESOLVED_MARKER,
    `### Auto-review: resolved`,
    '',
    `${count} on \`${short(sha)}\` passed.${earlier.length > 0 ? ' Failing earlier:' : ''}`,
    ...earlier.map((line) => `- ~~${line}~~`),
  ].join('\n');
}
