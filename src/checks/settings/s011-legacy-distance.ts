// OEP45-S011: most Open edX services still use the legacy layout (base.py + production.py with
// YAML from `<APP>_CFG`). It is recognised, not failed: this rule reports, as notices, how far it
// is from OEP-45 — a summary at base.py, and each setting that would become required at its line.

import type { RawFinding, Rule } from '../rule.js';
import { describeDistance, legacyDistance } from '../../settings/distance.js';
import { settingsModel } from './shared.js';

export const s011LegacyDistance: Rule = {
  meta: {
    id: 'OEP45-S011',
    title: 'Distance of a legacy layout to OEP-45',
    severity: 'notice',
    area: 'settings',
    help: 'Guidance for moving to OEP-45: settings with no real default go to required.py, the rest to defaults.py, environment modules become YAML files (docs/rules.md#oep45-s011).',
  },
  check(ctx) {
    const model = settingsModel(ctx);
    if (model?.layout !== 'legacy') return [];
    const report = legacyDistance(model, ctx.project.appName);
    const findings: RawFinding[] = [{ message: describeDistance(report), file: `${model.dir}/base.py`, line: 1 }];
    for (const { setting, reason } of report.wouldBeRequired) {
      findings.push({ message: `${setting.name} ${reason}; under OEP-45 it would be a required setting`, file: setting.file, line: setting.line, column: setting.column });
    }
    return findings;
  },
};
