// Every rule, in documentation order: each area lists its own rules in its index module, and a
// new rule is added there and in docs/rules.md.

import type { Rule, RuleMeta } from './rule.js';
import { DOCKERFILE_RULES } from './dockerfile/index.js';
import { SETTINGS_RULES } from './settings/index.js';
import { CHANGELOG_RULES } from './changelog/index.js';
import { OPERATIONS_RULES } from './operations/index.js';
import { WORKFLOW_RULES } from './workflows/index.js';
import { PROJECT_RULES } from './project/index.js';
import { SUPPRESSION_RULES } from './suppressions.js';

export const RULES: readonly Rule[] = [...DOCKERFILE_RULES, ...SETTINGS_RULES, ...CHANGELOG_RULES, ...OPERATIONS_RULES, ...WORKFLOW_RULES, ...PROJECT_RULES];

/** Every rule id a finding can carry: the rules, and the notices about inline suppressions. */
export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), ...SUPPRESSION_RULES];
