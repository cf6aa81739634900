// .github/dependabot.yml: Dependabot's v2 format (the keys it uses, checked against the shapes
// GitHub documents for them, no unknown key), one entry for npm and one for the actions pinned in
// our workflows, both at the root where package.json and .github/workflows/ are.
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/action.js';

// The part of Dependabot's configuration format this repository uses, as GitHub documents it.
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'updates'],
  properties: {
    version: { const: 2 },
    updates: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['package-ecosystem', 'directory', 'schedule'],
        properties: {
          'package-ecosystem': { enum: ['npm', 'github-actions', 'docker', 'pip', 'gomod', 'bundler', 'cargo', 'composer', 'maven', 'gradle', 'nuget'] },
          directory: { type: 'string', pattern: '^/' },
          schedule: {
            type: 'object',
            additionalProperties: false,
            required: ['interval'],
            properties: { interval: { enum: ['daily', 'weekly', 'monthly', 'quarterly', 'semiannually', 'yearly', 'cron'] }, day: { type: 'string' }, time: { type: 'string' }, timezone: { type: 'string' } },
          },
          cooldown: { type: 'object', additionalProperties: false, properties: { 'default-days': { type: 'integer', minimum: 1, maximum: 90 } } },
          'open-pull-requests-limit': { type: 'integer', minimum: 0 },
          groups: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: {
                patterns: { type: 'array', items: { type: 'string' } },
                'exclude-patterns': { type: 'array', items: { type: 'string' } },
                'dependency-type': { enum: ['development', 'production'] },
                'update-types': { type: 'array', items: { enum: ['major', 'minor', 'patch'] } },
              },
            },
          },
        },
      },
    },
  },
};

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(join(REPO_ROOT, '.github/dependabot.yml'), 'utf8')) as { updates: { 'package-ecosystem': string; directory: string }[] };

  it('is in the format Dependabot reads', () => {
    const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('updates npm and the pinned actions, at the root', () => {
    expect(config.updates.map((u) => `${u['package-ecosystem']} ${u.directory}`)).toEqual(['npm /', 'github-actions /']);
  });

  it('a key Dependabot does not know is caught', () => {
    const validate = new Ajv().compile(SCHEMA);
    const bad = structuredClone(config) as unknown as { updates: Record<string, unknown>[] };
    bad.updates[0]!['cool-down'] = { 'default-days': 7 };
    expect(validate(bad)).toBe(false);
  });
});
