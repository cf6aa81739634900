// OEP45-S002: a settings module that Python cannot parse stops the service at start-up, and the
// other settings rules cannot read it reliably. Binary junk or non-UTF-8 text is reported the same way.
// Every module the settings packages read is checked once, with the package that owns it.

import type { Rule } from '../rule.js';
import { owns, settingsModels } from './shared.js';

export const s002PythonSyntax: Rule = {
  meta: {
    id: 'OEP45-S002',
    title: 'Settings modules parse',
    severity: 'error',
    area: 'settings',
    help: 'Fix the Python syntax at this line (python3 -m py_compile FILE shows the same error).',
  },
  check(ctx) {
    const models = settingsModels(ctx);
    return models.flatMap((model) =>
      [...model.modules.values()]
        .filter((m) => owns(model, m.file, models))
        .flatMap((m) => {
          if (m.binary) return [{ message: `${m.file} is not UTF-8 text`, file: m.file, line: m.binary.line, column: m.binary.column }];
          if (m.syntaxError) return [{ message: m.syntaxError.message, file: m.file, line: m.syntaxError.line, column: m.syntaxError.column }];
          return [];
        }),
    );
  },
};
