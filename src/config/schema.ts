import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
// Imported (not read from disk) so that ncc bundles the schema with the action.
import schema from './orchestrator.schema.json' with { type: 'json' };
import { describeTypes, describeValue, didYouMean, listAllowed } from './describe.js';
import { formatPath, type Finding, type PathSegment } from './yaml-source.js';

/** The JSON Schema of `.github/orchestrator.yml`, as shipped for editors. */
export const configSchema = schema;

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(
    schema,
  );
  return validator;
}

/** Every rule of the schema the data breaks, in plain words. */
export function schemaFindings(data: unknown): Finding[] {
  const check = validate();
  if (check(data)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of check.errors ?? []) {
    const finding = toFinding(error, data);
    // A type is stated both on a property and in the definition it uses: say it once, the narrower first.
    const key = `${formatPath(finding.path)}\n${error.keyword === 'type' ? 'type' : finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

function toFinding(error: ErrorObject, root: unknown): Finding {
  const path = instancePath(error.instancePath, root);
  const found = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path: [...path, String(params.missingProperty)],
        at: 'parent',
        message: `required key "${String(params.missingProperty)}" is missing`,
      };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        path: [...path, key],
        at: 'key',
        message: `found unknown key "${key}"${didYouMean(key, allowed)}; allowed: ${allowed.join(', ')}`,
      };
    }
    case 'type':
      return {
        path,
        at: 'value',
        message: `found ${found}; allowed: ${describeTypes(params.type as string[])}`,
      };
    case 'const':
      return { path, at: 'value', message: `found ${found}; allowed: ${listAllowed([params.allowedValue])}` };
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const hint =
        typeof error.data === 'string'
          ? didYouMean(
              error.data,
              allowed.filter((v) => typeof v === 'string'),
            )
          : '';
      return { path, at: 'value', message: `found ${found}${hint}; allowed: ${listAllowed(allowed)}` };
    }
    case 'pattern':
      return { path, at: 'value', message: `found ${found}; allowed: ${patternWords(error)}` };
    case 'minLength':
      return {
        path,
        at: 'value',
        message: `found ${found}; allowed: ${atLeast(params.limit, 'character')} of text`,
      };
    case 'exclusiveMinimum':
      return {
        path,
        at: 'value',
        message: `found ${found}; allowed: a number greater than ${String(params.limit)}`,
      };
    case 'minimum':
      return {
        path,
        at: 'value',
        message: `found ${found}; allowed: a number of at least ${String(params.limit)}`,
      };
    case 'minItems':
      return {
        path,
        at: 'value',
        message: `found ${found}; allowed: a list of ${atLeast(params.limit, 'entry')}`,
      };
    case 'minProperties':
      return {
        path,
        at: 'value',
        message: `found ${found}; allowed: a mapping of ${atLeast(params.limit, 'key')}`,
      };
    case 'uniqueItems': {
      const later = Number(params.i);
      const earlier = Number(params.j);
      const items = Array.isArray(error.data) ? error.data : [];
      return {
        path: [...path, later],
        at: 'value',
        message: `found ${describeValue(items[later])} again (also at ${formatPath([...path, earlier])}); allowed: each entry once`,
      };
    }
    default:
      return { path, at: 'value', message: `found ${found}; ${error.message ?? 'not allowed here'}` };
  }
}

/** A pattern is explained by the description of the definition that holds it. */
function patternWords(error: ErrorObject): string {
  const definition = /^#\/definitions\/([^/]+)\/pattern$/.exec(error.schemaPath)?.[1];
  const definitions = schema.definitions as Record<string, { description?: string }>;
  const words = definition === undefined ? undefined : definitions[definition]?.description;
  return words ?? `text matching the pattern ${String((error.params as { pattern?: unknown }).pattern)}`;
}

function atLeast(limit: unknown, noun: string): string {
  const n = Number(limit);
  if (n === 1) return `at least one ${noun}`;
  return `at least ${n} ${noun === 'entry' ? 'entries' : `${noun}s`}`;
}

/** A JSON pointer as key path; segments under lists become indices. */
function instancePath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path.push(index);
      node = node[index];
    } else {
      path.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
