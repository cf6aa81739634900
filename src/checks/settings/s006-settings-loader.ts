// OEP45-S006: OEP-45's settings package reads one YAML file whose path is in `<APP>_CFG_PATH`,
// over required.py and defaults.py; its __init__.py must import both and load that file. A legacy
// production.py must load YAML from `<APP>_CFG` (a warning: operators cannot configure it otherwise).

import type { RawFinding, Rule } from '../rule.js';
import { loaderFacts } from '../../settings/loader.js';
import { settingsModel } from './shared.js';

export const s006SettingsLoader: Rule = {
  meta: {
    id: 'OEP45-S006',
    title: "Settings load the operator's YAML file",
    severity: 'error',
    area: 'settings',
    help: 'In settings/__init__.py: `from .required import *`, `from .defaults import *`, then load the YAML file named by os.environ["<APP>_CFG_PATH"] over them.',
  },
  check(ctx) {
    const model = settingsModel(ctx);
    if (!model) return [];
    const app = ctx.project.appName;
    if (model.layout === 'legacy') {
      const file = `${model.dir}/production.py`;
      const production = model.modules.get(file);
      if (!production) return [{ message: 'legacy settings without production.py: nothing loads the operator’s YAML file', file: model.dir, line: 0, severity: 'warning' }];
      if (production.binary || production.syntaxError) return [];
      const facts = loaderFacts(production);
      const findings: RawFinding[] = [];
      if (!facts.cfgVariables.some((v) => v.name === `${app}_CFG` || v.name === `${app}_CFG_PATH`)) {
        const other = facts.cfgVariables[0];
        findings.push({
          message: other ? `production.py reads ${other.name}; this service's app name ${app} expects ${app}_CFG` : `production.py does not read the ${app}_CFG environment variable`,
          file,
          line: other?.line ?? 1,
          severity: 'warning',
          help: other ? 'Set `app-name:` in .oep45.yml to the prefix the service uses, or rename the variable.' : undefined,
        });
      }
      if (!facts.loadsYaml) findings.push({ message: 'production.py does not load a YAML file', file, line: 1, severity: 'warning' });
      return findings;
    }
    if (model.layout !== 'oep45') return [];
    const file = `${model.dir}/__init__.py`;
    const init = model.modules.get(file);
    if (!init || init.binary || init.syntaxError) return []; // OEP45-S001 / S002 report these
    const facts = loaderFacts(init);
    const findings: RawFinding[] = [];
    for (const part of ['required', 'defaults'] as const) {
      if (!facts.imports[part] && model.modules.has(`${model.dir}/${part}.py`)) {
        findings.push({ message: `__init__.py does not import ${part}.py`, file, line: 1, help: `Add \`from .${part} import *\` to ${file}.` });
      }
    }
    const expected = `${app}_CFG_PATH`;
    if (!facts.cfgVariables.some((v) => v.name === expected)) {
      const other = facts.cfgVariables[0];
      findings.push({
        message: other ? `__init__.py reads ${other.name}; OEP-45 names the YAML file's variable ${expected}` : `__init__.py does not read the ${expected} environment variable`,
        file,
        line: other?.line ?? 1,
        help: other ? `Rename the variable to ${expected}, or set \`app-name:\` in .oep45.yml to the service's prefix.` : undefined,
      });
    }
    if (!facts.loadsYaml) findings.push({ message: '__init__.py does not load a YAML file (yaml.safe_load)', file, line: 1 });
    return findings;
  },
};
