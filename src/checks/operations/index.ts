// Operations rules (OEP45-O…).
import type { Rule } from '../rule.js';

export const OPERATIONS_RULES: readonly Rule[] = [];
