/**
 * YAML to the positioned tree, with the `yaml` package's parser (parseDocument + LineCounter
 * ranges). Aliases are expanded here under two budgets, so a "billion laughs" document is
 * rejected with a clear message instead of exhausting memory; `<<` merge keys are honoured
 * because node-pool defaults are a common use of anchors.
 */
import { type Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { FileProblems } from './problems.js';
import { FORBIDDEN_KEYS, type Entry, type MapNode, type Node, type Pos } from './tree.js';

/** Alias uses (`*name`) allowed in one file: yaml's own default maxAliasCount. */
export const MAX_ALIAS_USES = 100;
/** Nodes that alias expansion may add to one file; far above any real node-pool config. */
export const MAX_ALIAS_EXPANSION = 100_000;
/** Nesting limit, well above any config; keeps the recursive walk off the stack limit. */
export const MAX_YAML_DEPTH = 256;

const MERGE_KEY = '<<';

class TooManyAliases extends Error {}

/** Parse YAML text; returns undefined when the text has syntax errors (already reported). */
export function parseYamlTree(text: string, problems: FileProblems): Node | undefined {
  const lineCounter = new LineCounter();
  // uniqueKeys off: the walk below reports duplicates itself, with the first key's position.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const pos = (offset: number): Pos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      // The yaml parser recurses once per level and reports a stack overflow as a syntax error,
      // at the place it overflowed: that is the same problem our walk reports past its limit.
      if (/call stack/i.test(err.message)) {
        problems.add(pos(flowDepthExceeded(text, MAX_YAML_DEPTH) ?? err.pos[0]), nestedTooDeeply(MAX_YAML_DEPTH));
        break;
      }
      problems.add(pos(err.pos[0]), yamlMessage(err.code, err.message));
    }
    return undefined;
  }
  if (doc.contents === null) return undefined;
  const walker = new Walker(doc, problems, pos);
  try {
    return walker.walk(doc.contents as YamlNode, 0, 0);
  } catch (err) {
    if (err instanceof TooManyAliases) {
      problems.add(walker.aliasOverflowAt, err.message);
      return undefined;
    }
    throw err;
  }
}

/** The one wording for input nested past a limit, in YAML and JSON alike. */
export function nestedTooDeeply(limit: number): string {
  return `nested too deeply (limit ${limit} levels)`;
}

/** Offset of the bracket that opens flow level limit + 1 (`[[[...`), skipping quoted text; undefined if none. */
function flowDepthExceeded(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') {
      if (++depth > limit) return i;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'more than one YAML document (---) in the file; put each config in its own file';
  return `invalid YAML: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

class Walker {
  private aliasUses = 0;
  private expanded = 0;
  aliasOverflowAt: Pos = { line: 1, column: 1 };

  constructor(
    private readonly doc: Document,
    private readonly problems: FileProblems,
    private readonly pos: (offset: number) => Pos,
  ) {}

  private start(node: YamlNode | null | undefined, fallback: Pos): Pos {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : this.pos(offset);
  }

  /** `aliasDepth` > 0 while inside an expanded alias: those nodes count against the budget. */
  walk(node: YamlNode, depth: number, aliasDepth: number, here?: Pos): Node {
    const at = here ?? this.start(node, { line: 1, column: 1 });
    if (aliasDepth > 0 && ++this.expanded > MAX_ALIAS_EXPANSION) {
      this.aliasOverflowAt = at;
      throw new TooManyAliases(`aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; write the values out instead`);
    }
    if (depth > MAX_YAML_DEPTH) {
      this.problems.add(at, nestedTooDeeply(MAX_YAML_DEPTH));
      return { kind: 'scalar', at, value: null };
    }
    if (isAlias(node)) {
      const target = this.deref(node, at);
      return target ? this.walk(target, depth, aliasDepth + 1, at) : { kind: 'scalar', at, value: null };
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        return { kind: 'scalar', at, value: v, source: node.type === 'PLAIN' ? node.source : undefined };
      }
      this.problems.add(at, `unsupported YAML value (${node.tag ?? typeof v}); use a plain string, number or boolean`);
      return { kind: 'scalar', at, value: null };
    }
    if (isSeq(node)) {
      const items: Node[] = [];
      for (const item of node.items) {
        items.push(item === null ? { kind: 'scalar', at, value: null } : this.walk(item as YamlNode, depth + 1, aliasDepth));
      }
      return { kind: 'seq', at, items };
    }
    if (isMap(node)) return this.walkMap(node.items, at, depth, aliasDepth);
    this.problems.add(at, 'unsupported YAML node');
    return { kind: 'scalar', at, value: null };
  }

  private deref(alias: Alias, at: Pos): YamlNode | undefined {
    if (++this.aliasUses > MAX_ALIAS_USES) {
      this.aliasOverflowAt = at;
      throw new TooManyAliases(`more than ${MAX_ALIAS_USES} alias uses (*${alias.source}); write the values out instead`);
    }
    const target = alias.resolve(this.doc);
    if (!target) {
      this.problems.add(at, `alias *${alias.source} refers to no anchor &${alias.source} above it`);
      return undefined;
    }
    return target as YamlNode;
  }

  private walkMap(
    pairs: ReadonlyArray<{ key: unknown; value: unknown }>,
    at: Pos,
    depth: number,
    aliasDepth: number,
  ): MapNode {
    const entries = new Map<string, Entry>();
    const node: MapNode = { kind: 'map', at, entries };
    const merged: MapNode[] = [];
    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode | null;
      const keyAt = this.start(keyNode, at);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.problems.add(keyAt, 'keys must be plain strings');
        continue;
      }
      const key = String(keyNode.value);
      const valueNode = pair.value as YamlNode | null;
      // `key:` with nothing after it: a null value at the end of the key.
      const valueAt = valueNode ? this.start(valueNode, keyAt) : keyAt;
      if (key === MERGE_KEY && keyNode.type === 'PLAIN') {
        for (const source of this.mergeSources(valueNode, valueAt, depth, aliasDepth)) merged.push(source);
        continue;
      }
      if (FORBIDDEN_KEYS.has(key)) {
        this.problems.add(keyAt, `key "${key}" is not allowed`);
        continue;
      }
      const value: Node = valueNode ? this.walk(valueNode, depth + 1, aliasDepth) : { kind: 'scalar', at: valueAt, value: null };
      const first = node.entries.get(key);
      if (first) {
        this.problems.add(keyAt, `duplicate key "${key}" (first at line ${first.keyAt.line}, column ${first.keyAt.column})`);
        continue;
      }
      entries.set(key, { key, keyAt, value });
    }
    // YAML merge: keys written in the mapping itself win over merged ones; earlier sources win.
    for (const source of merged) {
      for (const [key, e] of source.entries) if (!entries.has(key)) entries.set(key, e);
    }
    return node;
  }

  private mergeSources(valueNode: YamlNode | null, at: Pos, depth: number, aliasDepth: number): MapNode[] {
    const value = valueNode ? this.walk(valueNode, depth + 1, aliasDepth) : undefined;
    const sources = value?.kind === 'seq' ? value.items : value ? [value] : [];
    const maps: MapNode[] = [];
    for (const s of sources) {
      if (s.kind === 'map') maps.push(s);
      else this.problems.add(s.at, '"<<" (merge) needs a mapping or a list of mappings, e.g. <<: *defaults');
    }
    if (sources.length === 0) this.problems.add(at, '"<<" (merge) needs a mapping or a list of mappings, e.g. <<: *defaults');
    return maps;
  }
}
