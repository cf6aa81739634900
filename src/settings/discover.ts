// Where a repository's Django settings are, found the way Django itself is told: the
// DJANGO_SETTINGS_MODULE that manage.py, wsgi.py/asgi.py and the Dockerfiles set (the project's
// pointers) and that pytest.ini, tox.ini, setup.cfg and pyproject.toml set for the tests. Each
// pointer names a module; its folder is a settings package:
//   * a settings folder (`settings/`, `envs/`, `conf/`…) with base.py or common.py, or OEP-45's
//     required.py/defaults.py — every module in it belongs to it;
//   * a single `settings.py` among other code (`xqueue/settings.py` with `production.py` beside
//     it) — only the modules that star-import it, and their star imports, belong to it.
// A settings folder that a package star-imports from elsewhere (edx-platform's `openedx/envs/`,
// imported by `lms/envs/` and `cms/envs/`) is a package of its own, checked on its own. Without a
// project pointer that resolves (a repository of fixtures, say), settings folders are found by
// their layout, up to two folders down. Test pointers alone (a library's `test_settings`) never
// make a settings package: a library is not a service.
// Star imports are read here with a line pattern, not the Python parser: discovery only needs to
// know which folders belong together, and the settings model parses the modules properly.

import type { FileSource } from './model.js';
import type { PointerKind, SettingsPackage, SettingsPointer } from '../model/settings-package.js';

export type { PointerKind, SettingsPackage, SettingsPointer };

export interface SettingsDiscovery {
  packages: SettingsPackage[];
  /** Every pointer found, resolved or not; project pointers first. */
  pointers: SettingsPointer[];
  /** manage.py, or a wsgi/asgi module that sets DJANGO_SETTINGS_MODULE. */
  djangoProject: boolean;
}

/** Folder names that hold settings modules and nothing else. */
const SETTINGS_FOLDERS = new Set(['settings', 'envs', 'conf', 'config', 'configs']);
/** Modules that make a folder a settings package by layout. */
const LAYOUT_MODULES = ['required.py', 'defaults.py', 'base.py', 'common.py', 'production.py'];
const SKIP = new Set(['node_modules', '.git', '.tox', 'venv', '.venv', 'docs', 'doc', 'test', 'tests', 'build', 'dist', 'templates', 'static', 'locale']);
const SOURCE_ROOTS = ['', 'src/'];

const DOTTED = String.raw`[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*`;
/** `DJANGO_SETTINGS_MODULE = x.y`, `…setdefault("DJANGO_SETTINGS_MODULE", "x.y")`, `ENV DJANGO_SETTINGS_MODULE x.y`. */
const VARIABLE = new RegExp(String.raw`DJANGO_SETTINGS_MODULE['"]?(?:\s*[,=:]\s*|[ \t]+)['"]?(${DOTTED})(?![\w.$])`, 'g');
/** `pytest --ds=x.y`, `manage.py … --settings=x.y`. */
const FLAG = new RegExp(String.raw`--(?:ds|settings)[= ]['"]?(${DOTTED})(?![\w.$])`, 'g');
/** edx-platform's manage.py: `default_settings='lms.envs.devstack_docker'`. */
const KEYWORD = new RegExp(String.raw`\b\w*settings\w*\s*[=:]\s*['"](${DOTTED}\.${DOTTED})['"]`, 'gi');
/** Module names of test settings: `test`, `tests`, `test_settings`, `settings_test`, `test_mysql`. */
const TEST_MODULE = /^(tests?|test_\w+|\w+_tests?)$/;
const STAR_IMPORT = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\*/gm;

/** The dotted module names a file points Django at. */
export function pointersIn(file: string, text: string): string[] {
  const found = new Set<string>();
  const take = (re: RegExp): void => {
    for (const m of text.matchAll(re)) found.add(m[1]!);
  };
  take(VARIABLE);
  take(FLAG);
  if (/(^|\/)manage\.py$/.test(file)) take(KEYWORD);
  return [...found];
}

