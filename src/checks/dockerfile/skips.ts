// The skip comments other Dockerfile linters read, honoured for the findings of ours that are the
// same thing (RuleMeta.equivalent, RawFinding.equivalent; docs/rules.md lists them):
//   * BuildKit's check directive at the top of the file — `# check=skip=SecretsUsedInArgOrEnv`,
//     `skip=A,B`, `skip=all`, `error=true`, combined with `;` — or the same string in the image's
//     BUILDKIT_DOCKERFILE_CHECK build arg, which wins over the directive as it does in BuildKit;
//     `# check=skip=…` right above an instruction skips for that instruction. `error=true` makes
//     the findings BuildKit would report errors, as the build would fail on them.
//   * hadolint's `# hadolint ignore=DL3008,DL3015` right above an instruction, `# hadolint global
//     ignore=…` anywhere, and the `ignored:` list of a .hadolint.yaml at the project root.
// A skipped finding counts as suppressed in the summary. Written by hand: the formats are
// one-line `key=value` comments, and a regular expression reads each.

import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../model/finding.js';
import type { CheckContext } from '../context.js';
import type { Equivalent, RuleMeta } from '../rule.js';
import { dockerfileAt, type ParsedDockerfile } from './parse.js';

export interface CheckConfig {
  skipAll: boolean;
  skip: Set<string>;
  error: boolean;
}

const DIRECTIVE = /^#\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/;

/** BuildKit's check options, `skip=A,B;error=true`; undefined when the text sets none. */
export function parseCheckOptions(text: string | undefined): CheckConfig | undefined {
  if (text === undefined || !text.trim()) return undefined;
  const config: CheckConfig = { skipAll: false, skip: new Set(), error: false };
  for (const part of text.split(';')) {
    const [key, ...rest] = part.split('=');
    const value = rest.join('=').trim();
    switch (key?.trim().toLowerCase()) {
      case 'skip':
        for (const id of value.split(',').map((v) => v.trim()).filter(Boolean)) {
          if (id === 'all') config.skipAll = true;
          else config.skip.add(id);
        }
        break;
      case 'error':
        config.error = value.toLowerCase() === 'true';
        break;
      default:
        break;
    }
  }
  return config;
}

/** The `# check=…` parser directive: only in the directives at the very top of the file. */
export function checkDirective(df: ParsedDockerfile): string | undefined {
  for (const line of df.lines) {
    const m = DIRECTIVE.exec(line.trim());
    if (!m) return undefined;
    if (m[1]!.toLowerCase() === 'check') return m[2];
  }
  return undefined;
}

interface FileSkips {
  checks?: CheckConfig;
  /** `# check=skip=…` above an instruction: its first line → the ids. */
  instructionChecks: Map<number, Set<string>>;
  hadolintGlobal: Set<string>;
  /** `# hadolint ignore=…` above an instruction: every line of the instruction → the ids. */
  hadolintLines: Map<number, Set<string>>;
}

const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Z]{2}\d{4}(?:\s*,\s*[A-Z]{2}\d{4})*)/i;
const INSTRUCTION_CHECK = /^#\s*check\s*=\s*(.*)$/i;

function ids(list: string): string[] {
  return list.split(',').map((v) => v.trim().toUpperCase()).filter(Boolean);
}

function skipsOf(df: ParsedDockerfile, buildArg: string | undefined): FileSkips {
  const skips: FileSkips = { checks: parseCheckOptions(buildArg ?? checkDirective(df)), instructionChecks: new Map(), hadolintGlobal: new Set(), hadolintLines: new Map() };
  for (const instruction of df.instructions) {
    const hadolint = new Set<string>();
    const checks = new Set<string>();
    for (let n = instruction.line - 1; n >= 1 && df.commentLines.has(n); n--) {
      const text = (df.lines[n - 1] ?? '').trim();
      const h = HADOLINT.exec(text);
      if (h && !h[1]) for (const id of ids(h[2]!)) hadolint.add(id);
      const c = INSTRUCTION_CHECK.exec(text);
      if (c && n > 1) for (const id of parseCheckOptions(c[1])?.skip ?? []) checks.add(id);
    }
    if (checks.size) skips.instructionChecks.set(instruction.line, checks);
    if (hadolint.size) for (let n = instruction.line; n <= instruction.endLine; n++) skips.hadolintLines.set(n, hadolint);
  }
  for (const line of df.lines) {
    const h = HADOLINT.exec(line.trim());
    if (h?.[1]) for (const id of ids(h[2]!)) skips.hadolintGlobal.add(id);
  }
  return skips;
}

/** The `ignored:` rules of .hadolint.yaml / .hadolint.yml at the project root. */
function hadolintConfig(ctx: CheckContext): Set<string> {
  return ctx.memo('hadolint:config', () => {
    for (const name of ['.hadolint.yaml', '.hadolint.yml']) {
      const text = ctx.readFile(name);
      if (text === undefined) continue;
      try {
        const value = parseYaml(text) as { ignored?: unknown } | null;
        if (Array.isArray(value?.ignored)) return new Set(value.ignored.filter((v): v is string => typeof v === 'string').map((v) => v.toUpperCase()));
      } catch {
        // hadolint refuses a broken config itself; nothing is skipped here.
      }
      return new Set<string>();
    }
    return new Set<string>();
  });
}

export interface SkipOutcome {
  findings: Finding[];
  skipped: number;
}

/** Drops (or, for `error=true`, raises) the Dockerfile findings the file's other linters' comments cover. */
export function applyDockerfileSkips(ctx: CheckContext, findings: readonly { finding: Finding; meta: RuleMeta; equivalent?: Equivalent }[]): SkipOutcome {
  const perFile = new Map<string, FileSkips | undefined>();
  const skipsFor = (file: string): FileSkips | undefined => {
    if (!perFile.has(file)) {
      const df = ctx.project.images.some((i) => i.dockerfile === file) ? dockerfileAt(ctx, file) : undefined;
      const buildArg = ctx.project.images.find((i) => i.dockerfile === file && i.buildArgs.BUILDKIT_DOCKERFILE_CHECK !== undefined)?.buildArgs.BUILDKIT_DOCKERFILE_CHECK;
      perFile.set(file, df && !df.binary ? skipsOf(df, buildArg) : undefined);
    }
    return perFile.get(file);
  };
  const config = hadolintConfig(ctx);
  const kept: Finding[] = [];
  let skipped = 0;
  for (const { finding, meta, equivalent } of findings) {
    const same = equivalent ?? meta.equivalent;
    const skips = same && meta.area === 'dockerfile' ? skipsFor(finding.file) : undefined;
    if (!same || !skips) {
      kept.push(finding);
      continue;
    }
    const buildkit = same.buildkit;
    const hadolint = same.hadolint ?? [];
    const byBuildkit = buildkit !== undefined && (skips.checks?.skipAll || skips.checks?.skip.has(buildkit) || skips.instructionChecks.get(finding.line)?.has(buildkit));
    const byHadolint = hadolint.some((id) => config.has(id) || skips.hadolintGlobal.has(id) || skips.hadolintLines.get(finding.line)?.has(id));
    if (byBuildkit || byHadolint) {
      skipped++;
      continue;
    }
    // A level set in .oep45.yml wins over the Dockerfile's `error=true`.
    const raise = buildkit !== undefined && skips.checks?.error && ctx.project.rules[meta.id] === undefined;
    kept.push(raise ? { ...finding, severity: 'error' } : finding);
  }
  return { findings: kept, skipped };
}
