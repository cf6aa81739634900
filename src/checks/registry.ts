// Every rule, in documentation order. A new rule module is listed here and in docs/rules.md.

import type { Rule } from './rule.js';
import { d001DockerfileExists } from './dockerfile/d001-dockerfile-exists.js';

export const RULES: readonly Rule[] = [d001DockerfileExists];
