// OEP45-D001: OEP-45 builds every image from a Dockerfile in the repository; without one there is
// nothing to check or build. The service's Dockerfile may be a variant (`docker/Dockerfile`,
// `Dockerfile-prod`, `app.Dockerfile`; see src/config/autodetect.ts). A repository that is no
// service (a frontend app, a library, a plugin) and has no Dockerfile gets one notice saying so,
// instead of this error and the service rules' findings.

import type { Rule } from '../rule.js';
import { isService, notAServiceMessage, scopeOf } from '../service-scope.js';

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
      if (!isService(project) && scopeOf(project).why) {
        return [{ message: notAServiceMessage(project), file: '.', line: 0, severity: 'notice', help: 'Nothing to fix. If this repository is a service after all, add a .oep45.yml that names its image and settings.' }];
      }
      // The Dockerfile is there but was refused (a link out, a FIFO, too large): OEP45-P002 says so.
      if (ctx.files?.refusals().some(({ file }) => /dockerfile/i.test(file))) return [];
      return [{ message: 'no Dockerfile found and no image configured (looked for Dockerfile, docker/Dockerfile, .docker/Dockerfile, Dockerfile-*, Dockerfile.*, *.Dockerfile)', file: 'Dockerfile', line: 0 }];
    }
    // A Dockerfile that was refused (a link out of the repository, a FIFO, too large) exists: OEP45-P002 says why it was not read.
    const missing = [...new Set(project.images.map((i) => i.dockerfile))].filter((f) => ctx.readFile(f) === undefined && !ctx.files?.refusal(f));
    return missing.map((file) => ({
      message: `Dockerfile ${file} does not exist (named by ${project.images.find((i) => i.dockerfile === file)?.declaredIn})`,
      file: project.configFile ?? project.imagesDataFile ?? file,
      line: 0,
    }));
  },
};
