// How far a legacy settings package (a base module, the environment modules that star-import it,
// production loading YAML from `<APP>_CFG`) is from the OEP-45 layout: which of its settings
// would go to required.py, which to defaults.py as they are, which modules would become YAML
// files, and the variable the YAML file would be named by. It is guidance for the migration,
// reported as notices.
//
// Required under OEP-45: no value every installation can use — a marker (`REQUIRED`, `...`), a
// variable read from the environment with no fallback, a literal secret (or a literal fallback
// for one: every installation would share it), a value OEP45-S005 would refuse (`ALLOWED_HOSTS =
// ['*']`), or documentation that says it must be set. A `None` default is a default: in Open edX
// it usually means "off" (no Zendesk, no Segment key), and an optional setting is not a required
// one. Only environment modules (pointed at by Django, or star-importing the base) would become
// YAML files; helpers (utils.py, logger.py, a yaml_config.py loader, the modules the base
// imports) never.

import type { Setting, SettingsModel } from './model.js';
import { documentedRequired, isRequiredMarker, notProductionReady } from './values.js';

export interface DistanceReport {
  wouldBeRequired: { setting: Setting; reason: string; secret: boolean }[];
  defaults: Setting[];
  /** Environment modules other than production, relative to the package (devstack.py, test.py…). */
  environmentModules: string[];
  /** The variable the YAML file is named by today, if any (`LMS_CFG`, `EDXNOTES_CONFIG_ROOT`). */
  cfgVariable?: string;
  /** The variable names a folder, not a file (`…_CONFIG_ROOT`). */
  cfgFolder: boolean;
  expectedCfgVariable: string;
}

/** Why a setting would be required under OEP-45, or undefined when its default would do. */
export function requiredReason(setting: Setting): { reason: string; secret: boolean } | undefined {
  const value = setting.value;
  if (value && value.type !== 'none' && isRequiredMarker(value)) return { reason: 'has no default', secret: false };
  if (value?.env && !value.env.fallback) return { reason: `is read from the environment variable ${value.env.variable}, with no default`, secret: false };
  const bad = notProductionReady(setting.name, value);
  if (bad) return { reason: bad, secret: /secret/.test(bad) };
  if (documentedRequired(setting.doc)) return { reason: 'is documented as one the operator must set', secret: false };
  return undefined;
}

export function legacyDistance(model: SettingsModel, settings: readonly Setting[], appName: string): DistanceReport {
  const wouldBeRequired: DistanceReport['wouldBeRequired'] = [];
  const defaults: Setting[] = [];
  for (const setting of settings) {
    const why = requiredReason(setting);
    if (why) wouldBeRequired.push({ setting, ...why });
    else defaults.push(setting);
  }
  const relative = (file: string): string => (model.dir === '.' ? file : file.slice(model.dir.length + 1));
  return {
    wouldBeRequired,
    defaults,
    environmentModules: model.environments.filter((f) => f !== model.production).map(relative),
    cfgVariable: model.loader?.variable?.name,
    cfgFolder: model.loader?.variable?.folder ?? false,
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
        ? `the YAML file, named today by ${report.cfgVariable}${report.cfgFolder ? ' (a folder)' : ''}, would be named by ${report.expectedCfgVariable}`
        : `the YAML file would be named by ${report.expectedCfgVariable}`,
    );
  }
  return parts.join('; ');
}
