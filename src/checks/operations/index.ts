// Operations rules (OEP45-O…).
import type { Rule } from '../rule.js';
import { o001ManualExists } from './o001-manual-exists.js';
import { o002ManualTopics } from './o002-manual-topics.js';
import { o003ManualParses } from './o003-manual-parses.js';

export const OPERATIONS_RULES: readonly Rule[] = [o001ManualExists, o002ManualTopics, o003ManualParses];
