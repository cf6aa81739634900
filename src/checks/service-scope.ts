// Which projects the service-level rules (settings, changelog, operations manual) speak about: a
// service has a settings package or builds its own image. A folder of Dockerfiles driven by an
// images-data.json matrix is not one service, and an empty folder is not a service at all
// (OEP45-D001 already says there is nothing to build). A repository that says it is a tool
// (`kind: tool` in .oep45.yml) is not asked what only a service owes: those rules do not run for
// it at all, and OEP45-P001 says so once.

import type { Project } from '../model/project.js';
import type { RuleMeta } from './rule.js';

export function isService(project: Project): boolean {
  if (project.kind === 'tool') return false;
  return project.settingsDir !== undefined || (project.images.length > 0 && project.imagesDataFile === undefined);
}

/** The rules that ask something only an OEP-45 service owes: whole areas, and single rules. */
const SERVICE_AREAS: ReadonlySet<RuleMeta['area']> = new Set(['settings', 'operations']);
export const SERVICE_RULES: ReadonlySet<string> = new Set(['OEP45-D001', 'OEP45-C001', 'OEP45-C006']);

/** The same, as a reader is told it. */
export const SERVICE_RULES_TEXT = `the settings and operations-manual rules, ${[...SERVICE_RULES].join(', ')}`;

export function isServiceRule(meta: RuleMeta): boolean {
  return SERVICE_AREAS.has(meta.area) || SERVICE_RULES.has(meta.id);
}

/** Whether a rule runs on this project: every rule on a service, only the others on a tool. */
export function ruleApplies(meta: RuleMeta, project: Project): boolean {
  return project.kind !== 'tool' || !isServiceRule(meta);
}
