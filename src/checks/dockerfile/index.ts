// Dockerfile rules (OEP45-D…).
import type { Rule } from '../rule.js';
import { d001DockerfileExists } from './d001-dockerfile-exists.js';

export const DOCKERFILE_RULES: readonly Rule[] = [d001DockerfileExists];
