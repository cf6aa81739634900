// OEP45-S009: a `# .. setting_name: X` annotation whose X is assigned nowhere in the settings
// package documents nothing: usually a renamed or removed setting, or a typo. Toggles implemented
// as Django settings are checked the same way; other toggles (waffle flags…) name no assignment.
// edx-platform's `settings.X` names the setting X. A near miss of an undocumented setting is said
// so ("did you mean"), and that setting is not reported again as undocumented (OEP45-S008).

import type { Rule } from '../rule.js';
import { docSeverity, misnamedAnnotations, settingsModels } from './shared.js';

export const s009AnnotationNamesSetting: Rule = {
  meta: {
    id: 'OEP45-S009',
    title: 'Annotations name an existing setting',
    severity: 'warning',
    area: 'settings',
    help: 'Fix the name in the annotation, or remove the annotation of a setting that no longer exists.',
  },
  check(ctx) {
    const models = settingsModels(ctx);
    return models.flatMap((model) => {
      const severity = docSeverity(model);
      return misnamedAnnotations(model, models).map(({ group, near }) => ({
        message: `${group.kind}_name ${group.written} names no setting assigned in ${model.dir}${near ? `; did you mean ${near.name} (line ${near.line})?` : ''}`,
        file: group.file,
        line: group.line,
        ...(severity ? { severity } : {}),
      }));
    });
  },
};
