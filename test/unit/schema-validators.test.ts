// The schemas' validation code is compiled ahead of time (scripts/schema-validators.mjs): the
// committed module must be what the schemas make today, and must judge documents exactly as ajv
// compiling the schema at run time would (same verdict, same first error).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { GENERATED, validatorsSource } from '../../scripts/schema-validators.mjs';
import { validateImagesData, validateOep45, type SchemaValidator } from '../../src/config/schema-validators.generated.js';

const ROOT = resolve(import.meta.dirname, '../..');
const schema = (file: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as object;

describe('generated schema validators', () => {
  it('are fresh: the committed module is what the schemas compile to (run `npm run bundle`)', () => {
    expect(readFileSync(join(ROOT, GENERATED), 'utf8')).toBe(validatorsSource(ROOT));
  });

  const compiled = new Ajv({ allErrors: false, strict: false });
  const table: Array<{ name: string; validator: SchemaValidator; file: string; documents: unknown[] }> = [
    {
      name: '.oep45.yml',
      validator: validateOep45,
      file: 'oep45.schema.json',
      documents: [
        {},
        { name: 'credentials', 'app-name': 'CREDENTIALS', images: [{ name: 'credentials', target: 'app', platforms: ['linux/amd64'] }] },
        { name: 'Not A Name' },
        { unknown: 1 },
        { images: [{ target: 'app' }] },
        { images: 'x' },
        { 'fail-on': 'sometimes' },
        { rules: { 'OEP45-D001': 'loud' } },
        { build: { cache: 'registry', force: 'yes' } },
        { 'build-args': { A: 1 } },
        { images: [{ name: 'a', 'build-args': { A: [1] } }] },
        { tags: { master: ['latest', 7] } },
        { labels: { 'org.example': { nested: true } } },
        { name: 'ｆｕｌｌｗｉｄｔｈ' },
      ],
    },
    {
      name: 'images-data.json',
      validator: validateImagesData,
      file: 'images-data.schema.json',
      documents: [
        [],
        [{ image_name: 'credentials', name: 'credentials', os_platform: 'linux/amd64', target: 'app', build_args: { A: '1' }, owning_team_email: 'a@b.c' }],
        [{ name: 'no image name' }],
        [{ image_name: 'Bad Name' }],
        [{ image_name: 'x', build_args: { A: { b: 1 } } }],
        [{ image_name: 'x', extra: true }],
        {},
        'text',
      ],
    },
  ];
  for (const { name, validator, file, documents } of table) {
    const atRunTime = compiled.compile(schema(file));
    for (const [i, document] of documents.entries()) {
      it(`judge ${name} document ${i} as ajv compiling the schema does`, () => {
        const expected = atRunTime(document);
        expect(validator(document)).toBe(expected);
        expect(validator.errors ?? null).toEqual(atRunTime.errors ?? null);
      });
    }
  }
  it('include documents each schema refuses and accepts (the table is not all one verdict)', () => {
    for (const { validator, documents } of table) {
      const verdicts = new Set(documents.map((d) => validator(d)));
      expect(verdicts).toEqual(new Set([true, false]));
    }
  });
});
