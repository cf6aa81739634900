// What changes for an operator between two versions of one settings package (OEP-45: "tooling to
// assist with migrating between releases"): settings added (required ones first), removed, whose
// default changed, moved between required and defaults, renamed (a guess, on strong evidence
// only), and a change of the configuration variable's name or of the layout. Built on the same
// diff as the changelog rule OEP45-C006 (diff.ts); pure: the models come from at-revision.ts.

import { diffSettings } from './diff.js';
import type { Setting, SettingsLayout, SettingsModel } from './model.js';
import { isRequiredMarker } from './values.js';

export type UpgradeKind = 'added' | 'removed' | 'default-changed' | 'now-required' | 'now-default' | 'renamed' | 'variable' | 'layout';

export interface UpgradeItem {
  kind: UpgradeKind;
  /** The setting (its new name for `renamed`), or the variable's new name, or the new layout. */
  name: string;
  /** `renamed`: the old name; `variable`/`layout`: the old one. */
  oldName?: string;
  /** `added`, `now-required`: the new release refuses to start without it. */
  required?: boolean;
  before?: Setting;
  after?: Setting;
  /** `renamed`: why it is thought to be the same setting. */
  evidence?: 'documentation' | 'default';
}

export function isRequired(s: Setting): boolean {
  return s.role === 'required';
}

/** A default as an operator reads it: `'required'` for none, else the expression as written. */
export function defaultText(s: Setting | undefined): string {
  if (!s) return '';
  if (isRequired(s) || isRequiredMarker(s.value)) return 'required';
  return s.value?.text ?? '(computed)';
}

