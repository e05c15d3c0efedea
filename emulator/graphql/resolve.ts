import {
  GraphQLEnumType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isAbstractType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import type { GqlContext } from './context.js';

/**
 * Resolvers are plain objects: a property is the field's value, a function property computes it
 * from (args, context). A field with neither is recorded as unimplemented and answers null, or,
 * where the schema forbids null, the type's empty value so the rest of the query still runs.
 */
export function fieldResolver(
  schema: GraphQLSchema,
  unimplemented: string[],
): GraphQLFieldResolver<unknown, GqlContext> {
  return (source, args, context, info) => {
    if (source !== null && typeof source === 'object' && info.fieldName in source) {
      const value = (source as Record<string, unknown>)[info.fieldName];
      return typeof value === 'function'
        ? (value as (a: unknown, c: GqlContext) => unknown).call(source, args, context)
        : value;
    }
    const key = `${info.parentType.name}.${info.fieldName}`;
    if (!unimplemented.includes(key)) unimplemented.push(key);
    if (process.env.EMULATOR_DEBUG)
      process.stderr.write(`[emulator] GraphQL field not implemented: ${key}\n`);
    return emptyValue(schema, info.returnType);
  };
}

export const typeResolver: GraphQLTypeResolver<unknown, GqlContext> = (value) =>
  value !== null && typeof value === 'object'
    ? ((value as { __typename?: string }).__typename ?? undefined)
    : undefined;

const EMPTY_SCALARS: Record<string, unknown> = {
  Int: 0,
  Float: 0,
  Boolean: false,
  DateTime: '1970-01-01T00:00:00Z',
  GitTimestamp: '1970-01-01T00:00:00Z',
  Date: '1970-01-01',
  BigInt: '0',
};

function emptyValue(schema: GraphQLSchema, type: GraphQLOutputType): unknown {
  if (!(type instanceof GraphQLNonNull)) return null;
  const inner = type.ofType;
  if (inner instanceof GraphQLList) return [];
  if (inner instanceof GraphQLScalarType) return EMPTY_SCALARS[inner.name] ?? '';
  if (inner instanceof GraphQLEnumType) return inner.getValues()[0]?.value ?? null;
  if (inner instanceof GraphQLObjectType) return {};
  if (isAbstractType(inner)) return { __typename: schema.getPossibleTypes(inner)[0]?.name };
  return null;
}
