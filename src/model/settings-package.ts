// A Django settings package of a repository, as project discovery finds it (src/settings/discover.ts):
// its folder, the modules Django is pointed at in it, and how it was found.

export type PointerKind = 'project' | 'test';

export interface SettingsPointer {
  /** The module Django is pointed at, relative to the project root. */
  file: string;
  /** The dotted name as written. */
  module: string;
  /** Where the pointer is written (manage.py, a wsgi module, a Dockerfile, tox.ini…). */
  from: string;
  kind: PointerKind;
}

export interface SettingsPackage {
  /** The package's folder, relative to the project root ('.' for the root). */
  dir: string;
  /** For a single settings module among other code: that module (e.g. `xqueue/settings.py`). */
  single?: string;
  /** The modules of this package Django is pointed at. */
  pointers: SettingsPointer[];
  /** Reached only through other packages' star imports (edx-platform's openedx/envs). */
  shared?: boolean;
  foundBy: 'pointer' | 'star-import' | 'layout' | 'config';
}