function normalizeDoc(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Defaults too common to say two settings are one: None, booleans, empty values, small numbers. */
function distinctiveDefault(s: Setting): string | undefined {
  const v = s.value;
  if (!v || isRequired(s) || isRequiredMarker(v)) return undefined;
  if (v.literal) {
    const value = v.value;
    if (value === null || typeof value === 'boolean') return undefined;
    if (typeof value === 'number' && Math.abs(value) < 10) return undefined;
    if (typeof value === 'string' && value.trim().length < 4) return undefined;
    if (typeof value === 'object' && Object.keys(value).length === 0) return undefined;
    return `literal:${JSON.stringify(value)}`;
  }
  return v.text.length >= 8 ? `text:${v.text}` : undefined;
}

/** Documentation long enough to identify a setting (a few words, not "Deprecated."). */
function distinctiveDoc(s: Setting): string | undefined {
  const text = normalizeDoc(s.doc?.description);
  return text.split(' ').length >= 4 ? text : undefined;
}

export interface RenameGuess {
  removed: Setting;
  added: Setting;
  evidence: 'documentation' | 'default';
}

/**
 * Renames: a removed and an added setting with the same documentation text, else the same
 * distinctive default, and no other candidate on either side. Anything ambiguous stays an
 * addition and a removal: a wrong guess would tell an operator to move a value where it does not
 * belong.
 */
export function guessRenames(removed: readonly Setting[], added: readonly Setting[]): RenameGuess[] {
  const out: RenameGuess[] = [];
  const taken = new Set<Setting>();
  for (const evidence of ['documentation', 'default'] as const) {
    const key = evidence === 'documentation' ? distinctiveDoc : distinctiveDefault;
    const pool = { removed: removed.filter((s) => !taken.has(s)), added: added.filter((s) => !taken.has(s)) };
    for (const r of pool.removed) {
      const k = key(r);
      if (!k) continue;
      const matches = pool.added.filter((a) => key(a) === k);
      const rivals = pool.removed.filter((x) => key(x) === k);
      if (matches.length === 1 && rivals.length === 1 && !taken.has(matches[0]!)) {
        out.push({ removed: r, added: matches[0]!, evidence });
        taken.add(r);
        taken.add(matches[0]!);
      }
    }
  }
  return out;
}

const KIND_ORDER: UpgradeKind[] = ['layout', 'variable', 'added', 'now-required', 'renamed', 'removed', 'default-changed', 'now-default'];

/** The items of one package, in the order an operator acts on them: what stops the service first. */
export function upgradeItems(before: SettingsModel, after: SettingsModel): UpgradeItem[] {
  const items: UpgradeItem[] = [];
  if (before.layout !== after.layout) items.push({ kind: 'layout', name: after.layout, oldName: before.layout });
  const oldVar = before.loader?.variable?.name;
  const newVar = after.loader?.variable?.name;
  if (oldVar && newVar && oldVar !== newVar) items.push({ kind: 'variable', name: newVar, oldName: oldVar });
  const diff = diffSettings(before, after);
  const renames = guessRenames(diff.removed, diff.added);
  const renamed = new Set(renames.flatMap((r) => [r.removed, r.added]));
  for (const s of diff.added.filter((x) => !renamed.has(x))) items.push({ kind: 'added', name: s.name, after: s, required: isRequired(s) });
  for (const r of renames) items.push({ kind: 'renamed', name: r.added.name, oldName: r.removed.name, before: r.removed, after: r.added, evidence: r.evidence, required: isRequired(r.added) });
  // A setting whose assignment is gone but whose key the new loader reads by name
  // (`_YAML_TOKENS.get('LMS_BASE')`) is still read from the operator's file: not removed for them.
  const readByName = new Set(after.yamlKeys.map((k) => k.key));
  for (const s of diff.removed.filter((x) => !renamed.has(x) && !readByName.has(x.name))) items.push({ kind: 'removed', name: s.name, before: s });
  for (const { before: b, after: a } of diff.changed) {
    const was = isRequired(b) || isRequiredMarker(b.value);
    const is = isRequired(a) || isRequiredMarker(a.value);
    if (!was && is) items.push({ kind: 'now-required', name: a.name, before: b, after: a, required: isRequired(a) });
    else if (was && !is) items.push({ kind: 'now-default', name: a.name, before: b, after: a });
    else items.push({ kind: 'default-changed', name: a.name, before: b, after: a });
  }
  // Layout and variable first, then everything the new release requires, then the rest by kind.
  const rank = (i: UpgradeItem): number => KIND_ORDER.indexOf(i.kind) + (i.kind === 'layout' || i.kind === 'variable' ? 0 : i.required ? 10 : 20);
  return items.sort((x, y) => rank(x) - rank(y) || x.name.localeCompare(y.name));
}

export interface PackageUpgrade {
  /** The settings package, relative to the project root. */
  dir: string;
  layout: { before?: SettingsLayout; after?: SettingsLayout };
  /** The configuration variable the new release reads the operator's YAML path from. */
  variable?: string;
  /** Set when the package exists at only one of the two revisions. */
  only?: 'before' | 'after';
  items: UpgradeItem[];
  /** Every setting of the new release, for the operator's keys that did not change. */
  settings: string[];
  /** Keys the new release's loader reads from the YAML by name, though no setting has their name. */
  yamlKeys: string[];
}

export function packageUpgrade(dir: string, before: SettingsModel | undefined, after: SettingsModel | undefined): PackageUpgrade {
  const common = {
    dir,
    layout: { before: before?.layout, after: after?.layout },
    variable: after?.loader?.variable?.name,
    settings: after?.settings.map((s) => s.name) ?? [],
    yamlKeys: after?.yamlKeys.map((k) => k.key) ?? [],
  };
  if (before && after) return { ...common, items: upgradeItems(before, after) };
  if (after) return { ...common, only: 'after', items: after.settings.map((s) => ({ kind: 'added' as const, name: s.name, after: s, required: isRequired(s) })).sort((a, b) => Number(b.required) - Number(a.required)) };
  return { ...common, only: 'before', items: (before?.settings ?? []).map((s) => ({ kind: 'removed' as const, name: s.name, before: s })) };
}
