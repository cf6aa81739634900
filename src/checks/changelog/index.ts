// Changelog rules (OEP45-C…).
import type { Rule } from '../rule.js';

export const CHANGELOG_RULES: readonly Rule[] = [];
