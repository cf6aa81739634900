// Settings rules (OEP45-S…).
import type { Rule } from '../rule.js';

export const SETTINGS_RULES: readonly Rule[] = [];
