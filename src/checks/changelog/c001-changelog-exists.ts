// OEP45-C001: OEP-45 asks every service for a changelog that tells operators what changed between
// releases (settings, operations, functions). CHANGELOG.rst, CHANGELOG.md or scriv fragments in
// changelog.d/ are accepted.

import type { Rule } from '../rule.js';
import { isService } from '../service-scope.js';

export const c001ChangelogExists: Rule = {
  meta: {
    id: 'OEP45-C001',
    title: 'Changelog exists',
    severity: 'error',
    area: 'changelog',
    help: 'Add a CHANGELOG.rst with an "Unreleased" section (keep-a-changelog style), a CHANGELOG.md, or a changelog.d/ folder for scriv; or name it with `changelog:` in .oep45.yml.',
  },
  check(ctx) {
    const { project } = ctx;
    if (!isService(project)) return [];
    if (!project.changelog) return [{ message: 'no changelog (CHANGELOG.rst, CHANGELOG.md or changelog.d/)', file: 'CHANGELOG.rst', line: 0 }];
    if (ctx.readFile(project.changelog) === undefined && !ctx.isDirectory(project.changelog)) {
      return [{ message: `changelog ${project.changelog} does not exist`, file: project.configFile ?? project.changelog, line: 0 }];
    }
    return [];
  },
};
