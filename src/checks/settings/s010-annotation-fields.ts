// OEP45-S010: code-annotations groups need their fields to be useful (and Open edX's
// code_annotations tool rejects incomplete ones): settings need setting_name, setting_default and
// setting_description; toggles need toggle_name, toggle_implementation, toggle_default,
// toggle_description, toggle_use_cases, toggle_creation_date (and toggle_target_removal_date
// when temporary). Each group is checked once, with the package that owns its file; a group
// OEP45-S009 already reports (it names no setting) is not reported again.

import type { Rule } from '../rule.js';
import { missingFields } from '../../settings/annotations.js';
import { docSeverity, misnamedAnnotations, owns, settingsModels } from './shared.js';

export const s010AnnotationFields: Rule = {
  meta: {
    id: 'OEP45-S010',
    title: 'Annotations have their required fields',
    severity: 'warning',
    area: 'settings',
    help: 'Add the missing `# .. <field>:` lines right after the other annotation lines of this setting or toggle.',
  },
  check(ctx) {
    const models = settingsModels(ctx);
    return models.flatMap((model) => {
      const severity = docSeverity(model);
      const misnamed = new Set(misnamedAnnotations(model, models).map((m) => m.group));
      return model.annotations.flatMap((g) => {
        if (!owns(model, g.file, models) || misnamed.has(g)) return [];
        const missing = missingFields(g);
        if (!missing.length) return [];
        const what = g.written ? `${g.kind} ${g.written}` : `${g.kind} annotation`;
        return [{ message: `${what} lacks ${missing.join(', ')}`, file: g.file, line: g.line, ...(severity ? { severity } : {}) }];
      });
    });
  },
};
