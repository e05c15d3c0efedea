import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
} from 'yaml';
import type { ConfigProblem } from './problems.js';

export type PathSegment = string | number;

/** Where a finding points: at the key itself, at its value, or at the mapping that should hold the key. */
export type Anchor = 'key' | 'value' | 'parent';

/** A problem found in the parsed data, placed by its key path; the source turns it into a positioned problem. */
export interface Finding {
  path: PathSegment[];
  at: Anchor;
  message: string;
}

/** `workers[1].depends-on[0]`; keys that would read ambiguously are quoted: `requires["eng.1"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A parsed config file that can tell where a key path is written. */
export class ConfigSource {
  private readonly lineCounter = new LineCounter();
  readonly doc: Document.Parsed;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    // prettyErrors off: we place errors ourselves and want messages without a code excerpt.
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
  }

  problemAt(offset: number, path: string, message: string): ConfigProblem {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col, path, message };
  }

  place(finding: Finding): ConfigProblem {
    return this.problemAt(this.offsetOf(finding.path, finding.at), formatPath(finding.path), finding.message);
  }

  /** Offset of the key or value at `path`; of the nearest enclosing node that exists when the path is absent. */
  offsetOf(path: readonly PathSegment[], at: Anchor): number {
    let node: unknown = this.doc.contents;
    for (let i = 0; i < path.length; i++) {
      const last = i === path.length - 1;
      node = this.resolve(node);
      if (last && at === 'parent') break;
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment));
        if (!pair) break;
        if ((last && at === 'key') || isEmpty(pair.value)) return start(pair.key);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
      } else {
        break;
      }
    }
    return start(node);
  }

  /** The key path of the innermost key or item whose text covers `offset`. */
  pathAt(offset: number): PathSegment[] {
    const path: PathSegment[] = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      node = this.resolve(node);
      if (isMap(node)) {
        const pair = node.items.find((p) => covers(p.key, offset) || covers(p.value, offset));
        if (!pair) return path;
        path.push(keyText(pair.key));
        if (covers(pair.key, offset)) return path;
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => covers(item, offset));
        if (index < 0) return path;
        path.push(index);
        node = node.items[index];
      } else {
        return path;
      }
    }
  }

  /** Offset of the first alias node, for reporting an alias that names no anchor. */
  firstAliasOffset(): number {
    let offset = 0;
    visit(this.doc, {
      Alias(_, alias) {
        offset = start(alias);
        return visit.BREAK;
      },
    });
    return offset;
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }
}

export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (!isScalar(value) || value.value !== null) return false;
  return !value.range || value.range[0] === value.range[1];
}

function start(node: unknown): number {
  if (isPair(node)) return start(node.key);
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : 0;
}

function covers(node: unknown, offset: number): boolean {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range !== undefined && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}
