// Builds one bundle per action: every actions/<name>/ that has both action.yml and src/index.ts
// becomes dist/<name>/index.js (ESM) with the package.json ncc writes beside it ({"type":"module"})
// and licenses.txt, the licenses of everything bundled. The same sources give the same bytes.
//
// Two steps. TypeScript is first transpiled file by file to ESM JavaScript (no type check: that is
// `npm run typecheck`'s job, and ncc's own TypeScript step either type-checks the whole project or,
// transpiling only, emits CommonJS for NodeNext sources). ncc then bundles that JavaScript.
// Not minified, no source maps: the committed bundles stay reviewable in check-dist diffs, and a
// stack trace in a bug report points at readable code.
import { existsSync, rmSync, statSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const actionsDir = join(root, 'actions');
const distDir = join(root, 'dist');
// Inside the repository so that node_modules and package.json's "type": "module" apply to it. Its
// path shows in the bundles' module comments, so it is fixed, and a lock keeps two builds apart.
const jsDir = join(root, 'node_modules/.cache/orchestrator-bundle');
const lockDir = `${jsDir}.lock`;
/** The source trees bundles may import from. */
const SOURCE_TREES = ['src', 'actions'];

const names = (await readdir(actionsDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter(
    (name) =>
      existsSync(join(actionsDir, name, 'action.yml')) && existsSync(join(actionsDir, name, 'src/index.ts')),
  )
  .sort();

// A bundle whose action is gone (or has no action.yml yet) must not linger in dist/.
if (existsSync(distDir)) {
  for (const entry of await readdir(distDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !names.includes(entry.name)) {
      console.log(`removing dist/${entry.name}/ (no actions/${entry.name}/action.yml with src/index.ts)`);
      await rm(join(distDir, entry.name), { recursive: true, force: true });
    }
  }
}

if (names.length === 0) {
  console.log(
    'no actions to bundle (an action needs actions/<name>/action.yml and actions/<name>/src/index.ts)',
  );
  process.exit(0);
}

await lock();
process.on('exit', () => rmSync(lockDir, { recursive: true, force: true }));
await rm(jsDir, { recursive: true, force: true });
for (const tree of SOURCE_TREES) await transpileTree(join(root, tree), join(jsDir, tree));

for (const name of names) {
  const started = Date.now();
  const out = join(distDir, name);
  await rm(out, { recursive: true, force: true });
  const { code, assets } = await ncc(join(jsDir, 'actions', name, 'src/index.js'), {
    cache: false, // ncc would otherwise keep a cache in ~/.cache/ncc
    minify: false,
    sourceMap: false,
    license: 'licenses.txt',
    quiet: true,
  });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'index.js'), code);
  for (const [file, asset] of Object.entries(assets)) {
    const target = join(out, file);
    if (relative(out, target).startsWith('..')) throw new Error(`ncc asset outside dist/${name}: ${file}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, asset.source, { mode: asset.permissions });
  }
  const kib = (Buffer.byteLength(code) / 1024).toFixed(0);
  const files = ['index.js', ...Object.keys(assets)].sort().join(', ');
  console.log(
    `dist/${name}/: ${files} (index.js ${kib} KiB, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
await rm(jsDir, { recursive: true, force: true });

async function lock() {
  await mkdir(dirname(lockDir), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      await mkdir(lockDir);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A build that died leaves its lock behind; none takes 10 minutes.
      if (Date.now() - statSync(lockDir).mtimeMs > 600_000) rmSync(lockDir, { recursive: true, force: true });
      if (waited % 10_000 === 0) console.log('waiting for another bundle build to finish');
      await sleep(500);
    }
  }
}

/** .ts files become ESM .js (imports keep their `.js` suffixes, which now name real files); other files are copied. */
async function transpileTree(from, to) {
  if (!existsSync(from)) return;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      await transpileTree(source, join(to, entry.name));
    } else if (entry.name.endsWith('.d.ts')) {
      continue;
    } else if (entry.name.endsWith('.ts')) {
      const { outputText, diagnostics } = ts.transpileModule(await readFile(source, 'utf8'), {
        fileName: source,
        reportDiagnostics: true,
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: false,
          isolatedModules: true,
          esModuleInterop: true,
          sourceMap: false,
          removeComments: false,
        },
      });
      if (diagnostics?.length) {
        throw new Error(
          `${relative(root, source)}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`,
        );
      }
      await mkdir(to, { recursive: true });
      await writeFile(join(to, entry.name.replace(/\.ts$/, '.js')), outputText);
    } else {
      await mkdir(to, { recursive: true });
      await copyFile(source, join(to, entry.name));
    }
  }
}
