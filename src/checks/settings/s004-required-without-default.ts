// OEP45-S004: a required setting is one with no value right for every installation; the service
// refuses to start until the operator sets it. A value in required.py would hide a forgotten
// setting, so it must be None or a marker (`...`, `REQUIRED`).

import type { Rule } from '../rule.js';
import { isRequiredMarker } from '../../settings/values.js';
import { oep45Models } from './shared.js';

export const s004RequiredWithoutDefault: Rule = {
  meta: {
    id: 'OEP45-S004',
    title: 'Required settings have no default',
    severity: 'error',
    area: 'settings',
    help: 'Set the required setting to None (or a marker such as REQUIRED); if the value suits every installation, move it to defaults.py.',
  },
  check(ctx) {
    return oep45Models(ctx).flatMap((model) => {
    return model.settings
      .filter((s) => s.role === 'required' && !isRequiredMarker(s.value))
      .map((s) => ({
        message: `required setting ${s.name} has a value (${s.value ? truncate(s.value.text) : 'unpacked from a tuple'}); required settings have none`,
        file: s.file,
        line: s.line,
        column: s.column,
      }));
    });
  },
};

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
