import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
} from 'graphql';
import type { EmulatorContext } from '../context.js';
import { bodyOf, type Route } from '../http.js';
import { isoSeconds } from '../model.js';
import { REPO_ID } from '../rest/shapes.js';
import { actorNode } from './actor.js';
import { checkRunNode } from './checks.js';
import { notFoundError } from './commit.js';
import { paginationErrors } from './connection.js';
import { createGqlContext, type GqlContext } from './context.js';
import { commentNode, issueNode } from './issue.js';
import { pullRequestNode, reviewNode } from './pull-request.js';
import { mutationRoot } from './mutations.js';
import { repositoryNode } from './repository.js';
import { fieldResolver, typeResolver } from './resolve.js';
import { githubSchema } from './schema.js';

const GRAPHQL_LIMIT = 5000;

/** GitHub's wording for the commonest validation error; GitHub also lifts `type` out of extensions. */
function format(error: GraphQLError): GraphQLFormattedError & { type?: string } {
  const json = error.toJSON() as GraphQLFormattedError & { type?: string };
  const undefinedField = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(error.message);
  if (undefinedField) {
    const [, fieldName, typeName] = undefinedField;
    return {
      ...json,
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: 'undefinedField', typeName, fieldName },
    };
  }
  const type = error.extensions?.type;
  return typeof type === 'string' ? { ...json, type } : json;
}

function findNode(g: GqlContext, id: string): unknown {
  const { store } = g.ctx;
  if (id === `R_${REPO_ID}`) return repositoryNode(g);
  const pr = store.pullRequests.find((p) => p.nodeId === id);
  if (pr) return pullRequestNode(g, pr);
  const issue = store.issues.find((i) => i.nodeId === id);
  if (issue) return issueNode(g, issue);
  const review = store.reviews.find((r) => r.nodeId === id);
  if (review) return reviewNode(g, review);
  const run = store.checkRuns.find((r) => r.nodeId === id);
  if (run) return checkRunNode(g, run);
  const comment = store.comments.find((c) => c.nodeId === id);
  if (comment) return commentNode(g, comment);
  throw notFoundError(`Could not resolve to a node with the global id of '${id}'`);
}

/** POST /graphql: parsed, validated against GitHub's schema, checked for GitHub's pagination rules, executed. */
export function graphqlRoute(ctx: EmulatorContext): Route {
  let used = 0;
  const resetAt = isoSeconds(Date.now() + 3600_000);
  return {
    method: 'POST',
    template: '/graphql',
    handler: async (req) => {
      const body = bodyOf(req);
      const query = body.query;
      const variables = (
        body.variables && typeof body.variables === 'object' ? body.variables : {}
      ) as Record<string, unknown>;
      const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
      if (typeof query !== 'string')
        return {
          status: 200,
          body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
        };
      const schema = githubSchema();
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (err) {
        return { status: 200, body: { errors: [format(err as GraphQLError)] } };
      }
      const invalid = validate(schema, document);
      if (invalid.length > 0) return { status: 200, body: { errors: invalid.map(format) } };
      const pagination = paginationErrors(schema, document, variables);
      if (pagination.length > 0) return { status: 200, body: { errors: pagination.map(format) } };

      used += 1;
      const g = createGqlContext(ctx, req.login);
      const root = {
        repository: ({ owner, name }: { owner: string; name: string }) => {
          if (
            owner.toLowerCase() !== ctx.owner.toLowerCase() ||
            name.toLowerCase() !== ctx.repo.toLowerCase()
          )
            throw notFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
          return repositoryNode(g);
        },
        rateLimit: () => ({
          cost: 1,
          limit: GRAPHQL_LIMIT,
          nodeCount: 0,
          remaining: Math.max(GRAPHQL_LIMIT - used, 1000),
          resetAt,
          used,
        }),
        viewer: () => actorNode(g, req.login, 'User'),
        user: ({ login }: { login: string }) => actorNode(g, login, 'User'),
        node: ({ id }: { id: string }) => findNode(g, id),
        nodes: ({ ids }: { ids: string[] }) => ids.map((id) => findNode(g, id)),
        relay: () => root,
        ...mutationRoot(g),
      };
      const result = await execute({
        schema,
        document,
        rootValue: root,
        contextValue: g,
        variableValues: variables,
        operationName,
        fieldResolver: fieldResolver(schema, ctx.unimplementedFields),
        typeResolver,
      });
      const response: Record<string, unknown> = { data: result.data ?? null };
      if (result.errors?.length) response.errors = result.errors.map(format);
      return { status: 200, body: response };
    },
  };
}
