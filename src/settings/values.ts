// Judgements on a setting's value, kept in tables so that each case is visible and tested:
// what counts as "no real default" for a required setting, and which defaults are obviously not
// production-ready (OEP-45: defaults must serve production as they are).

import type { JsonValue, PyValue } from './literal.js';

const MARKER_NAME = /(required|missing|unset|not_?set|must_?be_?set|no_?default)/i;

/**
 * True when a required setting's value says "no default": `None`, `...`, or a marker such as
 * `REQUIRED`, `Required()`, `markers.MUST_BE_SET`.
 */
export function isRequiredMarker(value: PyValue | undefined): boolean {
  if (!value) return false;
  if (value.type === 'none' || value.type === 'ellipsis') return true;
  return /^[A-Za-z_][\w.]*(\(\s*\))?$/.test(value.text) && MARKER_NAME.test(value.text);
}

export interface ProductionRule {
  /** Setting names the rule is about. */
  name: RegExp;
  /** True when the value is not production-ready. */
  bad(value: PyValue): boolean;
  reason: string;
}

const SECRET_NAME = /(^|_)(SECRET|SECRET_KEY|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY)$/;

export const PRODUCTION_RULES: readonly ProductionRule[] = [
  {
    name: /^(DEBUG|TEMPLATE_DEBUG|DEBUG_PROPAGATE_EXCEPTIONS)$/,
    bad: (v) => v.literal && v.value === true,
    reason: 'is True: debug pages show code, settings and data to anyone',
  },
  {
    name: /^ALLOWED_HOSTS$/,
    bad: (v) => v.literal && Array.isArray(v.value) && v.value.includes('*'),
    reason: "accepts any host ('*'), which opens host-header attacks",
  },
  {
    name: /^(CORS_ORIGIN_ALLOW_ALL|CORS_ALLOW_ALL_ORIGINS)$/,
    bad: (v) => v.literal && v.value === true,
    reason: 'is True: any web site may call this service with the user’s credentials',
  },
  {
    name: SECRET_NAME,
    bad: (v) => v.literal && typeof v.value === 'string' && v.value.trim() !== '',
    reason: 'is a literal secret that every installation would share',
  },
  {
    name: SECRET_NAME,
    bad: (v) => literalFallback(v) !== undefined,
    reason: 'falls back to a literal secret, shared by every installation that does not set the environment variable',
  },
  {
    name: /./,
    bad: (v) => v.literal && nestedSecret(v.value) !== undefined,
    reason: 'holds a literal secret that every installation would share',
  },
];

/** The non-empty literal string an environment read falls back to (`os.environ.get('X', 'insecure')`). */
export function literalFallback(value: PyValue): string | undefined {
  const fallback = value.env?.fallback;
  return fallback?.literal && typeof fallback.value === 'string' && fallback.value.trim() !== '' ? fallback.value : undefined;
}

/** Documentation that says the operator must set the setting. */
const DOCUMENTED_REQUIRED = /\b(required|mandatory|must (be )?(set|configured|provided|changed|overridden)|needs? to be (set|configured|provided)|has to be set)\b/i;

/** Whether a setting's own documentation (description or warning) says it must be set. */
export function documentedRequired(doc: { description?: string; warning?: string } | undefined): boolean {
  return DOCUMENTED_REQUIRED.test(`${doc?.description ?? ''} ${doc?.warning ?? ''}`);
}

/** The first key (at any depth of a dict literal) that names a secret and has a non-empty string. */
export function nestedSecret(value: JsonValue | undefined): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, v] of Array.isArray(value) ? value.map((x, i) => [String(i), x] as const) : Object.entries(value)) {
    if (typeof v === 'string' && v.trim() !== '' && SECRET_NAME.test(key.toUpperCase())) return key;
    const inner = nestedSecret(v);
    if (inner) return inner;
  }
  return undefined;
}

/** Why `value` is not a production-ready default for `name`, or undefined when it may be. */
export function notProductionReady(name: string, value: PyValue | undefined): string | undefined {
  if (!value) return undefined;
  return PRODUCTION_RULES.find((r) => r.name.test(name) && r.bad(value))?.reason;
}
