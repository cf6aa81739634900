// OEP45-O001: OEP-45 asks every service for an operations manual in RST (docs/operations/ or the
// configured path): how to run, migrate and maintain it. No service has one yet, so a missing
// manual is a warning by default.

import type { Rule } from '../rule.js';
import { isService } from '../service-scope.js';
import { readManual } from './manual.js';

export const o001ManualExists: Rule = {
  meta: {
    id: 'OEP45-O001',
    title: 'Operations manual exists',
    severity: 'warning',
    area: 'operations',
    help: 'Add docs/operations/index.rst (or set `operations.path` in .oep45.yml) describing the processes, migrations, maintenance tasks and management commands.',
  },
  check(ctx) {
    if (!isService(ctx.project)) return [];
    const manual = readManual(ctx);
    if (manual.files.length) return [];
    // A manual folder that was refused (a link out of the repository): OEP45-P002 says why it was not read.
    if (ctx.files?.refusal(manual.dir)) return [];
    const exists = ctx.isDirectory(manual.dir);
    return [{ message: exists ? `operations manual ${manual.dir}/ has no RST file` : `no operations manual (${manual.dir}/)`, file: manual.dir, line: 0 }];
  },
};
