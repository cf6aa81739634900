// OEP45-S001: OEP-45 splits settings into required.py (no defaults) and defaults.py
// (production-ready defaults), loaded by the package's __init__.py. A package in neither the
// OEP-45 nor the legacy layout, or an OEP-45 package missing one of its three modules, is reported.
// The legacy layout is not an error here: OEP45-S011 reports its distance to OEP-45.

import type { RawFinding, Rule } from '../rule.js';
import { isService } from '../service-scope.js';
import { OEP45_MODULES } from '../../settings/model.js';
import { settingsModel } from './shared.js';

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
    if (!isService(project)) return [];
    if (!project.settingsDir) {
      return [
        {
          message: 'no settings package found (a `settings` folder with required.py and defaults.py, or a legacy base.py)',
          file: project.configFile ?? '.',
          line: 0,
          severity: 'warning',
        },
      ];
    }
    const model = settingsModel(ctx);
    if (!model) return [{ message: `settings folder ${project.settingsDir} does not exist`, file: project.configFile ?? project.settingsDir, line: 0 }];
    if (model.layout === 'unknown') {
      return [{ message: `settings folder ${model.dir} has neither required.py/defaults.py (OEP-45) nor base.py (legacy)`, file: model.dir, line: 0 }];
    }
    if (model.layout !== 'oep45') return [];
    const findings: RawFinding[] = [];
    for (const name of OEP45_MODULES) {
      if (!model.modules.has(`${model.dir}/${name}`)) {
        findings.push({ message: `the OEP-45 settings package has no ${name}`, file: `${model.dir}/${name}`, line: 0 });
      }
    }
    return findings;
  },
};
