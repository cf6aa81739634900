// OEP45-S005: OEP-45's defaults are production-ready: an operator who sets only the required
// settings gets a safe service. DEBUG = True, ALLOWED_HOSTS = ['*'], a literal secret key and the
// like are not (src/settings/values.ts lists the cases).

import type { Rule } from '../rule.js';
import { notProductionReady } from '../../settings/values.js';
import { oep45Models } from './shared.js';

export const s005ProductionReadyDefaults: Rule = {
  meta: {
    id: 'OEP45-S005',
    title: 'Defaults are production-ready',
    severity: 'error',
    area: 'settings',
    help: 'Give the setting a safe production default, or move it to required.py so each operator sets it; development values go in devstack.yml.',
  },
  check(ctx) {
    return oep45Models(ctx).flatMap((model) => {
    return model.settings.flatMap((s) => {
      const reason = s.role === 'default' ? notProductionReady(s.name, s.value) : undefined;
      return reason ? [{ message: `default ${s.name} ${reason}`, file: s.file, line: s.line, column: s.column }] : [];
    });
    });
  },
};
