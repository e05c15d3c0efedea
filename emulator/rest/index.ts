import type { EmulatorContext } from '../context.js';
import type { Route } from '../http.js';
import { actionRoutes } from './actions.js';
import { checkRoutes } from './checks.js';
import { commitRoutes } from './commits.js';
import { gitRefRoutes } from './git-refs.js';
import { issueRoutes } from './issues.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';
import { reviewRoutes } from './reviews.js';
import { statusRoutes } from './statuses.js';

/** Every REST route the emulator serves. */
export function restRoutes(ctx: EmulatorContext): Route[] {
  return [
    ...repoRoutes(ctx),
    ...gitRefRoutes(ctx),
    ...commitRoutes(ctx),
    ...pullRoutes(ctx),
    ...reviewRoutes(ctx),
    ...checkRoutes(ctx),
    ...statusRoutes(ctx),
    ...issueRoutes(ctx),
    ...actionRoutes(ctx),
  ];
}