function isFile(source: FileSource, rel: string): boolean {
  return source.read(rel) !== undefined;
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

function inDir(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** The file a dotted module name is, from the root or `src/`: `a/b.py` or `a/b/__init__.py`. */
export function resolveModule(source: FileSource, dotted: string): string | undefined {
  const path = dotted.replace(/\./g, '/');
  for (const base of SOURCE_ROOTS) {
    if (isFile(source, `${base}${path}.py`)) return `${base}${path}.py`;
    if (isFile(source, `${base}${path}/__init__.py`)) return `${base}${path}/__init__.py`;
  }
  return undefined;
}

/**
 * The file a star import in `importer` names: relative (`.common`, `..x`), absolute from a source
 * root (`pkg.settings.base`), or Python 2's implicit relative import (`settings` beside it).
 */
export function resolveImport(source: FileSource, importer: string, from: string): string | undefined {
  const dots = /^\.*/.exec(from)![0].length;
  const rest = from.slice(dots);
  if (dots > 0) {
    let dir = dirOf(importer);
    for (let i = 1; i < dots; i++) dir = dirOf(dir);
    const path = rest ? inDir(dir, rest.replace(/\./g, '/')) : dir;
    if (rest && isFile(source, `${path}.py`)) return `${path}.py`;
    if (isFile(source, inDir(path, '__init__.py'))) return inDir(path, '__init__.py');
    return undefined;
  }
  return resolveModule(source, rest) ?? (rest && !rest.includes('.') && isFile(source, inDir(dirOf(importer), `${rest}.py`)) ? inDir(dirOf(importer), `${rest}.py`) : undefined);
}

/** The modules a module star-imports that are files of this repository. */
export function starImportsOf(source: FileSource, file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(STAR_IMPORT)) {
    const target = resolveImport(source, file, m[1]!);
    if (target && target !== file) out.push(target);
  }
  return out;
}

function isSettingsFolder(source: FileSource, dir: string): boolean {
  const name = dir.slice(dir.lastIndexOf('/') + 1);
  return SETTINGS_FOLDERS.has(name) || ['required.py', 'defaults.py', 'base.py', 'common.py'].some((m) => isFile(source, inDir(dir, m)));
}

/** Files that may point Django at its settings: manage.py, wsgi/asgi modules, test configs. */
function pointerFiles(source: FileSource, dockerfiles: readonly string[]): { file: string; kind: PointerKind }[] {
  const out: { file: string; kind: PointerKind }[] = [];
  const top = source.list('.');
  for (const name of ['manage.py']) if (top.includes(name)) out.push({ file: name, kind: 'project' });
  const visit = (dir: string, depth: number): void => {
    for (const name of source.list(dir)) {
      const rel = inDir(dir, name);
      if (name === 'wsgi.py' || name === 'asgi.py' || (depth > 0 && name === 'manage.py')) out.push({ file: rel, kind: 'project' });
      else if (depth < 2 && !name.includes('.') && !name.startsWith('_') && !SKIP.has(name)) visit(rel, depth + 1);
    }
  };
  visit('.', 0);
  for (const file of dockerfiles) out.push({ file, kind: 'project' });
  for (const name of ['pytest.ini', 'tox.ini', 'setup.cfg', 'pyproject.toml', 'conftest.py']) if (top.includes(name)) out.push({ file: name, kind: 'test' });
  return out;
}

/** Every pointer of the repository, resolved to its module file where the file exists. */
export function findPointers(source: FileSource, dockerfiles: readonly string[] = []): { pointers: SettingsPointer[]; djangoProject: boolean } {
  const pointers: SettingsPointer[] = [];
  let djangoProject = false;
  const seen = new Set<string>();
  for (const { file, kind } of pointerFiles(source, dockerfiles)) {
    const text = source.read(file);
    if (text === undefined) continue;
    const names = pointersIn(file, text);
    // A manage.py or wsgi module that only points at test settings runs a library's tests.
    const project = names.some((n) => !TEST_MODULE.test(n.slice(n.lastIndexOf('.') + 1)));
    if ((/(^|\/)manage\.py$/.test(file) && (project || !names.length)) || (/(^|\/)[aw]sgi\.py$/.test(file) && project)) djangoProject = true;
    for (const module of names) {
      const resolved = resolveModule(source, module);
      // A project file that points at test settings (a library's manage.py for its tests) points the tests.
      const pointed: PointerKind = kind === 'test' || TEST_MODULE.test(module.slice(module.lastIndexOf('.') + 1)) ? 'test' : 'project';
      if (!resolved || seen.has(`${pointed}:${resolved}`)) continue;
      seen.add(`${pointed}:${resolved}`);
      pointers.push({ file: resolved, module, from: file, kind: pointed });
    }
  }
  pointers.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'project' ? -1 : 1));
  return { pointers, djangoProject };
}

