// OEP45-S011: most Open edX services still use the legacy layout (a base module star-imported by
// production.py, which reads YAML from `<APP>_CFG`). It is recognised, not failed: this rule
// reports, as notices, how far each legacy package is from OEP-45 — one summary at its base
// module — and, at its line, each secret whose default every installation would share. A package
// other packages star-import (edx-platform's openedx/envs) is summed up with them, not alone.

import type { RawFinding, Rule } from '../rule.js';
import { describeDistance, legacyDistance } from '../../settings/distance.js';
import { appNameOf, ownedSettings, settingsModels } from './shared.js';

export const s011LegacyDistance: Rule = {
  meta: {
    id: 'OEP45-S011',
    title: 'Distance of a legacy layout to OEP-45',
    severity: 'notice',
    area: 'settings',
    help: 'Guidance for moving to OEP-45: settings with no real default go to required.py, the rest to defaults.py, environment modules become YAML files (docs/rules.md#oep45-s011).',
  },
  check(ctx) {
    const models = settingsModels(ctx);
    return models.flatMap((model) => {
      if (model.layout !== 'legacy' || !model.base) return [];
      const settings = model.package.shared ? ownedSettings(model, models) : model.settings;
      const report = legacyDistance(model, settings, appNameOf(ctx, model));
      const findings: RawFinding[] = [];
      if (!model.package.shared) findings.push({ message: describeDistance(report), file: model.base, line: 1 });
      for (const { setting, reason, secret } of report.wouldBeRequired) {
        if (!secret || !ownedSettings(model, models).includes(setting)) continue;
        findings.push({ message: `${setting.name} ${reason}; under OEP-45 it would be a required setting`, file: setting.file, line: setting.line, column: setting.column });
      }
      return findings;
    });
  },
};
