// The settings of one settings package, read once and shared by the settings rules, the
// changelog's settings diff, the JSON Schema generator and the settings reference.
//
// Layouts:
//   * OEP-45: `settings/__init__.py` loads `required.py` (no defaults) and `defaults.py`
//     (production-ready defaults); the settings are their module-level UPPER_CASE assignments.
//   * legacy: a base module (`base.py`, `common.py`, or a single `settings.py`) that the
//     environment modules (`production.py`, `devstack.py`, `test.py`…) star-import; production
//     reads YAML from `<APP>_CFG`. The settings are the base module's, those of the modules it
//     star-imports (`from ecommerce.settings._oscar import *`: they belong to the importer), and
//     those the production module assigns itself. Most Open edX services are here today.
// Environment modules are those Django is pointed at or that star-import the base; the rest of
// the package (utils.py, logger.py, the modules the base imports) are helpers.
// Files are read through a FileSource so the same code reads the working tree or a git revision.

import { annotationGroups, sphinxDoc, type AnnotationGroup } from './annotations.js';
import { parsePythonModule, type PyAssignment, type PyComment, type PyModule } from './python-module.js';
import type { PyValue } from './literal.js';
import { resolveImport } from './discover.js';
import type { SettingsPackage } from '../model/settings-package.js';
import { loaderFacts, type CfgVariable } from './loader.js';

export interface FileSource {
  /** Text of a file relative to the project root, or undefined. */
  read(rel: string): string | undefined;
  /** Names in a folder, sorted; empty when it is not a folder. */
  list(rel: string): string[];
}

export type SettingsLayout = 'oep45' | 'legacy' | 'unknown';
export type SettingRole = 'required' | 'default' | 'legacy';

export interface SettingDoc {
  style: 'sphinx' | 'annotation';
  description: string;
  /** code-annotations' `setting_default`/`toggle_default` text. */
  defaultText?: string;
  /** code-annotations' `setting_warning`/`toggle_warning` text. */
  warning?: string;
  toggle: boolean;
  file: string;
  line: number;
}

export interface Setting {
  name: string;
  role: SettingRole;
  file: string;
  line: number;
  column: number;
  endLine: number;
  value?: PyValue;
  conditional: boolean;
  doc?: SettingDoc;
}

export interface SettingsLoader {
  /** The module that loads the operator's YAML file. */
  file: string;
  /** The environment variable it reads the file's path (or folder) from, when it names one. */
  variable?: CfgVariable;
  loadsYaml: boolean;
}

export interface SettingsModel {
  /** The settings package, relative to the project root. */
  dir: string;
  layout: SettingsLayout;
  package: SettingsPackage;
  /** Every module read: the package's own and those they star-import, by file. */
  modules: Map<string, PyModule>;
  /** The package's own modules (the others are star-imported from elsewhere). */
  own: Set<string>;
  /** Legacy layout: the module the environments start from. */
  base?: string;
  /** Own modules that are environments: pointed at by Django or star-importing the base. */
  environments: string[];
  /** The environment module operators configure production through (legacy), or `__init__.py` (OEP-45). */
  production?: string;
  loader?: SettingsLoader;
  /** Keys of the operator's YAML that the loader reads by name, though no setting has their name. */
  yamlKeys: { key: string; file: string; line: number }[];
  /** Star imports of modules that are not in the repository (`from oscar.defaults import *`). */
  externalStarImports: { file: string; module: string; line: number }[];
  /** The settings, each name once (its first assignment), in file order: required, then defaults. */
  settings: Setting[];
  byName: Map<string, Setting>;
  annotations: AnnotationGroup[];
}

export const OEP45_MODULES = ['__init__.py', 'required.py', 'defaults.py'] as const;
export const PRODUCTION_NAMES = ['production.py', 'prod.py', 'yaml_config.py', 'docker_production.py', 'docker-production.py', 'aws.py', 'kubernetes.py'];

export function detectLayout(files: readonly string[]): SettingsLayout {
  if (files.includes('required.py') || files.includes('defaults.py')) return 'oep45';
  if (files.includes('base.py') || files.includes('common.py')) return 'legacy';
  return 'unknown';
}

