// One Python settings module, read with a real parser (@lezer/python), never with regular
// expressions: module-level assignments with their literal values, every comment with its line
// (for `#:` and code-annotations documentation), imports, string literals and calls (for the
// loader checks), and the first syntax error. Lezer recovers from errors, so a module with a
// syntax error still yields the settings it can read, and the error is reported at its line.

import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { binaryPosition, LineIndex, type Position } from '../markup/text.js';
import { literalValue, type PyValue } from './literal.js';

export interface PyAssignment {
  name: string;
  line: number;
  column: number;
  /** Last line of the statement (a dict literal may span many). */
  endLine: number;
  /** The assigned value; undefined for tuple unpacking (`A, B = …`). */
  value?: PyValue;
  /** Inside a module-level `if`, `try`, `with` or loop. */
  conditional: boolean;
}

export interface PyComment {
  line: number;
  column: number;
  /** The comment's text, `#` included. */
  text: string;
  /** Nothing but blanks before it on its line. */
  ownLine: boolean;
}

export interface PyImport {
  line: number;
  /** `from X import …`: X as written (`.required`, `myapp.settings.defaults`); undefined for `import X`. */
  from?: string;
  /** Imported names (`*` for a star import) or, for `import X`, the module names. */
  names: string[];
}

export interface PyCall {
  /** The called expression as written, e.g. `yaml.safe_load`. */
  callee: string;
  line: number;
}

/** `name = value` at module level (any name, lower-case ones too), for following the YAML loader's variables. */
export interface PyBinding {
  name: string;
  line: number;
  /** The value as written, blanks collapsed (at most 200 characters). */
  text: string;
}

/** `X.get('KEY', …)`, `X.pop('KEY')` or `X['KEY']` with a plain name X: how a loader reads keys of the YAML it loaded. */
export interface PyKeyRead {
  object: string;
  key: string;
  line: number;
}

export interface PySyntaxError extends Position {
  message: string;
}

export interface PyModule {
  /** Path relative to the project root. */
  file: string;
  assignments: PyAssignment[];
  comments: PyComment[];
  imports: PyImport[];
  strings: { value: string; line: number }[];
  calls: PyCall[];
  bindings: PyBinding[];
  keyReads: PyKeyRead[];
  /** Names of the module-level functions (`def plugin_settings(settings):`). */
  functions: string[];
  /** The first syntax error, if any. */
  syntaxError?: PySyntaxError;
  /** Set when the file is not UTF-8 text; nothing else is read from it. */
  binary?: Position;
}

const UPPER_NAME = /^_?[A-Z][A-Z0-9_]*$/;

/** `DEBUG`, `SECRET_KEY`, `_PRIVATE_X` — the names Django treats as settings. */
export function isSettingName(name: string): boolean {
  return UPPER_NAME.test(name);
}

const BLOCKS = new Set(['IfStatement', 'TryStatement', 'WithStatement', 'ForStatement', 'WhileStatement']);

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** A piece of the module parsed on its own: nodes of `tree` starting before `end` belong to it. */
interface Chunk {
  top: SyntaxNode;
  /** The text the tree was parsed from (node positions are relative to it). */
  source: string;
  /** Where `source` starts in the module. */
  offset: number;
  end: number;
}

const WINDOW = 3000;

/** CPython's tokenizer refuses deeper nesting of (), [] and {} ("too many nested parentheses"). */
const MAX_NESTING = 200;

/**
 * Where the brackets first nest deeper than MAX_NESTING, outside strings and comments, or
 * undefined. One pass over the text: a tokenizer's bracket count, not a parse (lezer has no depth
 * limit of its own).
 */
function tooDeeplyNested(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return undefined;
      i = eol;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      for (; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (!triple && text[j] === '\n') break;
        else if (text.startsWith(close, j)) break;
      }
      i = j + close.length - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Parses the module in windows of about 3,000 characters cut at the start of a top-level statement.
 * Why: @lezer/lr force-reduces a production after 300 reductions of 2,000+ characters with the same
 * start (a guard against deep trees), and in the Python grammar that breaks the parse of a long
 * run of top-level statements separated by comments or blank lines — a valid 4,000-line settings
 * module gets spurious syntax errors and loses settings. Small windows never reach that guard.
 * A window's last statement may be cut off, so each window keeps only the statements before it.
 */
function parseChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let offset = 0;
  for (;;) {
    for (let size = WINDOW; ; size *= 2) {
      const source = text.slice(offset, offset + size);
      const top = parser.parse(source).topNode;
      if (offset + size >= text.length) {
        chunks.push({ top, source, offset, end: Infinity });
        return chunks;
      }
      // Top-level statements that start a line, after the first: the last one starts the next window.
      const cut = childrenOf(top)
        .filter((n) => n.name !== 'Comment' && !n.type.isError && n.from > 0 && source[n.from - 1] === '\n')
        .at(-1)?.from;
      if (cut !== undefined) {
        chunks.push({ top, source, offset, end: cut });
        offset += cut;
        break;
      }
    }
  }
}

