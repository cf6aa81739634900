// OEP45-S010: code-annotations groups need their fields to be useful (and Open edX's
// code_annotations tool rejects incomplete ones): settings need setting_name, setting_default and
// setting_description; toggles need toggle_name, toggle_implementation, toggle_default,
// toggle_description, toggle_use_cases, toggle_creation_date (and toggle_target_removal_date
// when temporary).

import type { Rule } from '../rule.js';
import { missingFields } from '../../settings/annotations.js';
import { docSeverity, settingsModel } from './shared.js';

export const s010AnnotationFields: Rule = {
  meta: {
    id: 'OEP45-S010',
    title: 'Annotations have their required fields',
    severity: 'warning',
    area: 'settings',
    help: 'Add the missing `# .. <field>:` lines right after the other annotation lines of this setting or toggle.',
  },
  check(ctx) {
    const model = settingsModel(ctx);
    if (!model) return [];
    const severity = docSeverity(model);
    return model.annotations.flatMap((g) => {
      const missing = missingFields(g);
      if (!missing.length) return [];
      const what = g.name ? `${g.kind} ${g.name}` : `${g.kind} annotation`;
      return [{ message: `${what} lacks ${missing.join(', ')}`, file: g.file, line: g.line, ...(severity ? { severity } : {}) }];
    });
  },
};