function firstAssignments(module: PyModule | undefined): PyAssignment[] {
  const seen = new Set<string>();
  return (module?.assignments ?? []).filter((a) => !seen.has(a.name) && seen.add(a.name));
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

function nameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Parses of modules, shared by the packages of one repository (edx-platform's envs read openedx/envs once). */
export type ParseCache = Map<string, PyModule | null>;

class Reader {
  constructor(
    private readonly source: FileSource,
    private readonly cache: ParseCache,
  ) {}

  module(file: string): PyModule | undefined {
    if (!this.cache.has(file)) {
      const text = this.source.read(file);
      this.cache.set(file, text === undefined ? null : parsePythonModule(file, text));
    }
    return this.cache.get(file) ?? undefined;
  }

  /** The repository modules `module` star-imports, and the ones it cannot find. */
  starImports(module: PyModule): { files: string[]; external: { module: string; line: number }[] } {
    const files: string[] = [];
    const external: { module: string; line: number }[] = [];
    for (const i of module.imports) {
      if (i.from === undefined || !i.names.includes('*')) continue;
      const target = resolveImport(this.source, module.file, i.from);
      if (target && target !== module.file) files.push(target);
      else if (!target) external.push({ module: i.from, line: i.line });
    }
    return { files, external };
  }

  /** Repository modules `module` imports in any form (`from .yaml_config import load`, `import x.y`). */
  anyImports(module: PyModule): string[] {
    const out: string[] = [];
    for (const i of module.imports) {
      const froms = i.from !== undefined ? [i.from, ...i.names.filter((n) => n !== '*').map((n) => `${i.from}${i.from!.endsWith('.') ? '' : '.'}${n}`)] : i.names;
      for (const from of froms) {
        const target = resolveImport(this.source, module.file, from);
        if (target && target !== module.file) out.push(target);
      }
    }
    return out;
  }

  list(dir: string): string[] {
    return this.source.list(dir);
  }
}

/** Own modules of a package: every module of a settings folder, or a single module's family. */
function ownModules(reader: Reader, pkg: SettingsPackage): string[] {
  if (!pkg.single) return reader.list(pkg.dir).filter((f) => f.endsWith('.py')).map((f) => join(pkg.dir, f));
  const family = new Set([pkg.single]);
  const siblings = reader.list(pkg.dir).filter((f) => f.endsWith('.py')).map((f) => join(pkg.dir, f));
  for (let grew = true; grew; ) {
    grew = false;
    for (const file of siblings) {
      if (family.has(file)) continue;
      const m = reader.module(file);
      if (m && reader.starImports(m).files.some((f) => family.has(f))) {
        family.add(file);
        grew = true;
      }
    }
  }
  for (const p of pkg.pointers) if (dirOf(p.file) === pkg.dir) family.add(p.file);
  return [...family].sort();
}

/** The module the environments of a legacy package start from. */
function baseModule(reader: Reader, pkg: SettingsPackage, own: string[]): string | undefined {
  if (pkg.single) return pkg.single;
  for (const name of ['base.py', 'common.py', 'settings.py']) if (own.includes(join(pkg.dir, name))) return join(pkg.dir, name);
  const counts = new Map<string, number>();
  for (const file of own) {
    const m = reader.module(file);
    if (!m) continue;
    for (const target of reader.starImports(m).files) if (own.includes(target)) counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Modules reachable from `start` through star imports, `start` first, each once. */
function starClosure(reader: Reader, start: string[]): string[] {
  const out: string[] = [];
  const visit = (file: string): void => {
    if (out.includes(file)) return;
    const m = reader.module(file);
    if (!m) return;
    out.push(file);
    for (const target of reader.starImports(m).files) visit(target);
  };
  for (const file of start) visit(file);
  return out;
}

export interface LoadOptions {
  /** Parses shared between the packages of one repository. */
  cache?: ParseCache;
}

/** The model of one settings package (a folder, or a `SettingsPackage` found by discovery). */
export function loadSettingsModel(source: FileSource, spec: string | SettingsPackage, options: LoadOptions = {}): SettingsModel {
  const pkg: SettingsPackage = typeof spec === 'string' ? { dir: spec, pointers: [], foundBy: 'config' } : spec;
  const reader = new Reader(source, options.cache ?? new Map());
  const dir = pkg.dir;
  const ownFiles = ownModules(reader, pkg);
  const own = new Set(ownFiles);
  const names = ownFiles.map(nameOf);
  const modules = new Map<string, PyModule>();
  for (const file of ownFiles) {
    const m = reader.module(file);
    if (m) modules.set(file, m);
  }
  const oep45 = !pkg.single && detectLayout(names) === 'oep45';
  const base = oep45 ? undefined : baseModule(reader, pkg, ownFiles);
  const layout: SettingsLayout = oep45 ? 'oep45' : base ? 'legacy' : 'unknown';
  // Settings come from these roots, in this order, each root with what it star-imports.
  const roots: [string, SettingRole][] =
    layout === 'oep45' ? [[join(dir, 'required.py'), 'required'], [join(dir, 'defaults.py'), 'default']] : base ? [[base, 'legacy']] : [];
  const externalStarImports: SettingsModel['externalStarImports'] = [];
  const sourceFiles: [string, SettingRole][] = [];
  for (const [root, role] of roots) {
    for (const file of starClosure(reader, [root])) if (!sourceFiles.some(([f]) => f === file)) sourceFiles.push([file, role]);
  }

  // Environments: pointed at, or star-importing (through other own modules) the base.
  const baseFamily = new Set(base ? starClosure(reader, [base]) : []);
  const environments = layout === 'legacy'
    ? ownFiles.filter((file) => {
        if (baseFamily.has(file) || nameOf(file) === '__init__.py') return false;
        if (pkg.pointers.some((p) => p.file === file)) return true;
        return starClosure(reader, [file]).some((f) => f !== file && f === base);
      })
    : [];

  // The production module and the loader it reads the operator's YAML through.
  let production: string | undefined;
  let loader: SettingsLoader | undefined;
  const yamlKeys: SettingsModel['yamlKeys'] = [];
  const loaderOf = (file: string): SettingsLoader | undefined => {
    const m = reader.module(file);
    if (!m || m.binary) return undefined;
    const candidates = [file, ...reader.anyImports(m).filter((f) => !baseFamily.has(f))];
    for (const candidate of candidates) {
      const cm = reader.module(candidate);
      if (!cm) continue;
      const facts = loaderFacts(cm);
      if (!facts.loadsYaml) continue;
      for (const k of facts.yamlKeys) yamlKeys.push({ key: k.key, file: candidate, line: k.line });
      if (candidate !== file) modules.set(candidate, cm);
      return { file: candidate, variable: facts.cfgVariables[0], loadsYaml: true };
    }
    const facts = loaderFacts(m);
    return { file, variable: facts.cfgVariables[0], loadsYaml: false };
  };
  if (layout === 'oep45') {
    production = own.has(join(dir, '__init__.py')) ? join(dir, '__init__.py') : undefined;
    if (production) loader = loaderOf(production);
  } else if (layout === 'legacy') {
    const pointed = (f: string): number => (pkg.pointers.some((p) => p.file === f && p.kind === 'project' && !/manage\.py$/.test(p.from)) ? 0 : 1);
    const ranked = [...environments].sort(
      (a, b) =>
        rank(PRODUCTION_NAMES, nameOf(a)) - rank(PRODUCTION_NAMES, nameOf(b)) || pointed(a) - pointed(b) || a.localeCompare(b),
    );
    for (const file of ranked) {
      const found = loaderOf(file);
      if (found?.loadsYaml) {
        production = file;
        loader = found;
        break;
      }
    }
    if (!production) {
      production = ranked.find((f) => PRODUCTION_NAMES.includes(nameOf(f)));
      if (production) loader = loaderOf(production);
    }
  }

  for (const [file] of sourceFiles) {
    const m = reader.module(file);
    if (!m) continue;
    modules.set(file, m);
    for (const e of reader.starImports(m).external) externalStarImports.push({ file, ...e });
  }

  const annotations = [...modules.values()].flatMap((m) => annotationGroups(m.file, m.comments));
  const settings: Setting[] = [];
  const byName = new Map<string, Setting>();
  const add = (file: string, role: SettingRole, a: PyAssignment): void => {
    if (byName.has(a.name)) return; // in both required.py and defaults.py: OEP45-S003 reports it
    const setting: Setting = { name: a.name, role, file, line: a.line, column: a.column, endLine: a.endLine, value: a.value, conditional: a.conditional };
    settings.push(setting);
    byName.set(a.name, setting);
  };
  for (const [file, role] of sourceFiles) for (const a of firstAssignments(modules.get(file))) add(file, role, a);
  // The production module's own defaults: what it assigns before it loads the YAML file (which may
  // override them), apart from the loader's own variables (CONFIG_FILE, DICT_UPDATE_KEYS).
  const productionModule = production && layout === 'legacy' ? reader.module(production) : undefined;
  if (productionModule) {
    modules.set(production!, productionModule);
    const loadLine = yamlLoadLine(productionModule, loader);
    for (const a of firstAssignments(productionModule)) {
      if (a.line < loadLine && !LOADER_NAMES.test(a.name) && !(a.value?.env && a.value.env.variable === loader?.variable?.name)) add(production!, 'legacy', a);
    }
  }
  documentSettings(settings, modules, annotations);
  return { dir, layout, package: pkg, modules, own, base, environments, production, loader, yamlKeys, externalStarImports, settings, byName, annotations };
}

/** Variables of the loader itself, not settings: the file's path, the keys merged into dicts. */
const LOADER_NAMES = /^(CONFIG_FILE|CONFIG_ROOT|CONFIG_PATH|CFG_FILE|DICT_UPDATE_KEYS|KEYS_WITH_MERGED_VALUES|ENV_TOKENS|AUTH_TOKENS|REVISION_CONFIG(_FILE)?)$/;

/** Where a production module loads the YAML (itself, or by importing its loader); Infinity when it does not. */
function yamlLoadLine(module: PyModule, loader: SettingsLoader | undefined): number {
  if (!loader?.loadsYaml) return Infinity;
  // A loop, not Math.min(...lines): a spread of 100k arguments overflows the stack.
  const least = (lines: number[]): number => lines.reduce((a, b) => Math.min(a, b), Infinity);
  if (loader.file === module.file) return least(module.calls.filter((c) => /(^|\.)(safe_load|load|full_load)$/.test(c.callee)).map((c) => c.line));
  const name = nameOf(loader.file).replace(/\.py$/, '');
  return least(module.imports.filter((i) => (i.from ?? '').endsWith(name) || i.names.some((n) => n.endsWith(name))).map((i) => i.line));
}

function rank(list: readonly string[], name: string): number {
  const i = list.indexOf(name);
  return i < 0 ? list.length : i;
}

/**
 * Documentation: `#:` above any assignment of the name in its module, else an annotation group
 * naming it (the same module first, then any module read).
 */
function documentSettings(settings: Setting[], modules: Map<string, PyModule>, annotations: AnnotationGroup[]): void {
  const byLine = new Map<string, Map<number, PyComment>>();
  for (const m of modules.values()) byLine.set(m.file, new Map(m.comments.map((c) => [c.line, c])));
  // Indexed once, so that the cost is linear in the module's size (a scan per setting was
  // quadratic: a 200k-line module took minutes).
  const groupsByName = new Map<string, AnnotationGroup[]>();
  for (const g of annotations) {
    const list = groupsByName.get(g.name);
    if (list) list.push(g);
    else groupsByName.set(g.name, [g]);
  }
  const assignmentsByName = new Map<string, Map<string, PyAssignment[]>>();
  const assignmentsOf = (file: string, name: string): PyAssignment[] => {
    let byName = assignmentsByName.get(file);
    if (!byName) {
      byName = new Map();
      for (const a of modules.get(file)?.assignments ?? []) {
        const list = byName.get(a.name);
        if (list) list.push(a);
        else byName.set(a.name, [a]);
      }
      assignmentsByName.set(file, byName);
    }
    return byName.get(name) ?? [];
  };
  for (const setting of settings) {
    const comments = byLine.get(setting.file)!;
    for (const a of assignmentsOf(setting.file, setting.name)) {
      const doc = sphinxDoc(a, comments);
      if (doc) {
        setting.doc = { style: 'sphinx', description: doc.text, toggle: false, file: setting.file, line: doc.line };
        break;
      }
    }
    if (setting.doc) continue;
    const groups = groupsByName.get(setting.name) ?? [];
    const group = groups.find((g) => g.file === setting.file) ?? groups[0];
    if (group) {
      setting.doc = {
        style: 'annotation',
        description: group.fields.get('description')?.value ?? '',
        defaultText: group.fields.get('default')?.value,
        warning: group.fields.get('warning')?.value,
        toggle: group.kind === 'toggle',
        file: group.file,
        line: group.line,
      };
    }
  }
}

/** The models of every package of a repository, with their parses shared. */
export function loadSettingsModels(source: FileSource, packages: readonly SettingsPackage[]): SettingsModel[] {
  const cache: ParseCache = new Map();
  return packages.map((pkg) => loadSettingsModel(source, pkg, { cache }));
}

/** Documented settings over all settings, for the summary: `23/25 (92%)`. */
export function coverage(settings: readonly Setting[]): { documented: number; total: number; text: string } {
  const total = settings.length;
  const documented = settings.filter((s) => s.doc).length;
  const percent = total ? Math.floor((documented / total) * 100) : 100;
  return { documented, total, text: `${documented}/${total} (${percent}%)` };
}
