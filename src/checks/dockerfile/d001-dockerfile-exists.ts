// OEP45-D001: OEP-45 builds every image from a Dockerfile in the repository; without one there is
// nothing to check or build.

import type { Rule } from '../rule.js';

export const d001DockerfileExists: Rule = {
  meta: {
    id: 'OEP45-D001',
    title: 'Dockerfile exists',
    severity: 'error',
    area: 'dockerfile',
    help: 'Add a Dockerfile at the repository root, or name the images and their Dockerfiles in .oep45.yml.',
  },
  check(ctx) {
    const { project } = ctx;
    if (project.images.length === 0) {
      return [{ message: 'no Dockerfile found and no image configured', file: 'Dockerfile', line: 0 }];
    }
    const missing = [...new Set(project.images.map((i) => i.dockerfile))].filter((f) => ctx.readFile(f) === undefined);
    return missing.map((file) => ({
      message: `Dockerfile ${file} does not exist (named by ${project.images.find((i) => i.dockerfile === file)?.declaredIn})`,
      file: project.configFile ?? project.imagesDataFile ?? file,
      line: 0,
    }));
  },
};
