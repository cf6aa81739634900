// The list and map forms that action inputs and CLI flags share with docker's own actions:
// newline- or comma-separated lists, `KEY=VALUE` lines.

import { UserError } from './errors.js';

/** Splits on newlines, and on commas unless `commas` is false; trims; drops blanks and `#` comments. */
export function parseList(text: string | undefined, commas = true): string[] {
  if (!text) return [];
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
}

/**
 * `KEY=VALUE` entries; a value may itself contain `=`. Made with Object.fromEntries, so a key such
 * as `__proto__` is an entry like any other, never the object's prototype.
 */
export function parseKeyValues(entries: readonly string[], inputName: string): Record<string, string> {
  const pairs: Array<[string, string]> = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UserError(`${inputName}: "${entry}" is not KEY=VALUE`);
    pairs.push([entry.slice(0, eq).trim(), entry.slice(eq + 1)]);
  }
  return Object.fromEntries(pairs);
}

export function parseBoolean(text: string | undefined, inputName: string): boolean | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const t = text.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(t)) return true;
  if (['false', 'no', '0', 'off'].includes(t)) return false;
  throw new UserError(`${inputName}: "${text}" is not true or false`);
}

export function oneOf<T extends string>(text: string | undefined, allowed: readonly T[], inputName: string): T | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const t = text.trim() as T;
  if (!allowed.includes(t)) throw new UserError(`${inputName}: "${text}" must be one of ${allowed.join(', ')}`);
  return t;
}
