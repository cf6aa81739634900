// GitHub Actions expressions evaluated with GitHub's own library (@actions/expressions: the lexer,
// parser and evaluator of the Actions VS Code extension), for the workflow tests that need to
// know what a `${{ }}` value becomes: the runner model (workflow-runner.ts) and the concurrency
// table test. The status functions (success(), always(), …) are the runner's, given here.

import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';

export type Contexts = Record<string, unknown>;

/** What the status functions answer for the job or step being evaluated. */
export interface Status {
  success: boolean;
  failure: boolean;
  cancelled?: boolean;
}

const CONTEXTS = ['github', 'inputs', 'secrets', 'matrix', 'needs', 'steps', 'job', 'jobs', 'runner', 'env', 'strategy', 'vars'];
const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled)\s*\(/i;

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData | undefined): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, data.replacer)) as unknown;
}

function functions(status: Status): Map<string, FunctionDefinition> {
  const fn = (name: string, answer: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answer()) },
  ];
  return new Map([
    fn('success', () => status.success),
    fn('failure', () => status.failure),
    fn('always', () => true),
    fn('cancelled', () => Boolean(status.cancelled)),
    ['hashfiles', { name: 'hashFiles', minArgs: 1, maxArgs: 255, call: () => new data.StringData('') }],
  ]);
}

/** One expression (without `${{ }}`), its value as plain JSON. */
export function evaluateExpression(expression: string, contexts: Contexts, status: Status = { success: true, failure: false }): unknown {
  const lexed = new Lexer(expression).lex();
  const fns = functions(status);
  const parsed = new Parser(lexed.tokens, CONTEXTS, [...fns.values()]).parse();
  const dictionary = new data.Dictionary(...CONTEXTS.map((key) => ({ key, value: toData(contexts[key] ?? {}) })));
  return fromData(new Evaluator(parsed, dictionary, fns).evaluate());
}

/** GitHub's string form of a value (`true`, `3`, JSON for objects). */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const WHOLE = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;
const PART = /\$\{\{([\s\S]*?)\}\}/g;

/**
 * A YAML value as GitHub reads it: a value that is one `${{ }}` keeps the expression's type (an
 * object for `fromJSON`, a boolean…); text with expressions in it is a string; anything else is
 * itself. Objects and lists are evaluated member by member.
 */
export function evaluateValue(value: unknown, contexts: Contexts, status?: Status): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && !whole[1]!.includes('}}')) return evaluateExpression(whole[1]!, contexts, status);
    if (!value.includes('${{')) return value;
    return value.replace(PART, (_, expression: string) => asString(evaluateExpression(expression, contexts, status)));
  }
  if (Array.isArray(value)) return value.map((v) => evaluateValue(v, contexts, status));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateValue(v, contexts, status)]));
  }
  return value;
}

/** An `if:` as GitHub reads it: an expression with or without `${{ }}`, `success() &&` implied. */
export function evaluateCondition(condition: unknown, contexts: Contexts, status: Status): boolean {
  if (condition === undefined || condition === null) return status.success;
  if (typeof condition === 'boolean') return condition && status.success;
  const text = String(condition).trim();
  const whole = WHOLE.exec(text);
  const expression = whole ? whole[1]! : text;
  const full = STATUS_FUNCTIONS.test(expression) ? expression : `success() && (${expression})`;
  const result = evaluateExpression(full, contexts, status);
  return Boolean(result) && result !== '' && result !== 0;
}
