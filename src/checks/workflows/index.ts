// Workflows rules (OEP45-W…).
import type { Rule } from '../rule.js';

export const WORKFLOW_RULES: readonly Rule[] = [];
