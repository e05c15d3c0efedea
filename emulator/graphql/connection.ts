import {
  getNamedType,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

/** Relay connections as GitHub serves them: first/last/after/before, opaque cursors, totalCount. */

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const encode = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');

function decode(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m)
    throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, {
      extensions: { type: 'INVALID_CURSOR_ARGUMENTS' },
    });
  return Number(m[1]);
}

/** The window [start, end) of `total` items the arguments select. */
export function window(total: number, args: ConnectionArgs): { start: number; end: number } {
  let start = 0;
  let end = total;
  const after = decode(args.after);
  const before = decode(args.before);
  if (after !== null) start = Math.min(after + 1, total);
  if (before !== null) end = Math.max(Math.min(before, total), start);
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  return { start, end };
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** A connection over the already-ordered `items`; `extra` adds type-specific fields (counts). */
export function connection<T>(
  items: T[],
  args: ConnectionArgs,
  extra: Record<string, unknown> = {},
): Connection<T> & Record<string, unknown> {
  const { start, end } = window(items.length, args);
  return windowed(items.length, start, items.slice(start, end), extra);
}

/** A connection whose page was fetched separately (e.g. commit history from git). */
export function windowed<T>(
  total: number,
  start: number,
  page: T[],
  extra: Record<string, unknown> = {},
): Connection<T> & Record<string, unknown> {
  const edges = page.map((node, i) => ({ cursor: encode(start + i), node }));
  return {
    ...extra,
    totalCount: total,
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: start + page.length < total,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

const MAX_PAGE = 100;

/**
 * GitHub refuses, before running anything, a query whose connection lacks `first`/`last`
 * or asks for more than 100 records; so do we.
 */
export function paginationErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  const valueOf = (node: ValueNode | undefined): unknown => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) return variables[node.name.value];
    if (node.kind === Kind.NULL) return null;
    return undefined;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        if (!def) return;
        const typeName = getNamedType(def.type).name;
        if (!typeName.endsWith('Connection') || !def.args.some((a) => a.name === 'first')) return;
        const first = valueOf(node.arguments?.find((a) => a.name.value === 'first')?.value);
        const last = valueOf(node.arguments?.find((a) => a.name.value === 'last')?.value);
        const name = def.name;
        const hasFirst = typeof first === 'number';
        const hasLast = typeof last === 'number';
        if (!hasFirst && !hasLast) {
          errors.push(
            new GraphQLError(
              `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
              {
                nodes: node,
                extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' },
              },
            ),
          );
          return;
        }
        for (const [arg, value] of [
          ['first', first],
          ['last', last],
        ] as const) {
          if (typeof value !== 'number') continue;
          if (value > MAX_PAGE)
            errors.push(
              new GraphQLError(
                `Requesting ${value} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`,
                {
                  nodes: node,
                  extensions: { type: 'EXCESSIVE_PAGINATION' },
                },
              ),
            );
          else if (value < 1)
            errors.push(
              new GraphQLError(
                `\`${arg}\` on the \`${name}\` connection cannot be less than 1 (GitHub allows 1 to ${MAX_PAGE}).`,
                {
                  nodes: node,
                  extensions: { type: 'EXCESSIVE_PAGINATION' },
                },
              ),
            );
        }
      },
    }),
  );
  return errors;
}
