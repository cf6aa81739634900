// OEP45-C001: OEP-45 asks every service for a changelog that tells operators what changed between
// releases (settings, operations, functions). CHANGELOG, CHANGES, HISTORY or NEWS (.rst or .md),
// scriv fragments in changelog.d/, or a docs/ changelog page are accepted (src/config/autodetect.ts).

import type { Rule } from '../rule.js';
import { isService } from '../service-scope.js';
import { CHANGELOG_NAMES, DOCS_CHANGELOGS } from '../../config/autodetect.js';

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
    // A changelog that was refused (a link out of the repository, a FIFO, too large): OEP45-P002 says why it was not read.
    const refused = (name: string): boolean => ctx.files?.refusal(name) !== undefined;
    if (!project.changelog && ctx.list('.').some((name) => CHANGELOG_NAMES.some((n) => n.toUpperCase() === name.toUpperCase()) && refused(name))) return [];
    if (!project.changelog) {
      return [{ message: `no changelog (looked for ${CHANGELOG_NAMES.join(', ')}, changelog.d/, ${DOCS_CHANGELOGS.join(', ')})`, file: 'CHANGELOG.rst', line: 0 }];
    }
    if (ctx.readFile(project.changelog) === undefined && !ctx.isDirectory(project.changelog) && !refused(project.changelog)) {
      return [{ message: `changelog ${project.changelog} does not exist`, file: project.configFile ?? project.changelog, line: 0 }];
    }
    return [];
  },
};
