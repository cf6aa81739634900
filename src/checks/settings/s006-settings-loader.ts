// OEP45-S006: OEP-45's settings package reads one YAML file whose path is in `<APP>_CFG_PATH`,
// over required.py and defaults.py; its __init__.py must import both and load that file. In the
// legacy layout the production environment module (or a helper it imports, such as
// yaml_config.py) must load a YAML file named by an environment variable: a warning, since
// operators cannot configure the service otherwise. The app's prefix is what the code reads
// (`DISCOVERY_CFG` → DISCOVERY) unless `app-name:` in .oep45.yml says otherwise: a legacy service
// is never told to rename its variable here (OEP45-S011 gives the OEP-45 name as guidance).

import type { RawFinding, Rule } from '../rule.js';
import { loaderFacts } from '../../settings/loader.js';
import type { SettingsModel } from '../../settings/model.js';
import type { CheckContext } from '../context.js';
import { appNameOf, settingsModels } from './shared.js';

function legacy(ctx: CheckContext, model: SettingsModel): RawFinding[] {
  // A package other packages star-import (edx-platform's openedx/envs) has no production of its own.
  if (model.package.shared || !model.environments.length) return [];
  const production = model.production;
  if (!production) {
    return [{ message: `no environment module of ${model.dir} loads the operator's YAML file (no production.py)`, file: model.dir, line: 0, severity: 'warning' }];
  }
  const module = model.modules.get(production);
  if (!module || module.binary || module.syntaxError) return [];
  const loader = model.loader;
  if (!loader?.loadsYaml) return [{ message: `${production} does not load a YAML file`, file: production, line: 1, severity: 'warning' }];
  if (!loader.variable) {
    return [{ message: `${loader.file} loads a YAML file but no environment variable names it`, file: loader.file, line: 1, severity: 'warning', help: 'Read the file\'s path from an environment variable such as <APP>_CFG, so that each installation names its own.' }];
  }
  if (ctx.project.appNameConfigured && !loader.variable.name.startsWith(`${ctx.project.appName}_`)) {
    return [
      {
        message: `${loader.file} reads ${loader.variable.name}; the app name ${ctx.project.appName} set in .oep45.yml expects ${ctx.project.appName}_CFG`,
        file: loader.file,
        line: loader.variable.line,
        severity: 'warning',
        help: 'Set `app-name:` in .oep45.yml to the prefix the service uses, or rename the variable.',
      },
    ];
  }
  return [];
}

function oep45(ctx: CheckContext, model: SettingsModel): RawFinding[] {
  const file = `${model.dir}/__init__.py`;
  const init = model.modules.get(file);
  if (!init || init.binary || init.syntaxError) return []; // OEP45-S001 / S002 report these
  const facts = loaderFacts(init);
  const loader = model.loader;
  const findings: RawFinding[] = [];
  for (const part of ['required', 'defaults'] as const) {
    if (!facts.imports[part] && model.modules.has(`${model.dir}/${part}.py`)) {
      findings.push({ message: `__init__.py does not import ${part}.py`, file, line: 1, help: `Add \`from .${part} import *\` to ${file}.` });
    }
  }
  const expected = `${appNameOf(ctx, model)}_CFG_PATH`;
  const variable = loader?.variable;
  if (variable?.name !== expected) {
    findings.push({
      message: variable ? `${loader!.file === file ? '__init__.py' : loader!.file} reads ${variable.name}; OEP-45 names the YAML file's variable ${expected}` : `__init__.py does not read the ${expected} environment variable`,
      file: loader?.file ?? file,
      line: variable?.line ?? 1,
      help: variable ? `Rename the variable to ${expected}, or set \`app-name:\` in .oep45.yml to the service's prefix.` : undefined,
    });
  }
  if (!loader?.loadsYaml) findings.push({ message: '__init__.py does not load a YAML file (yaml.safe_load)', file, line: 1 });
  return findings;
}

export const s006SettingsLoader: Rule = {
  meta: {
    id: 'OEP45-S006',
    title: "Settings load the operator's YAML file",
    severity: 'error',
    area: 'settings',
    help: 'In settings/__init__.py: `from .required import *`, `from .defaults import *`, then load the YAML file named by os.environ["<APP>_CFG_PATH"] over them.',
  },
  check(ctx) {
    return settingsModels(ctx).flatMap((model) => (model.layout === 'legacy' ? legacy(ctx, model) : model.layout === 'oep45' ? oep45(ctx, model) : []));
  },
};
