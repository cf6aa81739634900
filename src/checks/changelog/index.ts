// Changelog rules (OEP45-C…).
import type { Rule } from '../rule.js';
import { c001ChangelogExists } from './c001-changelog-exists.js';
import { c002ChangelogHeadings } from './c002-changelog-headings.js';
import { c003UnreleasedSection } from './c003-unreleased-section.js';
import { c004ReleaseOrder } from './c004-release-order.js';
import { c005ReleaseEntry } from './c005-release-entry.js';
import { c006SettingsDiff } from './c006-settings-diff.js';

export const CHANGELOG_RULES: readonly Rule[] = [
  c001ChangelogExists,
  c002ChangelogHeadings,
  c003UnreleasedSection,
  c004ReleaseOrder,
  c005ReleaseEntry,
  c006SettingsDiff,
];
