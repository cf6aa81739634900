// Which projects the service-level rules (settings, changelog, operations manual) speak about: a
// service has a settings package or builds its own image. A folder of Dockerfiles driven by an
// images-data.json matrix is not one service, and an empty folder is not a service at all
// (OEP45-D001 already says there is nothing to build).

import type { Project } from '../model/project.js';

export function isService(project: Project): boolean {
  return project.settingsDir !== undefined || (project.images.length > 0 && project.imagesDataFile === undefined);
}
