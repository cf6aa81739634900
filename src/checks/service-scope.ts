// Which projects the service-level rules (settings, changelog, operations manual) speak about: a
// service has Django settings or builds its own image. A folder of Dockerfiles driven by an
// images-data.json matrix is not one service; a frontend app, a Python library, a Django app
// plugin or a Tutor plugin is not a service at all, and says so once (OEP45-D001 when it has no
// Dockerfile, OEP45-S001 when it has one) instead of failing every service rule.

import type { Project, ProjectScope } from '../model/project.js';
import type { SettingsPackage } from '../model/settings-package.js';

export function scopeOf(project: Project): ProjectScope {
  if (project.scope) return project.scope;
  const service = (project.settings?.length ?? 0) > 0 || (project.images.length > 0 && project.imagesDataFile === undefined);
  return { kind: service ? 'service' : project.imagesDataFile ? 'images' : 'unknown', service, why: '' };
}

export function isService(project: Project): boolean {
  return scopeOf(project).service;
}

export function settingsPackages(project: Project): SettingsPackage[] {
  return project.settings ?? [];
}

/** The one sentence a repository that is no service gets, instead of the service rules' findings. */
export function notAServiceMessage(project: Project): string {
  const { why } = scopeOf(project);
  return `not an OEP-45 service (${why}): the service rules (settings, changelog, operations manual${project.images.length ? '' : ', a Dockerfile'}) were not applied`;
}
