// YAML documents that remember where each value came from, so that every complaint about a
// config (ours or an operator's) names file:line:column.

import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { ErrorObject } from 'ajv';
import { UserError, type SourcePosition } from '../util/errors.js';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

/**
 * Deeper than any configuration (a few levels), far below what exhausts the stack of the YAML
 * library's recursive composer: 100k nested `[` took 5 s to end in "Maximum call stack size exceeded".
 */
const MAX_FLOW_NESTING = 100;

/** Where `[`/`{` first nest deeper than MAX_FLOW_NESTING outside quotes and comments, or undefined. One pass. */
function tooDeeplyNested(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return undefined;
      i = eol;
    } else if (c === '"' || (c === "'" && (i === 0 || /[\s,[{:]/.test(text[i - 1]!)))) {
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) if (c === '"' && text[j] === '\\') j++;
      i = j;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_NESTING) return i;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Parses `text`; a syntax error becomes a UserError at its line and column. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const deep = tooDeeplyNested(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    const column = deep - (before.lastIndexOf('\n') + 1) + 1;
    throw new UserError(`invalid YAML: lists or mappings nested more than ${MAX_FLOW_NESTING} deep`, { file, line, column });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    const message = first.message.split('\n')[0] ?? first.message;
    throw new UserError(`invalid YAML: ${message}`, { file, line: pos.line, column: pos.col });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias to no anchor (`*a`) or an alias bomb: say where, never a stack trace.
    let at: number | undefined;
    visit(doc, {
      Alias(_, node) {
        if (at === undefined && !node.resolve(doc)) at = node.range?.[0];
      },
    });
    const pos = lines.linePos(at ?? 0);
    throw new UserError(`invalid YAML: ${(error as Error).message.split('\n')[0]}`, { file, line: pos.line, column: pos.col });
  }
  return { file, doc, lines, value };
}

function offsetToPosition(src: YamlSource, offset: number | undefined): SourcePosition {
  if (offset === undefined) return { file: src.file, line: 1, column: 1 };
  const p = src.lines.linePos(offset);
  return { file: src.file, line: p.line, column: p.col };
}

function child(node: unknown, segment: string): { pair?: Pair; node?: unknown } {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    return pair ? { pair, node: pair.value } : {};
  }
  if (isSeq(node)) {
    const index = Number(segment);
    return Number.isInteger(index) ? { node: node.items[index] } : {};
  }
  return {};
}

/**
 * Position of the value at `path` (keys and indexes), or of its key when `atKey` is set.
 * Falls back to the nearest ancestor that exists.
 */
export function locate(src: YamlSource, path: readonly (string | number)[], atKey = false): SourcePosition {
  let node: unknown = src.doc.contents;
  let lastPair: Pair | undefined;
  let best: unknown = node;
  for (const segment of path) {
    const next = child(node, String(segment));
    if (next.node === undefined && !next.pair) break;
    lastPair = next.pair;
    node = next.node;
    best = atKey && next.pair && isNode(next.pair.key) ? next.pair.key : (node ?? next.pair?.key);
  }
  if (atKey && lastPair && isNode(lastPair.key)) best = lastPair.key;
  const range = isNode(best) ? (best as Node).range : isPair(best) && isNode(best.key) ? best.key.range : undefined;
  return offsetToPosition(src, range?.[0]);
}

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns one ajv error into a sentence and the place in the YAML it is about. */
export function describeSchemaError(src: YamlSource, error: ErrorObject): { message: string; position: SourcePosition } {
  const path = pointerToPath(error.instancePath);
  const where = path.length ? `\`${path.join('.')}\`` : 'the document';
  const p = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    return {
      message: `${where} has a key that is not allowed: \`${key}\`${p.pattern ? ` (keys must match ${String(p.pattern)})` : ''}`,
      position: locate(src, [...path, key], true),
    };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      return { message: `unknown key \`${key}\` in ${where}`, position: locate(src, [...path, key], true) };
    }
    case 'required':
      return { message: `${where} is missing the required key \`${String(p.missingProperty)}\``, position: locate(src, path) };
    case 'enum':
      return {
        message: `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        position: locate(src, path),
      };
    case 'type':
      return { message: `${where} must be ${article(String(p.type))}`, position: locate(src, path) };
    case 'pattern':
      return { message: `${where} must match ${String(p.pattern)}`, position: locate(src, path) };
    case 'propertyNames':
      return { message: `${where} has a key that is not allowed: \`${String(p.propertyName)}\``, position: locate(src, [...path, String(p.propertyName)], true) };
    default:
      return { message: `${where} ${error.message ?? 'is invalid'}`, position: locate(src, path) };
  }
}

function article(type: string): string {
  const map: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => map[t] ?? t)
    .join(' or ');
}
