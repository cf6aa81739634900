// The two ways Open edX documents a setting in code, read from a module's comments:
//   * Sphinx autodoc `#:` comments right above the assignment (or after it on the same line);
//   * code-annotations groups: `# .. setting_name: X`, `# .. setting_default: …`,
//     `# .. setting_description: …` and, for toggles, `# .. toggle_name: X` with the fields of
//     Open edX's feature-toggle annotation config. A field's text may go on over the comment lines
//     that follow it.
// The comments come from the Python parser, so text inside strings is never taken for a comment.

import type { PyAssignment, PyComment } from './python-module.js';

export type AnnotationKind = 'setting' | 'toggle';

export interface AnnotationField {
  value: string;
  line: number;
}

export interface AnnotationGroup {
  kind: AnnotationKind;
  /**
   * The `setting_name`/`toggle_name` value, without edx-platform's `settings.` prefix
   * (`settings.ENABLE_X` names the setting `ENABLE_X`); empty for fields with no name before them.
   */
  name: string;
  /** The name as written. */
  written: string;
  file: string;
  line: number;
  endLine: number;
  /** Fields by short name (`default`, `description`, `implementation`, …). */
  fields: Map<string, AnnotationField>;
}

/** Fields every group must have (from the code-annotations configs Open edX uses). */
export const REQUIRED_FIELDS: Record<AnnotationKind, readonly string[]> = {
  setting: ['name', 'default', 'description'],
  toggle: ['name', 'implementation', 'default', 'description', 'use_cases', 'creation_date'],
};

const FIELD = /^#\s*\.\.\s+(setting|toggle)_([a-z_]+):\s?(.*)$/;

/**
 * `settings.X` and `django.conf.settings.X` name the setting X, and so does edx-platform's
 * `FEATURES['X']` since its FEATURES became a proxy of the module's own names (FeaturesProxy);
 * anything else is kept as written.
 */
export function settingName(written: string): string {
  const feature = /^(?:settings\.)?FEATURES\[\s*['"]([A-Za-z_]\w*)['"]\s*\]$/.exec(written);
  if (feature) return feature[1]!;
  return written.replace(/^(django\.conf\.)?settings\./, '');
}

/** A `FEATURES['X']` name: a key of the FEATURES dict in older edx-platform, so possibly no assignment. */
export function namesFeature(written: string): boolean {
  return /^(?:settings\.)?FEATURES\[/.test(written);
}

/** Groups of code-annotations in the module's comments, in order. */
export function annotationGroups(file: string, comments: readonly PyComment[]): AnnotationGroup[] {
  const groups: AnnotationGroup[] = [];
  let group: AnnotationGroup | undefined;
  let last: AnnotationField | undefined;
  let lastLine = -1;
  for (const comment of comments) {
    const contiguous = comment.line === lastLine + 1;
    const m = FIELD.exec(comment.text.trim());
    if (m) {
      const kind = m[1] as AnnotationKind;
      const field = m[2]!;
      const value = m[3]!.trim();
      if (field === 'name' || !group || !contiguous || group.kind !== kind) {
        group = { kind, name: field === 'name' ? settingName(value) : '', written: field === 'name' ? value : '', file, line: comment.line, endLine: comment.line, fields: new Map() };
        groups.push(group);
      }
      last = { value, line: comment.line };
      if (!group.fields.has(field)) group.fields.set(field, last);
      group.endLine = comment.line;
      lastLine = comment.line;
      continue;
    }
    if (group && last && contiguous && comment.ownLine) {
      // A continuation line of the previous field, e.g. `#   more than one line of text`.
      const more = comment.text.replace(/^#+/, '').trim();
      if (more && !more.startsWith('..')) last.value = `${last.value} ${more}`.trim();
      group.endLine = comment.line;
      lastLine = comment.line;
      continue;
    }
    group = undefined;
    last = undefined;
    lastLine = -1;
  }
  return groups;
}

/**
 * The `#:` documentation of an assignment: the `#:` lines directly above it (no blank line in
 * between), or a `#:` comment after it on its own line.
 */
export function sphinxDoc(assignment: PyAssignment, commentsByLine: ReadonlyMap<number, PyComment>): { text: string; line: number } | undefined {
  const trailing = commentsByLine.get(assignment.line);
  if (trailing && !trailing.ownLine && trailing.text.startsWith('#:')) {
    return { text: trailing.text.slice(2).trim(), line: trailing.line };
  }
  const parts: string[] = [];
  let line = assignment.line - 1;
  for (let c = commentsByLine.get(line); c && c.ownLine && c.text.startsWith('#:'); c = commentsByLine.get(--line)) {
    parts.push(c.text.slice(2).trim());
  }
  parts.reverse();
  if (!parts.length) return undefined;
  return { text: parts.join(' ').trim(), line: line + 1 };
}

/** Missing required fields of a group, as their full annotation names (`setting_default`). */
export function missingFields(group: AnnotationGroup): string[] {
  const missing = REQUIRED_FIELDS[group.kind].filter((f) => !group.fields.get(f)?.value);
  // A temporary toggle must say when it goes away.
  if (group.kind === 'toggle' && /\btemporary\b/.test(group.fields.get('use_cases')?.value ?? '') && !group.fields.get('target_removal_date')?.value) {
    missing.push('target_removal_date');
  }
  return missing.map((f) => `${group.kind}_${f}`);
}
