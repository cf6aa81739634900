// test/fixtures/OEP45-<rule>/: one broken service per settings, changelog and operations rule.
// Each must trip its own rule, no other S/C/O rule above a notice, and nothing once its rule is
// turned off. A fixture with a `.previous-release/` folder becomes a real git repository: that
// folder committed and tagged (the tag named in .fixture.json), then the fixture on top.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeRepo } from '../helpers/git.js';
import { contextFor } from '../helpers/service.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { SETTINGS_RULES } from '../../src/checks/settings/index.js';
import { CHANGELOG_RULES } from '../../src/checks/changelog/index.js';
import { OPERATIONS_RULES } from '../../src/checks/operations/index.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const RULES = [...SETTINGS_RULES, ...CHANGELOG_RULES, ...OPERATIONS_RULES];
const NAMES = readdirSync(FIXTURES).filter((n) => /^OEP45-[SCO]\d{3}$/.test(n));

interface FixtureMeta {
  release?: string;
  previousRelease?: string;
}

function prepare(name: string): { dir: string; meta: FixtureMeta } {
  const src = join(FIXTURES, name);
  const metaFile = join(src, '.fixture.json');
  const meta: FixtureMeta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {};
  const copy = (to: string): void =>
    cpSync(src, to, { recursive: true, filter: (from) => !/[/\\](\.previous-release|\.fixture\.json)$/.test(from) });
  if (!meta.previousRelease) {
    const dir = mkdtempSync(join(tmpdir(), `oep45-${name}-`));
    copy(dir);
    return { dir, meta };
  }
  const repo = makeRepo({ from: join(src, '.previous-release') });
  repo.tag(meta.previousRelease);
  copy(repo.dir);
  repo.commit('the broken change');
  return { dir: repo.dir, meta };
}

describe('broken services in test/fixtures', () => {
  it('cover every settings, changelog and operations rule', () => {
    expect(NAMES).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it.each(NAMES)('%s trips its rule, and only its rule', async (id) => {
    const { dir, meta } = prepare(id);
    const ctx = contextFor(dir, { releaseOverride: meta.release });
    const { findings } = await runChecks(ctx, RULES);
    expect(findings.filter((f) => f.rule === id).length, JSON.stringify(findings, null, 1)).toBeGreaterThan(0);
    expect(findings.filter((f) => f.rule !== id && f.severity !== 'notice').map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)).toEqual([]);

    const off = contextFor(dir, { releaseOverride: meta.release });
    off.project.rules[id] = 'off';
    expect((await runChecks(off, RULES)).findings.filter((f) => f.rule === id)).toEqual([]);
  });
});
