// OEP45-S008: OEP-45 asks that every setting be documented in code, so that the settings
// reference (`oep45 settings docs`) and operators can rely on it: a Sphinx `#:` comment right
// above the assignment, or code-annotations (`# .. setting_name:` / `# .. toggle_name:`). The
// coverage figure goes to the summary. In the OEP-45 layout each undocumented setting is a
// warning at its line; a legacy layout gets one notice per module, with the count and the names
// (guidance for the whole file, not a hundred lines with the same help), which still counts each
// setting for the baseline (src/checks/finding-groups.ts). A setting whose
// annotation only misspells its name is OEP45-S009's finding, not this rule's.

import type { RawFinding, Rule } from '../rule.js';
import type { Setting } from '../../settings/model.js';
import { misnamedAnnotations, ownedSettings, settingsModels } from './shared.js';
import { rawGroup } from '../finding-groups.js';

function perFile(settings: readonly Setting[]): RawFinding[] {
  const byFile = new Map<string, Setting[]>();
  for (const s of settings) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  return [...byFile.values()].map((list) =>
    rawGroup(
      'OEP45-S008',
      list.map((s) => ({ message: `setting ${s.name} is not documented`, file: s.file, line: s.line, column: s.column, severity: 'notice' as const, subject: s.name })),
    ),
  );
}

export const s008SettingsDocumented: Rule = {
  meta: {
    id: 'OEP45-S008',
    title: 'Every setting is documented',
    severity: 'warning',
    area: 'settings',
    help: 'Add a `#:` comment right above the assignment, or `# .. setting_name:`, `# .. setting_default:` and `# .. setting_description:` comments.',
  },
  check(ctx) {
    const models = settingsModels(ctx);
    return models.flatMap((model) => {
      const misspelt = new Set(misnamedAnnotations(model, models).flatMap((m) => (m.near ? [m.near] : [])));
      const undocumented = ownedSettings(model, models).filter((s) => !s.doc && !misspelt.has(s));
      if (model.layout === 'legacy') return perFile(undocumented);
      return undocumented.map((s) => ({ message: `setting ${s.name} is not documented`, file: s.file, line: s.line, column: s.column }));
    });
  },
};
