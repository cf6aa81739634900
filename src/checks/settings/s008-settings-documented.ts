// OEP45-S008: OEP-45 asks that every setting be documented in code, so that the settings
// reference (`oep45 settings docs`) and operators can rely on it: a Sphinx `#:` comment right
// above the assignment, or code-annotations (`# .. setting_name:` / `# .. toggle_name:`). The
// coverage figure goes to the summary; a legacy layout gets notices.

import type { Rule } from '../rule.js';
import { docSeverity, settingsModel } from './shared.js';

export const s008SettingsDocumented: Rule = {
  meta: {
    id: 'OEP45-S008',
    title: 'Every setting is documented',
    severity: 'warning',
    area: 'settings',
    help: 'Add a `#:` comment right above the assignment, or `# .. setting_name:`, `# .. setting_default:` and `# .. setting_description:` comments.',
  },
  check(ctx) {
    const model = settingsModel(ctx);
    if (!model) return [];
    const severity = docSeverity(model);
    return model.settings
      .filter((s) => !s.doc)
      .map((s) => ({ message: `setting ${s.name} is not documented`, file: s.file, line: s.line, column: s.column, ...(severity ? { severity } : {}) }));
  },
};
