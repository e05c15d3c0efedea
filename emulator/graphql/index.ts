import type { EmulatorContext } from '../context.js';
import type { Route } from '../http.js';

/** POST /graphql (executed against GitHub's published schema). */
export function graphqlRoute(_ctx: EmulatorContext): Route {
  return {
    method: 'POST',
    template: '/graphql',
    handler: () => ({ status: 200, body: { errors: [{ message: 'GraphQL is not served yet' }] } }),
  };
}
