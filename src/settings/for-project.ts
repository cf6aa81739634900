// The settings of a project for the settings commands (`oep45 settings schema|docs`,
// `oep45 config check`): read from the working tree, refused with one clear line when there is
// no settings package, when a repository of several packages (edx-platform's lms/envs and
// cms/envs) does not say which one (`--settings DIR`), or when a module does not parse — a schema
// from a half-read module would lie.

import type { Project } from '../model/project.js';
import { UserError } from '../util/errors.js';
import { loadSettingsModels, type SettingsModel } from './model.js';
import { workingTree } from './working-tree.js';
import { appNameFor } from './loader.js';
import { codeSettings } from './code-settings.js';

export interface ProjectSettings {
  model: SettingsModel;
  /** The app prefix of its variables (see appNameFor). */
  appName: string;
}

function normalize(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

export function projectSettings(project: Project, choice?: string): ProjectSettings {
  const packages = project.settings ?? [];
  if (!packages.length) {
    throw new UserError(`no settings package found in ${project.root}: no DJANGO_SETTINGS_MODULE in manage.py, wsgi.py or the Dockerfile names one; name it with \`settings:\` in .oep45.yml`);
  }
  const tree = workingTree(project.root);
  const models = loadSettingsModels(tree, packages);
  let model: SettingsModel | undefined;
  if (choice !== undefined) {
    model = models.find((m) => m.dir === normalize(choice));
    if (!model) throw new UserError(`--settings ${choice}: not a settings package of this repository; its packages: ${models.map((m) => m.dir).join(', ')}`);
  } else {
    const candidates = models.filter((m) => !m.package.shared);
    if (candidates.length > 1) {
      throw new UserError(`this repository has ${candidates.length} settings packages (${candidates.map((m) => m.dir).join(', ')}): choose one with --settings DIR`);
    }
    model = candidates[0] ?? models[0]!;
  }
  if (model.layout === 'unknown') {
    throw new UserError(`${model.dir} has neither required.py/defaults.py nor a base module (base.py, common.py) that its environments star-import`, { file: model.dir });
  }
  for (const m of model.modules.values()) {
    if (m.binary) throw new UserError('not UTF-8 text', { file: m.file, ...m.binary });
    if (m.syntaxError) throw new UserError(m.syntaxError.message, { file: m.file, line: m.syntaxError.line, column: m.syntaxError.column });
  }
  const chosen = model;
  // A settings folder is read already; a single settings module's folder is the code's own (xqueue/).
  const read = models.filter((m) => !m.package.single).map((m) => m.dir);
  chosen.codeSettings = codeSettings(tree, read).filter((s) => !chosen.byName.has(s.name));
  return { model: chosen, appName: appNameFor(project, chosen) };
}
