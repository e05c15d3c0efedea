#!/usr/bin/env node
/**
 * Writes emulator/openapi/subset.json: the response schemas, from GitHub's published OpenAPI
 * description, of the REST operations the local emulator serves. The conformance tests
 * (__tests__/emulator/openapi.test.ts) validate the emulator's answers against it with ajv.
 *
 * @octokit/openapi is ~385 MB installed, too heavy for the project's dependencies, so it is
 * installed outside the project and only this subset is committed. To regenerate:
 *
 *   npm install --prefix /tmp/octokit-openapi @octokit/openapi@23
 *   node scripts/generate-openapi-subset.mjs [path/to/api.github.com.json]
 *
 * (the default path is /tmp/octokit-openapi/node_modules/@octokit/openapi/generated/api.github.com.json).
 * When the emulator serves a new route, add it to OPERATIONS below and run the script again.
 *
 * The subset keeps only validation keywords (no descriptions or examples), moves
 * `#/components/schemas/x` to `#/definitions/x`, inlines `#/components/responses/x`, and rewrites
 * OpenAPI 3.0's `nullable: true` into `anyOf: [<schema>, { type: 'null' }]` for JSON Schema validators.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_SOURCE = '/tmp/octokit-openapi/node_modules/@octokit/openapi/generated/api.github.com.json';
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'emulator', 'openapi', 'subset.json');

/** `METHOD /path` of every REST operation the emulator serves that GitHub's description documents. */
export const OPERATIONS = [
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/contents/{path}',
  'GET /repos/{owner}/{repo}/branches',
  'GET /repos/{owner}/{repo}/branches/{branch}',
  'POST /repos/{owner}/{repo}/merges',
  'GET /user',
  'GET /rate_limit',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
  'GET /repos/{owner}/{repo}/commits',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  'GET /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'POST /repos/{owner}/{repo}/pulls',
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/merge',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-suites',
  'GET /repos/{owner}/{repo}/check-suites/{check_suite_id}',
  'GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs',
  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  'GET /repos/{owner}/{repo}/commits/{ref}/status',
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/issues',
  'GET /repos/{owner}/{repo}/issues/{issue_number}',
  'POST /repos/{owner}/{repo}/issues',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/actions/runs',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
];

/** Keywords that constrain values; everything else (descriptions, examples, x-*) is dropped. */
const KEEP = new Set([
  'type',
  'required',
  'enum',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'const',
]);

function main() {
  const source = process.argv[2] ?? DEFAULT_SOURCE;
  const spec = JSON.parse(readFileSync(source, 'utf8'));
  const wanted = new Set();
  const operations = {};

  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/components/schemas/', '');
      wanted.add(name);
      const ref = { $ref: `#/definitions/${name}` };
      return node.nullable ? { anyOf: [ref, { type: 'null' }] } : ref;
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (KEEP.has(key)) out[key] = value;
      else if (key === 'properties')
        out.properties = Object.fromEntries(
          Object.entries(value).map(([prop, schema]) => [prop, rewrite(schema)]),
        );
      else if (key === 'items' || key === 'not') out[key] = rewrite(value);
      else if (key === 'additionalProperties') out[key] = typeof value === 'object' ? rewrite(value) : value;
      else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') out[key] = value.map(rewrite);
    }
    if (node.nullable === true) {
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  };

  const response = (res) => {
    const resolved = res.$ref
      ? spec.components.responses[res.$ref.replace('#/components/responses/', '')]
      : res;
    const media = resolved.content?.['application/json'] ?? Object.values(resolved.content ?? {})[0];
    return media?.schema ? { schema: rewrite(media.schema) } : { noContent: true };
  };

  for (const key of OPERATIONS) {
    const [method, path] = key.split(' ');
    const op = spec.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${key} is not in ${source}`);
    const responses = {};
    for (const [status, res] of Object.entries(op.responses)) responses[status] = response(res);
    operations[key] = { operationId: op.operationId, responses };
  }

  const definitions = {};
  const done = new Set();
  while (done.size < wanted.size) {
    for (const name of [...wanted]) {
      if (done.has(name)) continue;
      done.add(name);
      const schema = spec.components.schemas[name];
      if (!schema) throw new Error(`missing schema ${name}`);
      definitions[name] = rewrite(schema);
    }
  }

  const subset = {
    $id: 'github-rest-subset',
    $comment: `Generated by scripts/generate-openapi-subset.mjs from @octokit/openapi ${spec.info?.version ?? ''} (${source.split('/').pop()}). Do not edit.`,
    operations,
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, JSON.stringify(subset) + '\n');
  console.log(
    `wrote ${OUTPUT}: ${OPERATIONS.length} operations, ${Object.keys(definitions).length} schemas, ${JSON.stringify(subset).length} bytes`,
  );
}

main();
