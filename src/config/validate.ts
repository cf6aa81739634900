// JSON Schema validation of a parsed YAML/JSON source, reported at the offending line. The
// validation functions are compiled from schemas/ ahead of time (schema-validators.generated.js,
// made by scripts/schema-validators.mjs): no run pays for compiling a schema.

import { UserError } from '../util/errors.js';
import type { SchemaValidator } from './schema-validators.generated.js';
import { describeSchemaError, type YamlSource } from './yaml-source.js';

export type { SchemaValidator } from './schema-validators.generated.js';

/** Validates `src.value` with `validate`; the first problem becomes a UserError at its place. */
export function validateSource(src: YamlSource, validate: SchemaValidator): void {
  if (validate(src.value)) return;
  const error = validate.errors?.[0];
  if (!error) throw new UserError('invalid configuration', { file: src.file });
  const { message, position } = describeSchemaError(src, error);
  throw new UserError(message, position);
}
