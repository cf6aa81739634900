// What a settings loader module does, read from its parse: whether it imports `required` and
// `defaults`, which `<APP>_CFG…` environment variable names its YAML file, and whether it loads
// YAML at all. Used for OEP-45's `__init__.py` and the legacy `production.py`.

import type { PyImport, PyModule } from './python-module.js';

export interface LoaderFacts {
  imports: { required: boolean; defaults: boolean };
  /** `…_CFG_PATH` / `…_CFG` names found in string literals, with their lines. */
  cfgVariables: { name: string; line: number }[];
  loadsYaml: boolean;
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

export function loaderFacts(module: PyModule): LoaderFacts {
  const yamlImported = module.imports.some((i) => i.from === 'yaml' || i.from?.startsWith('yaml.') || i.names.some((n) => n === 'yaml' || n.startsWith('yaml.')));
  const cfgVariables = module.strings
    .filter((s) => /^[A-Z][A-Z0-9_]*_CFG(_PATH)?$/.test(s.value))
    .map((s) => ({ name: s.value, line: s.line }));
  return {
    imports: { required: importsModule(module.imports, 'required'), defaults: importsModule(module.imports, 'defaults') },
    cfgVariables,
    loadsYaml: module.calls.some(
      (c) => YAML_LOAD.test(c.callee) && (c.callee.startsWith('yaml.') || yamlImported || /(load_yaml|yaml_load|read_yaml)$/.test(c.callee)),
    ),
  };
}
