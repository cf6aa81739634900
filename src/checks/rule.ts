// What a rule is: stable id, default severity, documentation pointer, and a check function over
// the CheckContext. One rule per module; src/checks/registry.ts lists them all.

import type { Finding, Severity } from '../model/finding.js';
import type { CheckContext } from './context.js';

/**
 * `suppressions` is for the notices about inline suppressions themselves (src/checks/suppressions.ts);
 * `project` for what the repository is (src/checks/project/).
 */
export type RuleArea = 'dockerfile' | 'settings' | 'changelog' | 'operations' | 'workflows' | 'project' | 'suppressions';

export interface RuleMeta {
  /** `OEP45-D001`: D Dockerfile, S settings, C changelog, O operations manual, W workflows, P project. */
  id: string;
  /** A few words, e.g. "Dockerfile exists". */
  title: string;
  severity: Severity;
  area: RuleArea;
  /** Default advice on how to fix; a finding may give more specific help. */
  help: string;
  /** The BuildKit check and hadolint rules that report the same thing (docs/rules.md lists them). */
  equivalent?: Equivalent;
}

/** What a rule reports; the runner fills in the rule id, the severity and default help. */
export interface RawFinding {
  message: string;
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  help?: string;
  /** Only for rules whose level depends on the case (e.g. legacy layouts report notices). */
  severity?: Severity;
  /**
   * The BuildKit check and hadolint rules this finding is the same as, when they differ from the
   * rule's own (RuleMeta.equivalent): a Dockerfile that skips them skips this finding.
   */
  equivalent?: Equivalent;
  /** See Finding.subject. */
  subject?: string;
  /** See Finding.members: the findings this one stands for, each with its own line. */
  members?: RawFinding[];
}

/** What a Dockerfile finding is in BuildKit's checks and in hadolint, for their skip comments. */
export interface Equivalent {
  buildkit?: string;
  hadolint?: string[];
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: CheckContext): RawFinding[] | Promise<RawFinding[]>;
  /** The rule waits for git: it is started before the others, so that its waiting overlaps their work. */
  waits?: boolean;
  /** The rule reports on what the others did (the files they read): it starts when they are done. */
  after?: boolean;
}

export function docsUrl(id: string): string {
  return `https://github.com/openedx/oep45-action/blob/main/docs/rules.md#${id.toLowerCase()}`;
}

export function toFinding(meta: RuleMeta, raw: RawFinding, severity: Severity): Finding {
  const finding: Finding = {
    rule: meta.id,
    severity,
    message: raw.message,
    file: raw.file,
    line: raw.line,
    help: raw.help ?? meta.help,
  };
  if (raw.column !== undefined) finding.column = raw.column;
  if (raw.endLine !== undefined) finding.endLine = raw.endLine;
  if (raw.subject !== undefined) finding.subject = raw.subject;
  if (raw.members) finding.members = raw.members.map((m) => toFinding(meta, m, severity));
  return finding;
}
