// OEP45-S003: a setting is either required (the operator must set it) or has a default — never
// both. A name assigned in required.py and in defaults.py is reported at both places.

import type { RawFinding, Rule } from '../rule.js';
import { oep45Models } from './shared.js';

export const s003RequiredDefaultsExclusive: Rule = {
  meta: {
    id: 'OEP45-S003',
    title: 'required.py and defaults.py are exclusive',
    severity: 'error',
    area: 'settings',
    help: 'Keep the setting in required.py (no default) or in defaults.py (a production-ready default), not both.',
  },
  check(ctx) {
    return oep45Models(ctx).flatMap((model) => {
    const required = model.modules.get(`${model.dir}/required.py`);
    const defaults = model.modules.get(`${model.dir}/defaults.py`);
    if (!required || !defaults) return [];
    const findings: RawFinding[] = [];
    const inDefaults = new Map(defaults.assignments.map((a) => [a.name, a]));
    const reported = new Set<string>();
    for (const r of required.assignments) {
      const d = inDefaults.get(r.name);
      if (!d || reported.has(r.name)) continue;
      reported.add(r.name);
      findings.push(
        { message: `${r.name} is required here and also has a default in defaults.py:${d.line}`, file: required.file, line: r.line, column: r.column },
        { message: `${r.name} has a default here and is also required in required.py:${r.line}`, file: defaults.file, line: d.line, column: d.column },
      );
    }
    return findings;
    });
  },
};
