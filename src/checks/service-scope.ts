// Which projects the service-level rules (settings, changelog, operations manual) speak about: a
// service has Django settings or builds its own image. A folder of Dockerfiles driven by an
// images-data.json matrix is not one service; a frontend app, a Python library, a Django app
// plugin or a Tutor plugin is not a service at all, and says so once (OEP45-D001 when it has no
// Dockerfile, OEP45-S001 when it has one) instead of failing every service rule. A repository that
// says it is a tool (`kind: tool` in .oep45.yml) is not asked what only a service owes: those rules
// do not run for it at all, and OEP45-P001 says so once.

import type { Project, ProjectScope } from '../model/project.js';
import type { SettingsPackage } from '../model/settings-package.js';
import type { RuleMeta } from './rule.js';

export function scopeOf(project: Project): ProjectScope {
  if (project.scope) return project.scope;
  const service = (project.settings?.length ?? 0) > 0 || (project.images.length > 0 && project.imagesDataFile === undefined);
  return { kind: service ? 'service' : project.imagesDataFile ? 'images' : 'unknown', service, why: '' };
}

export function isService(project: Project): boolean {
  return project.kind !== 'tool' && scopeOf(project).service;
}

export function settingsPackages(project: Project): SettingsPackage[] {
  return project.settings ?? [];
}

/** The one sentence a repository that is no service gets, instead of the service rules' findings. */
export function notAServiceMessage(project: Project): string {
  const { why } = scopeOf(project);
  return `not an OEP-45 service (${why}): the service rules (settings, changelog, operations manual${project.images.length ? '' : ', a Dockerfile'}) were not applied`;
}

/** The rules that ask something only an OEP-45 service owes: whole areas, and single rules. */
const SERVICE_AREAS: ReadonlySet<RuleMeta['area']> = new Set(['settings', 'operations']);
export const SERVICE_RULES: ReadonlySet<string> = new Set(['OEP45-D001', 'OEP45-C001', 'OEP45-C006']);

/** The same, as a reader is told it. */
export const SERVICE_RULES_TEXT = `the settings and operations-manual rules, ${[...SERVICE_RULES].join(', ')}`;

export function isServiceRule(meta: RuleMeta): boolean {
  return SERVICE_AREAS.has(meta.area) || SERVICE_RULES.has(meta.id);
}

/**
 * A repository recognised as something else than a service (a frontend app, a library, a plugin):
 * its one notice says the settings, changelog and operations-manual rules were not applied, and
 * they are not. Its changelog is its own affair: semantic-release writes a frontend app's at
 * release time (no "Unreleased" section, ever), a library's follows its own release process, and
 * OEP-45 asks neither. Settings an XBlock keeps for its tests (edx-ora2's settings/) are no
 * service's settings.
 */
function recognisedNonService(project: Project): boolean {
  const scope = scopeOf(project);
  return !scope.service && scope.why !== '' && scope.kind !== 'images';
}

/** The rules that say "not an OEP-45 service" themselves (D001 without a Dockerfile, S001 with one). */
const NOTICE_RULES: ReadonlySet<string> = new Set(['OEP45-D001', 'OEP45-S001']);
const NON_SERVICE_AREAS: ReadonlySet<RuleMeta['area']> = new Set(['settings', 'changelog', 'operations']);

/** Whether a rule runs on this project: every rule on a service, only the others on a tool. */
export function ruleApplies(meta: RuleMeta, project: Project): boolean {
  if (project.kind !== 'tool' && NON_SERVICE_AREAS.has(meta.area) && !NOTICE_RULES.has(meta.id) && recognisedNonService(project)) return false;
  return project.kind !== 'tool' || !isServiceRule(meta);
}
