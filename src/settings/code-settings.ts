// Settings a service documents where its own code reads them, not in its settings package: Open
// edX writes the code-annotations of a setting or a setting toggle next to the
// `getattr(settings, 'X', default)` that reads it (codejail-service's `CODEJAIL_ENABLED` in its
// API view, edx-platform's toggles in its djangoapps). Such a setting is a key an operator sets
// in the YAML file, though no settings module assigns it: `settings schema|docs` and
// `config check` know it. Found by walking the repository's Python files, leaving out the
// settings packages (read already), tests, migrations and folders of other tools. Of a file that
// holds an annotation, only its comment blocks with one are given to the parser the settings
// modules use, every other line blanked so that line numbers stay: parsing whole modules costs
// seconds on edx-platform, which annotates hundreds of them. (A `# .. setting_name:` line inside
// a triple-quoted string would be read as a comment; no Open edX code writes one.)

import { annotationGroups, type AnnotationGroup } from './annotations.js';
import type { FileSource } from './model.js';
import { parsePythonModule } from './python-module.js';

export interface CodeSetting {
  name: string;
  file: string;
  line: number;
  description?: string;
  /** The default as the annotation writes it. */
  defaultText?: string;
  toggle: boolean;
}

/** Toggles that are Django settings; the others (waffle flags, switches) live in the database. */
const SETTING_TOGGLES = new Set(['SettingToggle', 'SettingDictToggle', 'DjangoSetting']);
const SKIP_DIRS = new Set(['node_modules', 'migrations', 'tests', 'test', 'docs', 'static', 'locale', 'venv', 'build', 'dist', 'requirements']);
const TEST_FILE = /^(test_.*|.*_tests?|conftest)\.py$/;
/**
 * Bounds on the walk, so that a huge repository, or a link to a folder above it inside the
 * repository (which the reader follows), cannot make a settings command crawl or loop: Python
 * files read, entries listed, folders deep.
 */
const MAX_FILES = 20000;
const MAX_ENTRIES = 200000;
const MAX_DEPTH = 16;

function settingOf(group: AnnotationGroup): CodeSetting | undefined {
  if (!/^[A-Z][A-Z0-9_]*$/.test(group.name)) return undefined; // a waffle name (`courseware.x`), a dict's key
  const implementation = group.fields.get('implementation')?.value;
  if (group.kind === 'toggle' && !(implementation && SETTING_TOGGLES.has(implementation))) return undefined;
  return {
    name: group.name,
    file: group.file,
    line: group.line,
    description: group.fields.get('description')?.value || undefined,
    defaultText: group.fields.get('default')?.value || undefined,
    toggle: group.kind === 'toggle',
  };
}

const FIELD_LINE = /^\s*#\s*\.\.\s+(setting|toggle)_[a-z_]+:/;
const COMMENT_LINE = /^\s*#/;

/** The comment blocks of `text` from each annotation field on, every other line blanked. */
function annotationBlocks(text: string): string {
  const lines = text.split('\n');
  const keep = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (keep[i] || !FIELD_LINE.test(lines[i]!)) continue;
    for (let j = i; j < lines.length && COMMENT_LINE.test(lines[j]!); j++) keep[j] = true;
  }
  return lines.map((line, i) => (keep[i] ? line : '')).join('\n');
}

/** The annotated settings in the repository's code outside `skip` (the settings packages' folders), each name once. */
export function codeSettings(source: FileSource, skip: readonly string[]): CodeSetting[] {
  const skipped = new Set(skip);
  const found = new Map<string, CodeSetting>();
  let files = 0;
  let entries = 0;
  // Breadth first: a file reached through a link too is taken at its shortest path.
  const queue: [dir: string, depth: number][] = [['.', 0]];
  const visit = (dir: string, depth: number): void => {
    for (const name of source.list(dir)) {
      if (files >= MAX_FILES || ++entries > MAX_ENTRIES) return;
      const rel = dir === '.' ? name : `${dir}/${name}`;
      if (name.endsWith('.py')) {
        if (TEST_FILE.test(name)) continue;
        files++;
        const text = source.read(rel);
        if (!text || !/#\s*\.\.\s+(setting|toggle)_name:/.test(text)) continue;
        for (const group of annotationGroups(rel, parsePythonModule(rel, annotationBlocks(text)).comments)) {
          const setting = settingOf(group);
          if (setting && !found.has(setting.name)) found.set(setting.name, setting);
        }
      } else if (depth < MAX_DEPTH && !name.includes('.') && !name.startsWith('_') && !SKIP_DIRS.has(name) && !skipped.has(rel)) {
        queue.push([rel, depth + 1]);
      }
    }
  };
  for (let next = queue.shift(); next; next = queue.shift()) visit(...next);
  return [...found.values()];
}
