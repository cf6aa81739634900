// Settings rules (OEP45-S…).
import type { Rule } from '../rule.js';
import { s001SettingsLayout } from './s001-settings-layout.js';
import { s002PythonSyntax } from './s002-python-syntax.js';
import { s003RequiredDefaultsExclusive } from './s003-required-defaults-exclusive.js';
import { s004RequiredWithoutDefault } from './s004-required-without-default.js';
import { s005ProductionReadyDefaults } from './s005-production-ready-defaults.js';
import { s006SettingsLoader } from './s006-settings-loader.js';
import { s007EnvironmentModules } from './s007-environment-modules.js';
import { s008SettingsDocumented } from './s008-settings-documented.js';
import { s009AnnotationNamesSetting } from './s009-annotation-names-setting.js';
import { s010AnnotationFields } from './s010-annotation-fields.js';
import { s011LegacyDistance } from './s011-legacy-distance.js';

export const SETTINGS_RULES: readonly Rule[] = [
  s001SettingsLayout,
  s002PythonSyntax,
  s003RequiredDefaultsExclusive,
  s004RequiredWithoutDefault,
  s005ProductionReadyDefaults,
  s006SettingsLoader,
  s007EnvironmentModules,
  s008SettingsDocumented,
  s009AnnotationNamesSetting,
  s010AnnotationFields,
  s011LegacyDistance,
];
