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

export function parsePythonModule(file: string, text: string): PyModule {
  const module: PyModule = { file, assignments: [], comments: [], imports: [], strings: [], calls: [] };
  const binary = binaryPosition(text);
  if (binary) {
    module.binary = binary;
    return module;
  }
  const lines = new LineIndex(text);
  const tree = parser.parse(text);
  const src = (n: SyntaxNode): string => text.slice(n.from, n.to);

  const assignment = (node: SyntaxNode, conditional: boolean): void => {
    // Targets and the value are separated by `=` nodes: `A = B = value`, `X: int = value`.
    const groups: SyntaxNode[][] = [[]];
    for (const c of childrenOf(node)) {
      if (c.name === 'AssignOp') groups.push([]);
      else groups[groups.length - 1]!.push(c);
    }
    if (groups.length < 2) return; // a bare annotation `X: int` assigns nothing
    const valueNodes = groups.pop()!.filter((n) => n.name !== ',');
    const value = valueNodes.length === 1 ? literalValue(valueNodes[0]!, text) : undefined;
    const endLine = lines.line(node.to);
    for (const group of groups) {
      const names = group.filter((n) => n.name === 'VariableName');
      const unpacking = group.some((n) => n.name === ',');
      for (const target of names) {
        const name = src(target);
        if (!isSettingName(name)) continue;
        const pos = lines.position(target.from);
        module.assignments.push({ name, line: pos.line, column: pos.column, endLine, value: unpacking ? undefined : value, conditional });
      }
    }
  };

  const statements = (parent: SyntaxNode, conditional: boolean): void => {
    for (const node of childrenOf(parent)) {
      if (node.name === 'AssignStatement') assignment(node, conditional);
      else if (BLOCKS.has(node.name)) {
        for (const body of childrenOf(node)) if (body.name === 'Body') statements(body, true);
      } else if (node.name === 'StatementGroup') statements(node, conditional);
    }
  };
  statements(tree.topNode, false);
  const indentError = indentationError(tree.topNode, text, lines);

  tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (ref.type.isError) {
        if (!module.syntaxError) {
          const pos = lines.position(ref.from);
          const rest = text.slice(lines.lineStart(pos.line)).split('\n')[0]!.trim();
          module.syntaxError = {
            ...pos,
            message: ref.from >= text.length ? 'invalid syntax: unexpected end of file' : `invalid syntax near \`${rest.slice(0, 60)}\``,
          };
        }
        return;
      }
      switch (ref.name) {
        case 'Comment': {
          const pos = lines.position(ref.from);
          const before = text.slice(lines.lineStart(pos.line), ref.from);
          module.comments.push({ ...pos, text: src(node), ownLine: before.trim() === '' });
          return false;
        }
        case 'String': {
          const value = literalValue(node, text);
          if (typeof value.value === 'string') module.strings.push({ value: value.value, line: lines.line(ref.from) });
          return false;
        }
        case 'CallExpression': {
          const callee = node.firstChild;
          if (callee) module.calls.push({ callee: src(callee).replace(/\s+/g, ''), line: lines.line(ref.from) });
          return undefined;
        }
        case 'ImportStatement':
          module.imports.push(importOf(node, text, lines));
          return false;
        default:
          return undefined;
      }
    },
  });
  module.comments.sort((a, b) => a.line - b.line || a.column - b.column);
  if (indentError && (!module.syntaxError || indentError.line < module.syntaxError.line)) module.syntaxError = indentError;
  return module;
}

/**
 * Lezer's Python grammar accepts statements at any indentation; Python does not. The first
 * statement whose indentation differs from its block's (or is indented at module level).
 */
function indentationError(root: SyntaxNode, text: string, lines: LineIndex): PySyntaxError | undefined {
  let found: PySyntaxError | undefined;
  const visit = (block: SyntaxNode, topLevel: boolean): void => {
    let expected: number | undefined = topLevel ? 0 : undefined;
    for (const node of childrenOf(block)) {
      if (found) return;
      if (node.name === 'Comment' || node.name === ':' || node.type.isError) continue;
      const pos = lines.position(node.from);
      const indent = text.slice(lines.lineStart(pos.line), node.from);
      if (/^[ \t]*$/.test(indent)) {
        expected ??= indent.length;
        if (indent.length !== expected) {
          found = { ...pos, message: indent.length > expected ? 'invalid syntax: unexpected indent' : 'invalid syntax: unindent does not match any outer indentation level' };
          return;
        }
      }
      for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === 'Body') visit(c, false);
      // A decorated definition or a compound statement keeps its bodies one level down.
      if (node.name === 'DecoratedStatement') for (let c = node.firstChild; c; c = c.nextSibling) for (let b = c.firstChild; b; b = b.nextSibling) if (b.name === 'Body') visit(b, false);
    }
  };
  visit(root, true);
  return found;
}

function importOf(node: SyntaxNode, text: string, lines: LineIndex): PyImport {
  const kids = childrenOf(node);
  const line = lines.line(node.from);
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
