// Differences in settings between two versions of a service (OEP-45: the changelog documents
// differences in settings): settings added, removed, and those whose default changed — a
// different literal value, a different expression, or a move between required and defaulted.

import type { Setting, SettingsModel } from './model.js';
import { isRequiredMarker } from './values.js';

export interface SettingsDiff {
  added: Setting[];
  /** Settings of the old version that are gone. */
  removed: Setting[];
  changed: { before: Setting; after: Setting }[];
}

function defaultKey(s: Setting): string {
  if (s.role === 'required' || isRequiredMarker(s.value)) return '<required>';
  if (!s.value) return '<unpacked>';
  return s.value.literal ? JSON.stringify(s.value.value) : s.value.text;
}

export function diffSettings(before: SettingsModel, after: SettingsModel): SettingsDiff {
  const diff: SettingsDiff = { added: [], removed: [], changed: [] };
  for (const s of after.settings) {
    const old = before.byName.get(s.name);
    if (!old) diff.added.push(s);
    else if (defaultKey(old) !== defaultKey(s)) diff.changed.push({ before: old, after: s });
  }
  for (const s of before.settings) if (!after.byName.has(s.name)) diff.removed.push(s);
  return diff;
}
