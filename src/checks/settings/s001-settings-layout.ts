// OEP45-S001: OEP-45 splits settings into required.py (no defaults) and defaults.py
// (production-ready defaults), loaded by the package's __init__.py. A package in neither the
// OEP-45 nor the legacy layout, or an OEP-45 package missing one of its three modules, is reported.
// The legacy layout is not an error here: OEP45-S011 reports its distance to OEP-45. A repository
// that is no service (a frontend app, a library, a plugin) with a Dockerfile gets its one notice
// saying so here (without a Dockerfile, OEP45-D001 says it).

import type { RawFinding, Rule } from '../rule.js';
import { isService, notAServiceMessage, scopeOf, settingsPackages } from '../service-scope.js';
import { OEP45_MODULES } from '../../settings/model.js';
import { settingsModels } from './shared.js';

export const s001SettingsLayout: Rule = {
  meta: {
    id: 'OEP45-S001',
    title: 'Settings in the OEP-45 layout',
    severity: 'error',
    area: 'settings',
    help: 'Put settings in a package with __init__.py, required.py and defaults.py, or name the settings package with `settings:` in .oep45.yml.',
  },
  check(ctx) {
    const { project } = ctx;
    if (!isService(project)) {
      const scope = scopeOf(project);
      return project.images.length && scope.why && scope.kind !== 'images'
        ? [{ message: notAServiceMessage(project), file: '.', line: 0, severity: 'notice', help: 'Nothing to fix. If this repository is a service after all, add a .oep45.yml (with `settings:` naming its settings package).' }]
        : [];
    }
    const packages = settingsPackages(project);
    if (!packages.length) {
      return [
        {
          message: 'no Django settings package found (no DJANGO_SETTINGS_MODULE in manage.py, wsgi.py or the Dockerfile names one, and no settings/ or envs/ folder)',
          file: project.configFile ?? '.',
          line: 0,
          severity: 'warning',
        },
      ];
    }
    const findings: RawFinding[] = [];
    for (const pkg of packages) {
      // A folder or module that was refused (a link out of the repository): OEP45-P002 says why it was not read.
      if (!ctx.isDirectory(pkg.dir) && !ctx.files?.refusal(pkg.dir)) findings.push({ message: `settings folder ${pkg.dir} does not exist`, file: project.configFile ?? pkg.dir, line: 0 });
    }
    for (const model of settingsModels(ctx)) {
      if (model.layout === 'unknown') {
        findings.push({ message: `settings folder ${model.dir} has neither required.py/defaults.py (OEP-45) nor a base module (base.py or common.py) that its environments star-import`, file: model.dir, line: 0 });
      }
      if (model.layout !== 'oep45') continue;
      for (const name of OEP45_MODULES) {
        if (!model.modules.has(`${model.dir}/${name}`) && !ctx.files?.refusal(`${model.dir}/${name}`)) findings.push({ message: `the OEP-45 settings package has no ${name}`, file: `${model.dir}/${name}`, line: 0 });
      }
    }
    return findings;
  },
};
