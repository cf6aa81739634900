// Every settings, changelog, operations and project rule has its docs/rules.md entry: why, a failing
// example ("Fails:"), and the fix ("Fix:"), under a heading with its id and its severity.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SETTINGS_RULES } from '../../src/checks/settings/index.js';
import { CHANGELOG_RULES } from '../../src/checks/changelog/index.js';
import { OPERATIONS_RULES } from '../../src/checks/operations/index.js';
import { PROJECT_RULES } from '../../src/checks/project/index.js';

const DOCS = readFileSync(resolve(import.meta.dirname, '../../docs/rules.md'), 'utf8');

describe('docs/rules.md', () => {
  it.each([...SETTINGS_RULES, ...CHANGELOG_RULES, ...OPERATIONS_RULES, ...PROJECT_RULES].map((r) => r.meta))('documents $id', (meta) => {
    const start = DOCS.indexOf(`\n## ${meta.id}\n`);
    expect(start, `no "## ${meta.id}" heading`).toBeGreaterThan(0);
    const end = DOCS.indexOf('\n## ', start + 1);
    const entry = DOCS.slice(start, end < 0 ? undefined : end);
    expect(entry).toContain(`**${meta.title}** · ${meta.severity}`);
    expect(entry).toMatch(/\nFails/);
    expect(entry).toMatch(/\nFix/);
  });
});
