// What a setting's default is, from its Python expression: the value when it is a literal
// (strings, numbers, booleans, None, lists, tuples, sets, dicts, simple arithmetic), and its
// Python type whenever that is known even if the value is not (an f-string is a str). The JSON
// Schema of an operator's YAML takes its types from here; the changelog diff compares `text`.

import type { SyntaxNode } from '@lezer/common';

export type PyType = 'str' | 'bytes' | 'int' | 'float' | 'bool' | 'none' | 'list' | 'tuple' | 'set' | 'dict' | 'ellipsis';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface PyValue {
  /** The expression as written, with runs of blanks collapsed. */
  text: string;
  /** Python type, when known. */
  type?: PyType;
  /** True when `value` holds the whole value. */
  literal: boolean;
  value?: JsonValue;
  /**
   * Read from an environment variable: `os.environ.get('X', fallback)`, `os.getenv('X')`,
   * `os.environ['X']`, `get_env_setting('X')`. `fallback` is the value when the variable is unset.
   */
  env?: { variable: string; fallback?: PyValue };
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':']);

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

/** The expression on one line: blanks collapsed everywhere (strings too: `text` is for display and comparison only). */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([[({]) /g, '$1').replace(/ ([\])}])/g, '$1').trim();
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/** A Python string literal's value; undefined for an f-string. */
export function decodeString(literal: string): { value: string; bytes: boolean } | undefined {
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(literal);
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  if (prefix.includes('f')) return undefined;
  const quote = m[2]!;
  let body = literal.slice(m[0].length);
  if (body.endsWith(quote)) body = body.slice(0, body.length - quote.length);
  const bytes = prefix.includes('b');
  if (prefix.includes('r')) return { value: body, bytes };
  const value = body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (all, esc: string) => {
    if (/^[xuU]/.test(esc) && esc.length > 1) {
      const code = parseInt(esc.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    if (esc.startsWith('N{')) return all;
    return ESCAPES[esc] ?? all;
  });
  return { value, bytes };
}

function parseNumber(raw: string): { value: number; type: PyType } | undefined {
  const s = raw.replace(/_/g, '');
  if (/[jJ]$/.test(s)) return undefined; // complex
  if (/^0[xXoObB]/.test(s)) {
    const n = Number(s);
    return Number.isNaN(n) ? undefined : { value: n, type: 'int' };
  }
  const n = Number(s);
  if (Number.isNaN(n)) return undefined;
  return { value: n, type: /[.eE]/.test(s) ? 'float' : 'int' };
}

function arithmetic(op: string, a: number, b: number, bothInt: boolean): { value: number; type: PyType } | undefined {
  switch (op) {
    case '+':
      return { value: a + b, type: bothInt ? 'int' : 'float' };
    case '-':
      return { value: a - b, type: bothInt ? 'int' : 'float' };
    case '*':
      return { value: a * b, type: bothInt ? 'int' : 'float' };
    case '/':
      return b === 0 ? undefined : { value: a / b, type: 'float' };
    case '//':
      return b === 0 ? undefined : { value: Math.floor(a / b), type: bothInt ? 'int' : 'float' };
    case '%':
      return b === 0 ? undefined : { value: ((a % b) + b) % b, type: bothInt ? 'int' : 'float' };
    case '**':
      return { value: a ** b, type: bothInt && b >= 0 ? 'int' : 'float' };
    default:
      return undefined;
  }
}

/** The node's source without its comments (annotations inside a dict are not part of its value). */
function withoutComments(node: SyntaxNode, source: string): string {
  const cuts: [number, number][] = [];
  const visit = (n: SyntaxNode): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Comment') cuts.push([c.from, c.to]);
      else visit(c);
    }
  };
  visit(node);
  let out = '';
  let at = node.from;
  for (const [from, to] of cuts) {
    out += source.slice(at, from);
    at = to;
  }
  return out + source.slice(at, node.to);
}

/** Callees that read an environment variable: `(name, fallback)` arguments. */
const ENV_GET = /^(os\.)?(environ\.get|getenv)$|^(get_env_setting|get_env_variable|env_setting)$/;

/** `os.environ.get('X', 'fallback')` and its kin; `os.environ['X']`. */
function environmentRead(node: SyntaxNode, source: string, text: string): PyValue | undefined {
  const kids = children(node);
  if (node.name === 'MemberExpression') {
    const [object, open, key] = kids;
    if (!object || open?.name !== '[' || key?.name !== 'String' || !/^(os\.)?environ$/.test(source.slice(object.from, object.to).replace(/\s+/g, ''))) return undefined;
    const variable = literalValue(key, source).value;
    return typeof variable === 'string' ? { text, literal: false, env: { variable } } : undefined;
  }
  const [callee, args] = kids;
  if (!callee || args?.name !== 'ArgList' || !ENV_GET.test(source.slice(callee.from, callee.to).replace(/\s+/g, ''))) return undefined;
  const positional = children(args).filter((c) => !PUNCTUATION.has(c.name));
  if (positional.some((c) => c.name === 'AssignOp' || c.name === '*' || c.name === '**')) return undefined;
  const [name, fallbackNode] = positional;
  const variable = name?.name === 'String' ? literalValue(name, source).value : undefined;
  if (typeof variable !== 'string') return undefined;
  const fallback = fallbackNode ? literalValue(fallbackNode, source) : undefined;
  return { text, type: fallback?.type === 'none' ? undefined : fallback?.type, literal: false, env: fallback ? { variable, fallback } : { variable } };
}

