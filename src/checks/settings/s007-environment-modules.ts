// OEP45-S007: OEP-45 keeps one settings code path for every environment; development and test
// values are YAML files (devstack.yml, test.yml) read through `<APP>_CFG_PATH`, not settings
// modules. Other modules in an OEP-45 settings package are reported with that advice.

import type { Rule } from '../rule.js';
import { OEP45_MODULES } from '../../settings/model.js';
import { oep45Models } from './shared.js';

export const s007EnvironmentModules: Rule = {
  meta: {
    id: 'OEP45-S007',
    title: 'No per-environment settings modules',
    severity: 'warning',
    area: 'settings',
    help: 'Move the module’s values to a YAML file (e.g. devstack.yml, test.yml) that <APP>_CFG_PATH points to in that environment, then delete the module.',
  },
  check(ctx) {
    return oep45Models(ctx).flatMap((model) => {
    return [...model.own]
      .filter((file) => !(OEP45_MODULES as readonly string[]).includes(file.slice(model.dir.length + 1)))
      .map((file) => {
        const yml = file.slice(model.dir.length + 1).replace(/\.py$/, '.yml');
        return { message: `settings module ${file} is not part of the OEP-45 layout; its values belong in ${yml}`, file, line: 0 };
      });
    });
  },
};
