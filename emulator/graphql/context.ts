import type { EmulatorContext } from '../context.js';
import type { CommitInfo } from '../git-repo.js';

/** What resolvers see for one GraphQL request. */
export interface GqlContext {
  ctx: EmulatorContext;
  /** The login the request's token acts as. */
  login: string;
  /** Commits read from git, memoized for the request (many fields ask for the same commit). */
  commit(sha: string): Promise<CommitInfo | null>;
  /** Live sha of a branch, memoized for the request. */
  branchSha(branch: string): Promise<string | null>;
  /** Every branch (`refs/heads/x` -> sha), read once per request. */
  heads(): Promise<Map<string, string>>;
}

export function createGqlContext(ctx: EmulatorContext, login: string): GqlContext {
  const commits = new Map<string, Promise<CommitInfo | null>>();
  let heads: Promise<Map<string, string>> | undefined;
  // One for-each-ref per request answers every branch the query names.
  const loadHeads = () => (heads ??= ctx.git.headsMap());
  return {
    ctx,
    login,
    commit(sha) {
      let found = commits.get(sha);
      if (!found) {
        found = /^[0-9a-f]{40}$/.test(sha) ? ctx.git.commitBySha(sha) : ctx.git.commit(sha);
        commits.set(sha, found);
      }
      return found;
    },
    heads: loadHeads,
    branchSha: (branch) => loadHeads().then((map) => map.get(`refs/heads/${branch}`) ?? null),
  };
}

/** A resolver object: field values or functions of (args, context). */
export type GqlObject = Record<string, unknown>;
