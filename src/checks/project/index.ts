// The rules about what the repository is, in documentation order.

import type { Rule } from '../rule.js';
import { p001ProjectKind } from './p001-project-kind.js';
import { p002UnsafeFile } from './p002-unsafe-file.js';

export const PROJECT_RULES: readonly Rule[] = [p001ProjectKind, p002UnsafeFile];
