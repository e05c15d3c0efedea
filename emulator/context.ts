import type { GitRepo } from './git-repo.js';
import type { Store } from './store.js';

/** What every route and resolver needs: the state, the repository, and where the emulator is served. */
export interface EmulatorContext {
  store: Store;
  git: GitRepo;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** REST root, e.g. http://127.0.0.1:PORT */
  apiUrl: string;
  /** Web root for html_url fields (there is no web UI; the URLs are stable and unique). */
  htmlUrl: string;
  /** Field paths GraphQL clients asked for that have no data (`Type.field`). */
  unimplementedFields: string[];
}

export function fullName(ctx: EmulatorContext): string {
  return `${ctx.owner}/${ctx.repo}`;
}

export function repoApiUrl(ctx: EmulatorContext): string {
  return `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}`;
}

export function repoHtmlUrl(ctx: EmulatorContext): string {
  return `${ctx.htmlUrl}/${ctx.owner}/${ctx.repo}`;
}