export function parsePythonModule(file: string, text: string): PyModule {
  const module: PyModule = { file, assignments: [], comments: [], imports: [], strings: [], calls: [], bindings: [], keyReads: [], functions: [] };
  const binary = binaryPosition(text);
  if (binary) {
    module.binary = binary;
    return module;
  }
  const lines = new LineIndex(text);
  const tooDeep = tooDeeplyNested(text);
  if (tooDeep !== undefined) {
    // CPython refuses it too; the parser's error recovery on it would take seconds, the tree walks
    // would exhaust the stack. Nothing else is read from the module.
    module.syntaxError = { ...lines.position(tooDeep), message: `too many nested parentheses (more than ${MAX_NESTING}, the limit of CPython's tokenizer)` };
    return module;
  }
  let indentError: PySyntaxError | undefined;

  for (const { top, source, offset, end } of parseChunks(text)) {
    const src = (n: SyntaxNode): string => source.slice(n.from, n.to);
    const at = (pos: number): Position => lines.position(offset + pos);

    const assignment = (node: SyntaxNode, conditional: boolean): void => {
      // Targets and the value are separated by `=` nodes: `A = B = value`, `X: int = value`.
      const groups: SyntaxNode[][] = [[]];
      for (const c of childrenOf(node)) {
        if (c.name === 'AssignOp') groups.push([]);
        else groups[groups.length - 1]!.push(c);
      }
      if (groups.length < 2) return; // a bare annotation `X: int` assigns nothing
      const valueNodes = groups.pop()!.filter((n) => n.name !== ',');
      const value = valueNodes.length === 1 ? literalValue(valueNodes[0]!, source) : undefined;
      const endLine = at(node.to).line;
      const valueText = valueNodes.map(src).join(', ').replace(/\s+/g, ' ').slice(0, 200);
      for (const group of groups) {
        const names = group.filter((n) => n.name === 'VariableName');
        const unpacking = group.some((n) => n.name === ',');
        for (const target of names) {
          const name = src(target);
          if (!unpacking) module.bindings.push({ name, line: at(target.from).line, text: valueText });
          if (!isSettingName(name)) continue;
          const pos = at(target.from);
          module.assignments.push({ name, line: pos.line, column: pos.column, endLine, value: unpacking ? undefined : value, conditional });
        }
      }
    };

    const statements = (parent: SyntaxNode, conditional: boolean): void => {
      for (const node of childrenOf(parent)) {
        if (node.from >= end) break;
        if (node.name === 'AssignStatement') assignment(node, conditional);
        else if (node.name === 'FunctionDefinition' && !conditional) {
          const name = childrenOf(node).find((c) => c.name === 'VariableName');
          if (name) module.functions.push(src(name));
        } else if (BLOCKS.has(node.name)) {
          for (const body of childrenOf(node)) if (body.name === 'Body') statements(body, true);
        } else if (node.name === 'StatementGroup') statements(node, conditional);
      }
    };
    statements(top, false);
    indentError ??= indentationError(top, source, end, at);

    top.cursor().iterate((ref) => {
      if (ref.from >= end) return false;
      const node = ref.node;
      if (ref.type.isError) {
        if (!module.syntaxError) {
          const pos = at(ref.from);
          const rest = text.slice(lines.lineStart(pos.line)).split('\n')[0]!.trim();
          module.syntaxError = {
            ...pos,
            message: offset + ref.from >= text.length ? 'invalid syntax: unexpected end of file' : `invalid syntax near \`${rest.slice(0, 60)}\``,
          };
        }
        return undefined;
      }
      switch (ref.name) {
        case 'Comment': {
          const pos = at(ref.from);
          const before = text.slice(lines.lineStart(pos.line), offset + ref.from);
          module.comments.push({ ...pos, text: src(node), ownLine: before.trim() === '' });
          return false;
        }
        case 'String': {
          const value = literalValue(node, source);
          if (typeof value.value === 'string') module.strings.push({ value: value.value, line: at(ref.from).line });
          return false;
        }
        case 'CallExpression': {
          const callee = node.firstChild;
          if (callee) module.calls.push({ callee: src(callee).replace(/\s+/g, ''), line: at(ref.from).line });
          // `X.get('KEY', …)`: a key read from a mapping named X.
          const key = firstStringArgument(node, source);
          const object = callee?.name === 'MemberExpression' && /^\w+\.(get|pop|setdefault)$/.test(src(callee).replace(/\s+/g, '')) ? callee.firstChild : undefined;
          if (key !== undefined && object?.name === 'VariableName') module.keyReads.push({ object: src(object), key, line: at(ref.from).line });
          return undefined;
        }
        case 'MemberExpression': {
          // `X['KEY']`
          const kids = childrenOf(node);
          if (kids.length === 4 && kids[0]!.name === 'VariableName' && kids[1]!.name === '[' && kids[2]!.name === 'String') {
            const key = literalValue(kids[2]!, source).value;
            if (typeof key === 'string') module.keyReads.push({ object: src(kids[0]!), key, line: at(ref.from).line });
          }
          return undefined;
        }
        case 'ImportStatement':
          module.imports.push(importOf(node, source, at(node.from).line));
          return false;
        default:
          return undefined;
      }
    });
  }
  module.comments.sort((a, b) => a.line - b.line || a.column - b.column);
  if (indentError && (!module.syntaxError || indentError.line < module.syntaxError.line)) module.syntaxError = indentError;
  return module;
}

