import { schema as published } from '@octokit/graphql-schema';
import { buildSchema, type GraphQLSchema } from 'graphql';

let cached: GraphQLSchema | undefined;

/**
 * GitHub's own published GraphQL schema. Its SDL defines a few fields twice, which graphql-js refuses
 * to validate, so it is built with `assumeValidSDL` (the later definition wins). Built once per process.
 */
export function githubSchema(): GraphQLSchema {
  cached ??= buildSchema(published.idl, { assumeValidSDL: true });
  return cached;
}
