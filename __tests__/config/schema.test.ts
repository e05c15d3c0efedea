import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { DEFAULT_STALE_AFTER_HOURS, PRIORITIES, WORKER_STATUSES } from '../../src/config/types.js';

const schemaText = readFileSync(
  new URL('../../src/config/orchestrator.schema.json', import.meta.url),
  'utf8',
);
const rawSchema = JSON.parse(schemaText) as Record<string, unknown>;
const sarkYaml = readFileSync(new URL('./fixtures/sark.yml', import.meta.url), 'utf8');

interface SchemaNode {
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
}

/** A validator built the way an editor would: from the file on disk, with ajv's defaults. */
function editorValidator() {
  return new Ajv({ allErrors: true, allowUnionTypes: true }).compile(rawSchema);
}

describe('the shipped JSON Schema', () => {
  test('is a valid JSON Schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema(rawSchema)).toBe(true);
    expect(() => ajv.compile(rawSchema)).not.toThrow();
  });

  test('the loader uses the file on disk, not a copy', () => {
    expect(configSchema).toEqual(rawSchema);
  });

  test('the SARK example validates against the raw schema, so editors agree with the loader', () => {
    const validate = editorValidator();
    expect(validate(parse(sarkYaml))).toBe(true);
    expect(() => parseConfig(sarkYaml, 'sark.yml')).not.toThrow();
  });

  test('a typo is rejected by the raw schema too', () => {
    const data = parse(sarkYaml) as { workers: Record<string, unknown>[] };
    data.workers[0] = { ...data.workers[0], depends_on: [] };
    expect(editorValidator()(data)).toBe(false);
  });

  test('every property has a description', () => {
    const missing: string[] = [];
    const walk = (node: SchemaNode, where: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description) missing.push(`${where}.${key}`);
        walk(child, `${where}.${key}`);
      }
      for (const [key, child] of Object.entries(node.definitions ?? {})) {
        if (!child.description) missing.push(`definitions.${key}`);
        walk(child, `definitions.${key}`);
      }
    };
    walk(rawSchema as SchemaNode, '');
    expect(missing).toEqual([]);
  });

  test("the schema's enums and defaults agree with the code", () => {
    const root = rawSchema as SchemaNode;
    const worker = root.definitions?.worker?.properties ?? {};
    expect(worker.priority?.enum).toEqual([...PRIORITIES]);
    expect(root.definitions?.status?.enum).toEqual([...WORKER_STATUSES]);
    expect(root.properties?.['stale-after-hours']?.default).toBe(DEFAULT_STALE_AFTER_HOURS);
    expect(root.properties?.base?.default).toBeNull();

    const config = parseConfig(
      'version: 1\nproject: P\nomnibus: { branch: o }\nworkers: [{ id: a, branch: b, role: r }]\n',
      'f.yml',
    );
    const [first] = config.workers;
    expect(first?.priority).toBe(worker.priority?.default);
    expect(first?.dependsOn).toEqual(worker['depends-on']?.default);
    expect(first?.task).toBe(worker.task?.default);
    expect(config.checkpoints).toEqual(root.properties?.checkpoints?.default);
    expect(config.omnibus.title).toBe('P');
  });
});