/** The module a single-module package is built on: where the star imports of its pointers end. */
function singleBase(source: FileSource, dir: string, files: string[]): string {
  const counts = new Map<string, number>();
  for (const start of files) {
    let current = start;
    for (let hop = 0; hop < 8; hop++) {
      const next = starImportsOf(source, current, source.read(current) ?? '').find((f) => dirOf(f) === dir);
      if (!next) break;
      current = next;
    }
    counts.set(current, (counts.get(current) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/** Settings folders found by their layout (no pointer resolves): `settings/` or `envs/` with settings modules. */
export function findByLayout(source: FileSource): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number): void => {
    for (const name of source.list(dir)) {
      if (name.startsWith('.') || name.includes('.') || SKIP.has(name)) continue;
      const rel = inDir(dir, name);
      const files = source.list(rel);
      if (!files.length) continue;
      if ((name === 'settings' || name === 'envs') && files.some((f) => LAYOUT_MODULES.includes(f)) && definesSettings(source, rel, files)) {
        found.push(rel);
      } else if (depth < 2) {
        visit(rel, depth + 1);
      }
    }
  };
  visit('.', 0);
  return found.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/**
 * Whether a folder's modules assign settings at module level. A Django app plugin's
 * `settings/common.py` only defines `plugin_settings(settings)`: it sets the host's settings, it
 * is not a settings package.
 */
function definesSettings(source: FileSource, dir: string, files: string[]): boolean {
  let assigns = false;
  for (const name of files.filter((f) => f.endsWith('.py'))) {
    const text = source.read(inDir(dir, name)) ?? '';
    if (/^def[ \t]+plugin_settings[ \t]*\(/m.test(text)) return false;
    if (/^_?[A-Z][A-Z0-9_]*[ \t]*(:[^=\n]*)?=[^=]/m.test(text)) assigns = true;
  }
  return assigns;
}

export interface DiscoverOptions {
  /** The project's Dockerfiles, whose ENV DJANGO_SETTINGS_MODULE points Django too. */
  dockerfiles?: readonly string[];
  /** `settings:` of .oep45.yml: this package, and no other. */
  configured?: string;
}

export function discoverSettings(source: FileSource, options: DiscoverOptions = {}): SettingsDiscovery {
  const { pointers, djangoProject } = findPointers(source, options.dockerfiles ?? []);
  const packages: SettingsPackage[] = [];
  const byDir = new Map<string, SettingsPackage>();
  const add = (dir: string, foundBy: SettingsPackage['foundBy'], extra: Partial<SettingsPackage> = {}): SettingsPackage => {
    let pkg = byDir.get(dir);
    if (!pkg) {
      pkg = { dir, pointers: [], foundBy, ...extra };
      byDir.set(dir, pkg);
      packages.push(pkg);
    }
    return pkg;
  };
  const attach = (): void => {
    for (const p of pointers) {
      const dir = p.file.endsWith('/__init__.py') ? dirOf(p.file) : dirOf(p.file);
      byDir.get(dir)?.pointers.push(p);
    }
  };

  if (options.configured) {
    add(options.configured, 'config');
    attach();
    return { packages, pointers, djangoProject };
  }

  // Packages Django's project pointers name; test pointers join a package only once it exists.
  const projectDirs = new Map<string, string[]>();
  for (const p of pointers.filter((x) => x.kind === 'project')) {
    const dir = dirOf(p.file);
    projectDirs.set(dir, [...(projectDirs.get(dir) ?? []), p.file]);
  }
  for (const [dir, files] of projectDirs) {
    if (isSettingsFolder(source, dir) || files.some((f) => f.endsWith('/__init__.py'))) add(dir, 'pointer');
    else add(dir, 'pointer', { single: singleBase(source, dir, files) });
  }
  if (!packages.length) {
    for (const dir of findByLayout(source)) add(dir, 'layout');
  }
  // Settings folders the packages star-import from elsewhere are packages too, shared by them.
  const imported = new Set<string>();
  for (let i = 0; i < packages.length; i++) {
    const pkg = packages[i]!;
    const files = pkg.single ? [pkg.single] : source.list(pkg.dir).filter((f) => f.endsWith('.py')).map((f) => inDir(pkg.dir, f));
    for (const file of files) {
      for (const target of starImportsOf(source, file, source.read(file) ?? '')) {
        const dir = dirOf(target);
        if (dir === pkg.dir) continue;
        imported.add(dir);
        if (!byDir.has(dir) && isSettingsFolder(source, dir)) add(dir, 'star-import');
      }
    }
  }
  attach();
  for (const pkg of packages) if (imported.has(pkg.dir) && !pkg.pointers.some((p) => p.kind === 'project')) pkg.shared = true;
  return { packages, pointers, djangoProject };
}
