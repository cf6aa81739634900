// `7d`, `12h`, `2w` → seconds; the form of the `max-age` option.

import { UserError } from './errors.js';

const UNIT: Record<string, number> = { h: 3600, d: 86400, w: 604800 };

export function parseDuration(text: string, inputName: string): number {
  const m = /^([0-9]+)([hdw])$/.exec(text.trim());
  if (!m) throw new UserError(`${inputName}: "${text}" is not a duration; write it like 12h, 7d or 2w`);
  return Number(m[1]) * UNIT[m[2] as string]!;
}
