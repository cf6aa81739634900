// How far a legacy settings package (base.py + production.py + per-environment modules) is from
// the OEP-45 layout: which of its settings would go to required.py (no real default: None, a
// marker, or a value no installation should run with), which would go to defaults.py as they
// are, which modules would become YAML files, and whether the YAML file's variable has OEP-45's
// `<APP>_CFG_PATH` name. It is guidance for the migration, reported as notices.

import { loaderFacts } from './loader.js';
import type { Setting, SettingsModel } from './model.js';
import { isRequiredMarker, notProductionReady } from './values.js';

export interface DistanceReport {
  wouldBeRequired: { setting: Setting; reason: string }[];
  defaults: Setting[];
  /** Settings modules other than base.py, production.py and __init__.py (devstack.py, test.py…). */
  environmentModules: string[];
  /** The `<APP>_CFG…` variable production.py reads, if any. */
  cfgVariable?: string;
  expectedCfgVariable: string;
}

export function legacyDistance(model: SettingsModel, appName: string): DistanceReport {
  const wouldBeRequired: DistanceReport['wouldBeRequired'] = [];
  const defaults: Setting[] = [];
  for (const setting of model.settings) {
    const reason = isRequiredMarker(setting.value) ? 'has no default' : notProductionReady(setting.name, setting.value);
    if (reason) wouldBeRequired.push({ setting, reason });
    else defaults.push(setting);
  }
  const production = model.modules.get(`${model.dir}/production.py`);
  const facts = production ? loaderFacts(production) : undefined;
  return {
    wouldBeRequired,
    defaults,
    environmentModules: [...model.modules.keys()]
      .map((f) => f.slice(model.dir.length + 1))
      .filter((f) => !['__init__.py', 'base.py', 'production.py'].includes(f)),
    cfgVariable: facts?.cfgVariables.find((v) => v.name.startsWith(`${appName}_`))?.name ?? facts?.cfgVariables[0]?.name,
    expectedCfgVariable: `${appName}_CFG_PATH`,
  };
}

/** One paragraph for the summary notice. */
export function describeDistance(report: DistanceReport): string {
  const names = (list: readonly Setting[]): string => {
    const shown = list.slice(0, 12).map((s) => s.name).join(', ');
    return list.length > 12 ? `${shown} and ${list.length - 12} more` : shown;
  };
  const parts = [
    `legacy settings layout; distance to OEP-45: ${report.wouldBeRequired.length} setting${report.wouldBeRequired.length === 1 ? '' : 's'} would move to required.py` +
      (report.wouldBeRequired.length ? ` (${names(report.wouldBeRequired.map((r) => r.setting))})` : ''),
    `${report.defaults.length} to defaults.py`,
  ];
  if (report.environmentModules.length) {
    parts.push(`${report.environmentModules.join(', ')} would become YAML files (${report.environmentModules.map((m) => m.replace(/\.py$/, '.yml')).join(', ')})`);
  }
  if (report.cfgVariable !== report.expectedCfgVariable) {
    parts.push(
      report.cfgVariable
        ? `the YAML file's variable ${report.cfgVariable} would be named ${report.expectedCfgVariable}`
        : `the YAML file would be named by ${report.expectedCfgVariable}`,
    );
  }
  return parts.join('; ');
}
