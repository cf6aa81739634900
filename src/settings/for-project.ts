// The settings of a project for the settings commands (`oep45 settings schema|docs`,
// `oep45 config check`): read from the working tree, refused with one clear line when there is
// no settings package or a module does not parse — a schema from a half-read module would lie.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../model/project.js';
import { UserError } from '../util/errors.js';
import { loadSettingsModel, type SettingsModel } from './model.js';

export function projectSettings(project: Project): SettingsModel {
  const dir = project.settingsDir;
  if (!dir || !existsSync(join(project.root, dir))) {
    throw new UserError(`no settings package found in ${project.root}; name it with \`settings:\` in .oep45.yml`);
  }
  const model = loadSettingsModel(
    {
      read(rel) {
        try {
          const abs = join(project.root, rel);
          return statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
        } catch {
          return undefined;
        }
      },
      list(rel) {
        try {
          return readdirSync(join(project.root, rel)).sort();
        } catch {
          return [];
        }
      },
    },
    dir,
  );
  if (model.layout === 'unknown') throw new UserError(`${dir} has neither required.py/defaults.py nor base.py`, { file: dir });
  for (const m of model.modules.values()) {
    if (m.binary) throw new UserError('not UTF-8 text', { file: m.file, ...m.binary });
    if (m.syntaxError) throw new UserError(m.syntaxError.message, { file: m.file, line: m.syntaxError.line, column: m.syntaxError.column });
  }
  return model;
}
