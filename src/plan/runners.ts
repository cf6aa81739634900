// Which runner builds which platform: rules keyed by a platform prefix (`linux/arm64`, `linux/arm`,
// `linux`), the most specific matching rule wins (as docker/github-builder maps them), then the
// default (`*` or `default`). A runner is what `runs-on` takes: a label, a list of labels, or a
// runner group (`{"group": "…", "labels": […]}`), so self-hosted fleets work as well as GitHub's.
// Built in: `linux/arm64` on GitHub's native arm runner, everything else on `ubuntu-24.04`; a
// platform its runner cannot run natively is emulated with QEMU by the build leg itself.
// Written by hand: one line format (`PATTERN=RUNNER`) and JSON for the list and group forms.

import { UserError } from '../util/errors.js';

export type RunnerLabel = string | string[] | { group?: string; labels?: string | string[] };

export interface RunnerMapping {
  /** Platform prefix → runner; a Map, so no user key can reach an object's prototype. */
  rules: Map<string, RunnerLabel>;
  default?: RunnerLabel;
}

export const DEFAULT_RUNNERS: Readonly<RunnerMapping> = {
  rules: new Map<string, RunnerLabel>([['linux/arm64', 'ubuntu-24.04-arm']]),
  default: 'ubuntu-24.04',
};

/** `linux`, `linux/arm`, `linux/arm/v7`: one to three parts, each as a platform's (src/plan/platform.ts). */
const PREFIX = /^[a-z0-9]+(?:\/[a-z0-9_]+(?:\/[a-z0-9]+)?)?$/;
const WHAT = 'runners';

function checkLabel(label: unknown, line: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof label !== 'string' || !label.trim() || /[\u0000-\u001f\u007f]/.test(label)) {
    throw new UserError(`${WHAT}: "${line}": a runner label is a non-empty string on one line`);
  }
  return label.trim();
}

function parseRunner(text: string, line: string): RunnerLabel {
  if (!text.startsWith('[') && !text.startsWith('{')) return checkLabel(text, line);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(`${WHAT}: "${line}": a runner starting with [ or { must be JSON (a list of labels, or {"group": …, "labels": …})`);
  }
  if (Array.isArray(value)) {
    if (!value.length) throw new UserError(`${WHAT}: "${line}": an empty list of labels matches no runner`);
    return value.map((l) => checkLabel(l, line));
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (!keys.length || keys.some((k) => k !== 'group' && k !== 'labels')) {
    throw new UserError(`${WHAT}: "${line}": a runner group is {"group": "<name>", "labels": [...]}, nothing else`);
  }
  const out: { group?: string; labels?: string | string[] } = {};
  if ('group' in object) out.group = checkLabel(object.group, line);
  if ('labels' in object) out.labels = Array.isArray(object.labels) ? object.labels.map((l) => checkLabel(l, line)) : checkLabel(object.labels, line);
  return out;
}

/**
 * The action's `runners` input: one `PATTERN=RUNNER` per line (never split on commas: a JSON list
 * has them); `*=` or `default=` for every platform no rule names; blank lines and `#` comments
 * ignored. A later line for the same pattern replaces an earlier one, so the reusable workflow can
 * put its `runner-amd64`/`runner-arm64` inputs first and the caller's `runners` after them.
 */
export function parseRunnerMapping(text: string | undefined): RunnerMapping {
  const mapping: RunnerMapping = { rules: new Map() };
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new UserError(`${WHAT}: "${line}" is not PLATFORM=RUNNER`);
    const pattern = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!value) continue; // an empty label (an input left empty) keeps the default
    const runner = parseRunner(value, line);
    if (pattern === '*' || pattern === 'default') mapping.default = runner;
    else if (PREFIX.test(pattern)) mapping.rules.set(pattern, runner);
    else throw new UserError(`${WHAT}: "${pattern}" is not a platform or platform prefix (linux/arm64, linux/arm, linux) nor * for the others`);
  }
  return mapping;
}

/** How many parts of `platform` the prefix `pattern` matches, or -1 when it does not match. */
function specificity(pattern: string, platform: string): number {
  const want = pattern.split('/');
  const have = platform.split('/');
  if (want.length > have.length) return -1;
  return want.every((part, i) => part === have[i]) ? want.length : -1;
}

function bestRule(rules: Map<string, RunnerLabel>, platform: string): { runner: RunnerLabel; parts: number } | undefined {
  let best: { runner: RunnerLabel; parts: number } | undefined;
  for (const [pattern, runner] of rules) {
    const parts = specificity(pattern, platform);
    if (parts > 0 && (!best || parts > best.parts)) best = { runner, parts };
  }
  return best;
}

/**
 * The runner of a (checked) platform: the most specific rule of the caller's and the built-in
 * ones (the caller's wins a tie), else the caller's default, else the built-in default.
 */
export function runnerFor(platform: string, mapping: RunnerMapping = { rules: new Map() }): RunnerLabel {
  const own = bestRule(mapping.rules, platform);
  const builtIn = bestRule(DEFAULT_RUNNERS.rules, platform);
  if (own && (!builtIn || own.parts >= builtIn.parts)) return own.runner;
  if (builtIn) return builtIn.runner;
  return mapping.default ?? DEFAULT_RUNNERS.default!;
}
