// The settings model for the settings rules: parsed once per run (ctx.memo), and the
// documentation coverage recorded for the summary the first time it is read.

import type { CheckContext } from '../context.js';
import { coverage, loadSettingsModel, type SettingsModel } from '../../settings/model.js';
import type { Severity } from '../../model/finding.js';

export function settingsModel(ctx: CheckContext): SettingsModel | undefined {
  const dir = ctx.project.settingsDir;
  if (!dir || !ctx.isDirectory(dir)) return undefined;
  return ctx.memo('settings:model', () => {
    const model = loadSettingsModel({ read: (rel) => ctx.readFile(rel), list: (rel) => ctx.list(rel) }, dir);
    if (model.settings.length) ctx.metrics.set('settings-coverage', { label: 'Settings documented', value: coverage(model).text });
    return model;
  });
}

/** Documentation rules report notices on a legacy layout: guidance, not a gate. */
export function docSeverity(model: SettingsModel): Severity | undefined {
  return model.layout === 'legacy' ? 'notice' : undefined;
}