/**
 * Lezer's Python grammar accepts statements at any indentation; Python does not. The first
 * statement whose indentation differs from its block's (or is indented at module level).
 */
function indentationError(root: SyntaxNode, source: string, end: number, at: (pos: number) => Position): PySyntaxError | undefined {
  let found: PySyntaxError | undefined;
  const visit = (block: SyntaxNode, topLevel: boolean): void => {
    let expected: number | undefined = topLevel ? 0 : undefined;
    for (const node of childrenOf(block)) {
      if (found || node.from >= end) return;
      if (node.name === 'Comment' || node.name === ':' || node.type.isError) continue;
      const indent = source.slice(source.lastIndexOf('\n', node.from - 1) + 1, node.from);
      if (/^[ \t]*$/.test(indent)) {
        expected ??= indent.length;
        if (indent.length !== expected) {
          found = { ...at(node.from), message: indent.length > expected ? 'invalid syntax: unexpected indent' : 'invalid syntax: unindent does not match any outer indentation level' };
          return;
        }
      }
      for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === 'Body') visit(c, false);
      // A decorated definition keeps its body one level further down.
      if (node.name === 'DecoratedStatement') for (let c = node.firstChild; c; c = c.nextSibling) for (let b = c.firstChild; b; b = b.nextSibling) if (b.name === 'Body') visit(b, false);
    }
  };
  visit(root, true);
  return found;
}

/** The value of a call's first argument when it is a plain string literal. */
function firstStringArgument(call: SyntaxNode, source: string): string | undefined {
  const args = childrenOf(call).find((c) => c.name === 'ArgList');
  const first = args ? childrenOf(args).find((c) => c.name !== '(') : undefined;
  if (first?.name !== 'String') return undefined;
  const value = literalValue(first, source).value;
  return typeof value === 'string' ? value : undefined;
}

function importOf(node: SyntaxNode, text: string, line: number): PyImport {
  const kids = childrenOf(node);
  const importAt = kids.findIndex((k) => k.name === 'import');
  const words = (list: SyntaxNode[]): string => list.map((k) => text.slice(k.from, k.to)).join('');
  if (kids[0]?.name === 'from') {
    const from = words(kids.slice(1, importAt < 0 ? kids.length : importAt));
    const names: string[] = [];
    for (let i = importAt + 1; importAt >= 0 && i < kids.length; i++) {
      const k = kids[i]!;
      if (k.name === '*') names.push('*');
      else if (k.name === 'VariableName' && kids[i - 1]?.name !== 'as') names.push(text.slice(k.from, k.to));
    }
    return { line, from, names };
  }
  // `import a.b, c as d`: module names are runs of names and dots between commas.
  const names: string[] = [];
  let current = '';
  let aliased = false;
  for (const k of kids.slice(1)) {
    if (k.name === ',') {
      if (current) names.push(current);
      current = '';
      aliased = false;
    } else if (k.name === 'as') aliased = true;
    else if (!aliased) current += text.slice(k.from, k.to);
  }
  if (current) names.push(current);
  return { line, names };
}
