import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundles, ROOT, type BenchSection } from './section.js';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

/** What each committed bundle weighs: index.js raw and gzipped, and every file of dist/<name>/. */
const bundleSize: BenchSection = {
  name: 'bundle-size',
  title: 'Bundle sizes',
  async run(print) {
    const names = bundles();
    if (names.length === 0) {
      print('no bundles (run `npm run bundle`)');
      return { bundles: {} };
    }
    const results: Record<string, { indexBytes: number; gzipBytes: number; totalBytes: number }> = {};
    for (const name of names) {
      const dir = join(ROOT, 'dist', name);
      const files = readdirSync(dir).sort();
      const sizes = files.map((file) => statSync(join(dir, file)).size);
      const index = readFileSync(join(dir, 'index.js'));
      const gzip = gzipSync(index, { level: 9 }).length;
      const total = sizes.reduce((a, b) => a + b, 0);
      results[name] = { indexBytes: index.length, gzipBytes: gzip, totalBytes: total };
      print(
        `dist/${name}/`.padEnd(22) +
          `index.js ${kib(index.length)} (gzip ${kib(gzip)}); all files ${kib(total)}: ` +
          files.map((file, i) => `${file} ${kib(sizes[i] ?? 0)}`).join(', '),
      );
    }
    return { bundles: results };
  },
};

export default bundleSize;
