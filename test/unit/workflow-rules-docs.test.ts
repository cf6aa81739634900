// Every W-rule is documented in docs/rules.md under its id, with its title, its severity, an
// example that fails and how to fix it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKFLOW_RULES } from '../../src/checks/workflows/index.js';
import { docsUrl } from '../../src/checks/rule.js';
import { REPO_ROOT } from '../helpers/action.js';

const docs = readFileSync(join(REPO_ROOT, 'docs/rules.md'), 'utf8');

describe('docs/rules.md documents every workflow rule', () => {
  it.each(WORKFLOW_RULES.map((r) => [r.meta.id, r.meta] as const))('%s', (id, meta) => {
    const start = docs.indexOf(`\n## ${id}\n`);
    expect(start, `no "## ${id}" section`).toBeGreaterThan(0);
    const next = docs.indexOf('\n## ', start + 1);
    const section = docs.slice(start, next < 0 ? undefined : next);
    expect(section).toContain(`**${meta.title}**`);
    expect(section).toContain(meta.severity);
    expect(section).toMatch(/\nFails:/);
    expect(section).toMatch(/\nFix:/);
    expect(docsUrl(id)).toMatch(new RegExp(`#${id.toLowerCase()}$`));
  });
});
