// OEP45-S009: a `# .. setting_name: X` annotation whose X is assigned nowhere in the settings
// package documents nothing: usually a renamed or removed setting, or a typo. Toggles implemented
// as Django settings are checked the same way; other toggles (waffle flags…) name no assignment.

import type { Rule } from '../rule.js';
import { isSettingName } from '../../settings/python-module.js';
import { docSeverity, settingsModel } from './shared.js';

export const s009AnnotationNamesSetting: Rule = {
  meta: {
    id: 'OEP45-S009',
    title: 'Annotations name an existing setting',
    severity: 'warning',
    area: 'settings',
    help: 'Fix the name in the annotation, or remove the annotation of a setting that no longer exists.',
  },
  check(ctx) {
    const model = settingsModel(ctx);
    if (!model) return [];
    const assigned = new Set([...model.modules.values()].flatMap((m) => m.assignments.map((a) => a.name)));
    const severity = docSeverity(model);
    return model.annotations
      .filter((g) => {
        if (!g.name || !isSettingName(g.name) || assigned.has(g.name)) return false;
        if (g.kind === 'setting') return true;
        return /^(DjangoSetting|SettingToggle)$/.test(g.fields.get('implementation')?.value ?? '');
      })
      .map((g) => ({
        message: `${g.kind}_name ${g.name} names no setting assigned in ${model.dir}`,
        file: g.file,
        line: g.line,
        ...(severity ? { severity } : {}),
      }));
  },
};
