/**
 * Facts git answers for free in a checkout: branch heads, containment in base and the omnibus
 * branch, base's first-parent history, ahead/behind and changed paths.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Git } from '../git/git.js';
import type { Logger } from '../logger.js';
import type { CommitFact, Containment } from './types.js';

export interface GitBranchFacts {
  head: string;
  lastCommit: CommitFact | null;
  containment: Containment;
  ahead: number;
  behind: number;
  /** Paths changed since the merge base with base (`git diff base...head`). */
  changedPaths: string[];
}

export interface GitFacts {
  base: string;
  baseSha: string | null;
  omnibusSha: string | null;
  /** Only branches that exist on origin. */
  branches: Map<string, GitBranchFacts>;
}

/** A usable checkout: GITHUB_WORKSPACE with a .git and an `origin` remote. */
export async function hasCheckout(git: Git): Promise<boolean> {
  if (!existsSync(path.join(git.cwd, '.git'))) return false;
  const origin = await git.exec(['remote', 'get-url', 'origin']);
  return origin.exitCode === 0 && origin.stdout.trim() !== '';
}

/** The default branch of origin, from its HEAD symref (no API request). */
export async function originDefaultBranch(git: Git): Promise<string | null> {
  const result = await git.exec(['ls-remote', '--symref', 'origin', 'HEAD']);
  const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(result.stdout);
  return match?.[1] ?? null;
}

const remoteRef = (branch: string): string => `refs/remotes/origin/${branch}`;

/**
 * Fetches base, the omnibus branch and every worker branch that exists on origin (one `git ls-remote`,
 * one `git fetch` with many refspecs), then reads the facts from the local copies.
 */
export async function collectGitFacts(
  git: Git,
  request: { base: string; omnibus: string; branches: string[] },
  logger: Logger,
): Promise<GitFacts> {
  const heads = await git.lsRemote('origin', ['refs/heads/*']);
  const onOrigin = (branch: string): string | undefined => heads.get(`refs/heads/${branch}`);
  const wanted = [...new Set([request.base, request.omnibus, ...request.branches])].filter((b) =>
    onOrigin(b),
  );
  if (wanted.length > 0) {
    const shallow = (await git.exec(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    if (shallow)
      logger.info('The checkout is shallow; fetching full history for containment and the forecast.');
    const refspecs = wanted.map((b) => `+refs/heads/${b}:${remoteRef(b)}`);
    await git.run([
      'fetch',
      '--no-tags',
      '--quiet',
      ...(shallow ? ['--unshallow'] : []),
      'origin',
      ...refspecs,
    ]);
  }
  const baseSha = onOrigin(request.base) ?? null;
  const omnibusSha = onOrigin(request.omnibus) ?? null;
  const facts: GitFacts = { base: request.base, baseSha, omnibusSha, branches: new Map() };
  const workerBranches = [...new Set(request.branches)].filter((b) => onOrigin(b));
  if (baseSha === null) {
    logger.warning(`Base branch ${request.base} does not exist on origin; containment cannot be computed.`);
    return facts;
  }

  const firstParent = new Set(await git.revList(['--first-parent', baseSha]));
  const inBase = await mergedInto(git, baseSha);
  const inOmnibus = omnibusSha === null ? new Set<string>() : await mergedInto(git, omnibusSha);
  const commits = await commitsOf(git);

  for (const branch of workerBranches) {
    const head = onOrigin(branch) as string;
    const [behind = 0, ahead = 0] = (
      await git.run(['rev-list', '--left-right', '--count', `${baseSha}...${head}`])
    )
      .split(/\s+/)
      .map(Number);
    const containment: Containment = {
      onBaseFirstParent: firstParent.has(head),
      containedInBase: inBase.has(head),
      containedInOmnibus: inOmnibus.has(head),
    };
    const changedPaths = ahead === 0 ? [] : await changedSince(git, baseSha, head);
    facts.branches.set(branch, {
      head,
      lastCommit: commits.get(head) ?? null,
      containment,
      ahead,
      behind,
      changedPaths,
    });
  }
  return facts;
}

/** The heads of origin's branches whose commits are all reachable from `sha` (one git call). */
async function mergedInto(git: Git, sha: string): Promise<Set<string>> {
  const out = await git.run([
    'for-each-ref',
    `--merged=${sha}`,
    '--format=%(objectname)',
    'refs/remotes/origin/',
  ]);
  return new Set(out.split('\n').filter((l) => l !== ''));
}

/** Paths the branch changed since its merge base with base (`git diff base...head`). */
async function changedSince(git: Git, base: string, head: string): Promise<string[]> {
  const out = await git.run(['diff', '--name-only', '--no-renames', `${base}...${head}`]);
  return out === '' ? [] : out.split('\n');
}

/** Head commit details of every fetched branch, in one git call. */
async function commitsOf(git: Git): Promise<Map<string, CommitFact>> {
  const format = '%(objectname)%00%(committerdate:iso-strict)%00%(authorname)%00%(contents:subject)';
  const out = await git.run(['for-each-ref', `--format=${format}`, 'refs/remotes/origin/']);
  const commits = new Map<string, CommitFact>();
  for (const line of out.split('\n')) {
    const [sha, date, author, message] = line.split('\0');
    if (sha && date !== undefined) {
      commits.set(sha, {
        sha,
        date: new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        author: author ?? '',
        message: message ?? '',
      });
    }
  }
  return commits;
}
