/**
 * `npm run bench`: every section in scripts/bench/ (one file each, default-exporting a BenchSection),
 * in file-name order. `npm run bench -- <name>...` runs only those; `--json` prints the numbers as JSON.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './bench/section.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((arg) => !arg.startsWith('--'));

const sections: BenchSection[] = [];
for (const file of readdirSync(dir).sort()) {
  if (!file.endsWith('.ts') || file === 'section.ts') continue;
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: BenchSection };
  if (module.default) sections.push(module.default);
}
const unknown = only.filter((name) => !sections.some((section) => section.name === name));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

console.log(`bench on ${process.platform}/${process.arch}, runner Node ${process.version}`);
const results: Record<string, unknown> = {};
for (const section of sections) {
  if (only.length > 0 && !only.includes(section.name)) continue;
  console.log(`\n## ${section.title}`);
  const started = performance.now();
  results[section.name] = await section.run((line) => console.log(`  ${line}`));
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
if (json) console.log(JSON.stringify(results, null, 2));
