// Findings that stand for a group: a legacy settings module with 250 undocumented settings gets one
// notice with the count and the names (guidance for the whole file), not 250 lines with the same
// help. The group keeps its members, so the baseline and SARIF still count each setting, and a
// group whose members are partly known to the baseline, or partly on a pull request's changed
// lines, is split into those parts, each said in the same words.

import type { Finding } from '../model/finding.js';
import type { RawFinding } from './rule.js';

/** Names shown in a group's message; the rest are counted. */
const SHOWN = 12;

interface Member {
  subject?: string;
  line: number;
}

/** The message of a group of undocumented settings (OEP45-S008), from its members. */
export function undocumentedMessage(members: readonly Member[]): string {
  if (members.length === 1) return `setting ${members[0]!.subject} is not documented`;
  const names = members.slice(0, SHOWN).map((m) => `${m.subject} (line ${m.line})`).join(', ');
  const more = members.length > SHOWN ? ` and ${members.length - SHOWN} more` : '';
  return `${members.length} settings are not documented: ${names}${more}`;
}

const MESSAGES: Record<string, (members: readonly Member[]) => string> = {
  'OEP45-S008': undocumentedMessage,
};

/** A rule's group of raw findings of one file: one finding at the first member's place. */
export function rawGroup(rule: string, members: RawFinding[]): RawFinding {
  const first = members[0]!;
  if (members.length === 1) return first;
  const group: RawFinding = { message: MESSAGES[rule]!(members), file: first.file, line: first.line, members };
  if (first.column !== undefined) group.column = first.column;
  if (first.severity) group.severity = first.severity;
  return group;
}

/** A group made anew of some of its members (the new ones, or the known ones). */
function regroup(group: Finding, members: Finding[]): Finding {
  if (members.length === 1) return members[0]!;
  const first = members[0]!;
  const made: Finding = { ...group, message: MESSAGES[group.rule]!(members), line: first.line, members };
  if (first.column !== undefined) made.column = first.column;
  else delete made.column;
  if (first.fingerprint) made.fingerprint = first.fingerprint;
  if (first.baselineState) made.baselineState = first.baselineState;
  return made;
}

/**
 * Once the members carry their baseline state and a pull request's changed lines are known: each
 * group whose members differ is split into its parts (new or known, on the changed lines or not),
 * so that what is new, or what the pull request wrote, is said and annotated on its own.
 */
export function splitGroups(findings: readonly Finding[], onChangedLines: (f: Finding) => boolean = () => false): Finding[] {
  return findings.flatMap((f) => {
    if (!f.members) return [f];
    const parts = new Map<string, Finding[]>();
    for (const m of f.members) {
      const part = `${m.baselineState === 'new' ? 'new' : 'known'} ${onChangedLines(m) ? 'changed' : 'other'}`;
      parts.set(part, [...(parts.get(part) ?? []), m]);
    }
    if (parts.size === 1) {
      const state = f.members[0]!.baselineState;
      return [state ? { ...f, baselineState: state } : f];
    }
    const order = ['new changed', 'new other', 'known changed', 'known other'];
    return order.flatMap((part) => (parts.has(part) ? [regroup(f, parts.get(part)!)] : []));
  });
}
