// The settings of one service, read once and shared by the settings rules, the changelog's
// settings diff, the JSON Schema generator and the settings reference.
//
// Layouts:
//   * OEP-45: `settings/__init__.py` loads `required.py` (no defaults) and `defaults.py`
//     (production-ready defaults); the settings are their module-level UPPER_CASE assignments.
//   * legacy: `settings/base.py` (+ `production.py` reading YAML from `<APP>_CFG`); the settings
//     are base.py's. Most Open edX services are here today.
// Files are read through a FileSource so the same code reads the working tree or a git revision.

import { annotationGroups, sphinxDoc, type AnnotationGroup } from './annotations.js';
import { parsePythonModule, type PyAssignment, type PyComment, type PyModule } from './python-module.js';
import type { PyValue } from './literal.js';

export interface FileSource {
  /** Text of a file relative to the project root, or undefined. */
  read(rel: string): string | undefined;
  /** Names in a folder, sorted. */
  list(rel: string): string[];
}

export type SettingsLayout = 'oep45' | 'legacy' | 'unknown';
export type SettingRole = 'required' | 'default' | 'legacy';

export interface SettingDoc {
  style: 'sphinx' | 'annotation';
  description: string;
  /** code-annotations' `setting_default`/`toggle_default` text. */
  defaultText?: string;
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

export interface SettingsModel {
  /** The settings package, relative to the project root. */
  dir: string;
  layout: SettingsLayout;
  /** Every `.py` module of the package, by file (relative to the project root). */
  modules: Map<string, PyModule>;
  /** The settings, each name once (its first assignment), in file order: required, then defaults. */
  settings: Setting[];
  byName: Map<string, Setting>;
  annotations: AnnotationGroup[];
}

export const OEP45_MODULES = ['__init__.py', 'required.py', 'defaults.py'] as const;

export function detectLayout(files: readonly string[]): SettingsLayout {
  if (files.includes('required.py') || files.includes('defaults.py')) return 'oep45';
  if (files.includes('base.py')) return 'legacy';
  return 'unknown';
}

function firstAssignments(module: PyModule | undefined): PyAssignment[] {
  const seen = new Set<string>();
  return (module?.assignments ?? []).filter((a) => !seen.has(a.name) && seen.add(a.name));
}

export function loadSettingsModel(source: FileSource, dir: string): SettingsModel {
  const files = source.list(dir).filter((f) => f.endsWith('.py'));
  const modules = new Map<string, PyModule>();
  for (const name of files) {
    const file = `${dir}/${name}`;
    const text = source.read(file);
    if (text !== undefined) modules.set(file, parsePythonModule(file, text));
  }
  const layout = detectLayout(files);
  const annotations = [...modules.values()].flatMap((m) => annotationGroups(m.file, m.comments));
  const byLine = new Map<string, Map<number, PyComment>>();
  for (const m of modules.values()) byLine.set(m.file, new Map(m.comments.map((c) => [c.line, c])));

  const sources: [string, SettingRole][] =
    layout === 'oep45' ? [['required.py', 'required'], ['defaults.py', 'default']] : layout === 'legacy' ? [['base.py', 'legacy']] : [];
  const settings: Setting[] = [];
  const byName = new Map<string, Setting>();
  for (const [name, role] of sources) {
    const module = modules.get(`${dir}/${name}`);
    for (const a of firstAssignments(module)) {
      if (byName.has(a.name)) continue; // in both required.py and defaults.py: OEP45-S003 reports it
      const setting: Setting = {
        name: a.name,
        role,
        file: module!.file,
        line: a.line,
        column: a.column,
        endLine: a.endLine,
        value: a.value,
        conditional: a.conditional,
      };
      settings.push(setting);
      byName.set(a.name, setting);
    }
  }

  // Documentation: `#:` above any assignment of the name in its module, else an annotation group
  // naming it (the same module first, then any module of the package).
  for (const setting of settings) {
    const comments = byLine.get(setting.file)!;
    for (const a of modules.get(setting.file)!.assignments.filter((x) => x.name === setting.name)) {
      const doc = sphinxDoc(a, comments);
      if (doc) {
        setting.doc = { style: 'sphinx', description: doc.text, toggle: false, file: setting.file, line: doc.line };
        break;
      }
    }
    if (setting.doc) continue;
    const group =
      annotations.find((g) => g.name === setting.name && g.file === setting.file) ?? annotations.find((g) => g.name === setting.name);
    if (group) {
      setting.doc = {
        style: 'annotation',
        description: group.fields.get('description')?.value ?? '',
        defaultText: group.fields.get('default')?.value,
        toggle: group.kind === 'toggle',
        file: group.file,
        line: group.line,
      };
    }
  }
  return { dir, layout, modules, settings, byName, annotations };
}

/** Documented settings over all settings, for the summary: `23/25 (92%)`. */
export function coverage(model: SettingsModel): { documented: number; total: number; text: string } {
  const total = model.settings.length;
  const documented = model.settings.filter((s) => s.doc).length;
  const percent = total ? Math.floor((documented / total) * 100) : 100;
  return { documented, total, text: `${documented}/${total} (${percent}%)` };
}
