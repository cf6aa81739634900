// What a settings loader module does, read from its parse: whether it imports `required` and
// `defaults`, which environment variable names the operator's YAML file (or its folder), whether
// it loads YAML at all, and which keys of the loaded YAML it reads by name
// (`_YAML_TOKENS.get('LMS_BASE')`, `config_from_yaml.pop('FEATURES', {})`): those are keys an
// operator sets even though no setting has their name. Used for OEP-45's `__init__.py` and for the
// legacy production module (or the helper it loads YAML through).

import type { PyImport, PyModule } from './python-module.js';

export interface CfgVariable {
  name: string;
  line: number;
  /** `…_CONFIG_ROOT`/`…_CONFIG_DIR`: the variable names a folder that holds the YAML file. */
  folder: boolean;
}

export interface LoaderFacts {
  imports: { required: boolean; defaults: boolean };
  /** Variables that name the YAML file (or its folder), in file order. */
  cfgVariables: CfgVariable[];
  loadsYaml: boolean;
  /** Keys of the loaded YAML read by name, with their lines. */
  yamlKeys: { key: string; line: number }[];
}

function importsModule(imports: readonly PyImport[], module: string): boolean {
  const ends = (path: string): boolean => path === `.${module}` || path.endsWith(`.${module}`) || path === module;
  return imports.some(
    (i) =>
      (i.from !== undefined && (ends(i.from) || ((i.from === '.' || i.from.endsWith('settings')) && i.names.includes(module)))) ||
      (i.from === undefined && i.names.some(ends)),
  );
}

const YAML_LOAD = /(^|\.)(safe_load|load|full_load|unsafe_load|safe_load_all|load_all|load_yaml|yaml_load|read_yaml)$/;
/** Names of variables that say where the operator's configuration is. */
const CFG_VARIABLE = /^[A-Z][A-Z0-9_]*_(CFG|CFG_PATH|CONFIG|CONFIG_FILE|CONFIG_PATH|CONFIG_ROOT|CONFIG_DIR|YAML|YML|SETTINGS_FILE)$/;

/** The prefix an app's configuration variable carries: `DISCOVERY` for `DISCOVERY_CFG`. */
export function appPrefix(variable: string): string {
  return variable.replace(/_(CFG|CFG_PATH|CONFIG|CONFIG_FILE|CONFIG_PATH|CONFIG_ROOT|CONFIG_DIR|YAML|YML|SETTINGS_FILE)$/, '');
}

const MERGED_KEYS = /^(DICT_UPDATE_KEYS|KEYS_WITH_MERGED_VALUES)$/;

export function loaderFacts(module: PyModule): LoaderFacts {
  const yamlImported = module.imports.some((i) => i.from === 'yaml' || i.from?.startsWith('yaml.') || i.names.some((n) => n === 'yaml' || n.startsWith('yaml.')));
  const isYamlLoad = (callee: string): boolean =>
    YAML_LOAD.test(callee) && (callee.startsWith('yaml.') || yamlImported || /(load_yaml|yaml_load|read_yaml)$/.test(callee));
  let cfgVariables = module.strings
    .filter((s) => CFG_VARIABLE.test(s.value) && s.value !== 'REVISION_CFG')
    .map((s) => ({ name: s.value, line: s.line, folder: /_(CONFIG_ROOT|CONFIG_DIR)$/.test(s.value) }));
  if (!cfgVariables.length) {
    // `CONFIG_ROOT = os.environ.get('CONFIG_ROOT')`: a variable of any name, read into the loader's own.
    cfgVariables = module.assignments
      .filter((a) => /CONFIG|CFG/.test(a.name) && a.value?.env)
      .map((a) => ({ name: a.value!.env!.variable, line: a.line, folder: /ROOT|DIR/.test(a.name) }));
  }
  // Names bound to the loaded YAML, and their aliases (`_YAML_TOKENS = __config__`).
  const yamlNames = new Set<string>();
  for (const b of module.bindings) {
    const callee = /^([\w.]+)\s*\(/.exec(b.text)?.[1];
    if ((callee && isYamlLoad(callee)) || yamlNames.has(b.text)) yamlNames.add(b.name);
  }
  const seen = new Set<string>();
  const yamlKeys = module.keyReads
    .filter((r) => yamlNames.has(r.object) && !seen.has(r.key) && seen.add(r.key))
    .map((r) => ({ key: r.key, line: r.line }));
  // The keys a loader takes out of the file by name to merge them into the dicts of the same name
  // (`DICT_UPDATE_KEYS = ('JWT_AUTH',)` with `config_from_yaml.pop(key, None) for key in …`,
  // edx-platform's `KEYS_WITH_MERGED_VALUES`): read by name, though through a variable.
  for (const a of module.assignments) {
    if (!MERGED_KEYS.test(a.name) || !a.value?.literal || !Array.isArray(a.value.value)) continue;
    for (const key of a.value.value) if (typeof key === 'string' && !seen.has(key) && seen.add(key)) yamlKeys.push({ key, line: a.line });
  }
  return {
    imports: { required: importsModule(module.imports, 'required'), defaults: importsModule(module.imports, 'defaults') },
    cfgVariables,
    loadsYaml: module.calls.some((c) => isYamlLoad(c.callee)),
    yamlKeys,
  };
}

/**
 * The app prefix of a settings package's variables: `app-name:` when .oep45.yml sets it, else
 * what the code reads (`DISCOVERY` for `environ['DISCOVERY_CFG']`, `LMS` for `LMS_CFG`), else the
 * service's name upper-cased.
 */
export function appNameFor(project: { appName: string; appNameConfigured?: boolean }, model: { loader?: { variable?: CfgVariable } }): string {
  if (project.appNameConfigured) return project.appName;
  const variable = model.loader?.variable?.name;
  return variable ? appPrefix(variable) : project.appName;
}
