// JSON Schema validation of a parsed YAML/JSON source, reported at the offending line.

import { Ajv, type ValidateFunction } from 'ajv';
import { UserError } from '../util/errors.js';
import { describeSchemaError, type YamlSource } from './yaml-source.js';

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** Validates `src.value` against `schema`; the first problem becomes a UserError at its place. */
export function validateSource(src: YamlSource, schema: object): void {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(src.value)) return;
  const error = validate.errors?.[0];
  if (!error) throw new UserError('invalid configuration', { file: src.file });
  const { message, position } = describeSchemaError(src, error);
  throw new UserError(message, position);
}