/** The value of an expression node of `source`. */
export function literalValue(node: SyntaxNode, source: string): PyValue {
  const text = normalize(withoutComments(node, source));
  const opaque = (type?: PyType): PyValue => ({ text, type, literal: false });
  const known = (value: JsonValue, type: PyType): PyValue => ({ text, type, literal: true, value });
  switch (node.name) {
    case 'Boolean':
      return known(text === 'True', 'bool');
    case 'None':
      return known(null, 'none');
    case 'Ellipsis':
      return opaque('ellipsis');
    case 'Number': {
      const n = parseNumber(text);
      return n ? known(n.value, n.type) : opaque();
    }
    case 'String': {
      const s = decodeString(source.slice(node.from, node.to));
      if (!s) return opaque('str');
      return known(s.value, s.bytes ? 'bytes' : 'str');
    }
    case 'FormatString':
      return opaque('str');
    case 'ContinuedString': {
      const parts = children(node).map((c) => literalValue(c, source));
      const type = parts.some((p) => p.type === 'bytes') ? 'bytes' : 'str';
      if (parts.every((p) => p.literal && typeof p.value === 'string')) return known(parts.map((p) => p.value).join(''), type);
      return opaque(type);
    }
    case 'ParenthesizedExpression': {
      const inner = children(node).filter((c) => !PUNCTUATION.has(c.name));
      return inner.length === 1 ? { ...literalValue(inner[0]!, source), text } : opaque();
    }
    case 'ArrayExpression':
    case 'TupleExpression':
    case 'SetExpression': {
      const type: PyType = node.name === 'ArrayExpression' ? 'list' : node.name === 'TupleExpression' ? 'tuple' : 'set';
      const items = children(node).filter((c) => !PUNCTUATION.has(c.name));
      if (items.some((c) => c.name === '*' || c.name === '**')) return opaque(type);
      const values = items.map((c) => literalValue(c, source));
      return values.every((v) => v.literal) ? known(values.map((v) => v.value!), type) : opaque(type);
    }
    case 'DictionaryExpression': {
      const items = children(node).filter((c) => !['{', '}', ','].includes(c.name));
      const out: Record<string, JsonValue> = {};
      let literal = true;
      for (let i = 0; i < items.length; i++) {
        const key = items[i]!;
        if (key.name === '**' || items[i + 1]?.name !== ':') {
          literal = false;
          break;
        }
        const k = literalValue(key, source);
        const v = items[i + 2] ? literalValue(items[i + 2]!, source) : undefined;
        i += 2;
        if (!v || !k.literal || typeof k.value !== 'string' || !v.literal) literal = false;
        else out[k.value] = v.value!;
      }
      return literal ? known(out, 'dict') : opaque('dict');
    }
    case 'UnaryExpression': {
      const [op, operand] = children(node);
      if (!op || !operand) return opaque();
      const v = literalValue(operand, source);
      const sign = source.slice(op.from, op.to);
      if (v.literal && typeof v.value === 'number' && (sign === '-' || sign === '+')) {
        return known(sign === '-' ? -v.value : v.value, v.type!);
      }
      if (sign === 'not') return opaque('bool');
      return opaque(v.type === 'int' || v.type === 'float' ? v.type : undefined);
    }
    case 'BinaryExpression': {
      const [left, op, right] = children(node);
      if (!left || !op || !right) return opaque();
      const a = literalValue(left, source);
      const b = literalValue(right, source);
      const o = source.slice(op.from, op.to);
      if (a.literal && b.literal && typeof a.value === 'number' && typeof b.value === 'number') {
        const r = arithmetic(o, a.value, b.value, a.type === 'int' && b.type === 'int');
        if (r && Number.isFinite(r.value)) return known(r.value, r.type);
      }
      if (o === '+' && a.type === 'str' && b.type === 'str') return opaque('str');
      if (['and', 'or', 'not', 'in', 'is'].includes(o) || op.name === 'CompareOp') return opaque('bool');
      return opaque(a.type && a.type === b.type && ['list', 'tuple', 'int', 'float'].includes(a.type) ? a.type : undefined);
    }
    case 'CallExpression':
    case 'MemberExpression':
      return environmentRead(node, source, text) ?? opaque();
    default:
      return opaque();
  }
}

/** Python's spelling of a JSON-ish value, for documentation. */
export function pythonRepr(value: JsonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
    .join(', ')}}`;
}
