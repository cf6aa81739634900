// OEP45-O002: an operations manual answers the operator's questions: how to run the web process
// and the async workers, how to migrate the database schema, which maintenance tasks to schedule,
// which management commands exist. Each topic must have a heading (src/checks/operations/topics.ts).

import type { Rule } from '../rule.js';
import { manualEntryFile, readManual } from './manual.js';
import { TOPICS } from './topics.js';

export const o002ManualTopics: Rule = {
  meta: {
    id: 'OEP45-O002',
    title: 'Operations manual covers its topics',
    severity: 'warning',
    area: 'operations',
    help: 'Add a section (an RST title) for the topic, e.g. "Async workers", "Database migrations", "Maintenance tasks", "Management commands"; say "none" in it if the service has none.',
  },
  check(ctx) {
    const manual = readManual(ctx);
    if (!manual.files.length) return [];
    const headings = manual.files.flatMap((f) => f.outline.headings.map((h) => h.text));
    return TOPICS.filter((t) => !headings.some((h) => t.heading.test(h))).map((t) => ({
      message: `the operations manual has no section on ${t.name}`,
      file: manualEntryFile(manual),
      line: 0,
    }));
  },
};
