// `oep45 config check`: an operator's YAML file against the service's settings schema (ajv, every
// problem at once), each problem at its file:line:column — a required setting missing or empty,
// an unknown key (with "did you mean" for a near miss), a value whose type does not match the
// literal default. Where the schema allows other keys (a legacy loader loads every key), a key
// that is a near miss of a setting and has a misspelled word in it (a word no setting's name has)
// is still a problem: a typo does nothing. A near miss made of the service's own words
// (`CMS_ROOT_URL` beside `LMS_ROOT_URL` and `CMS_BASE`) is a name of its own, which an installed
// app may read; it is only named, once, with the other keys no setting has.

import { Ajv, type ErrorObject } from 'ajv';
import { describeSchemaError, locate, type YamlSource } from '../config/yaml-source.js';
import type { SourcePosition } from '../util/errors.js';
import { closest } from '../util/suggest.js';
import { pythonRepr, type JsonValue } from './literal.js';
import type { SettingsSchema } from './schema.js';
import type { SettingsModel } from './model.js';

export interface ConfigProblem {
  message: string;
  position: SourcePosition;
}

function describe(src: YamlSource, schema: SettingsSchema, error: ErrorObject): ConfigProblem {
  const p = error.params as Record<string, unknown>;
  const path = error.instancePath.split('/').slice(1);
  const key = path[0]?.replace(/~1/g, '/').replace(/~0/g, '~');
  if (error.keyword === 'additionalProperties' && !path.length) {
    const name = String(p.additionalProperty);
    const near = closest(name, Object.keys(schema.properties));
    return {
      message: `unknown setting \`${name}\`${near ? `; did you mean \`${near}\`?` : ''}`,
      position: locate(src, [name], true),
    };
  }
  if (error.keyword === 'required' && !path.length) {
    return { message: `required setting \`${String(p.missingProperty)}\` is missing`, position: locate(src, []) };
  }
  if (error.keyword === 'not' && key) return { message: `required setting \`${key}\` has no value`, position: locate(src, [key]) };
  if (error.keyword === 'type' && !path.length) {
    return { message: 'the configuration must be a mapping of setting names to values', position: locate(src, []) };
  }
  const described = describeSchemaError(src, error);
  const prop = key ? schema.properties[key] : undefined;
  if (error.keyword === 'type' && path.length === 1 && prop && 'default' in prop) {
    return { ...described, message: `${described.message}, like its default \`${pythonRepr(prop.default as JsonValue)}\`` };
  }
  return described;
}

/**
 * Where keys no setting has may be settings after all, as the package's own modules say: a
 * library's settings module star-imported from outside the repository (ecommerce's `from
 * oscar.defaults import *`), or the Django app plugins the settings load (`add_plugins(…)` of
 * edx-django-utils, in edx-platform's, credentials' and other services' settings). Empty when
 * the package says neither.
 */
export function unlistedKeysMayBe(model: SettingsModel): string {
  const parts: string[] = [];
  const external = model.externalStarImports.map((e) => `${e.module} (${e.file}:${e.line})`);
  if (external.length) parts.push(`settings of ${external.join(', ')}, star-imported from outside this repository`);
  const plugins = [...model.modules.values()].flatMap((m) => m.calls.filter((c) => /(^|\.)add_plugins$/.test(c.callee)).map((c) => `${m.file}:${c.line}`));
  if (plugins.length) parts.push(`settings of the Django app plugins that add_plugins loads (${[...new Set(plugins)].join(', ')})`);
  return parts.length ? `, or they may be ${parts.join(', or ')}` : '';
}

export interface ConfigCheck {
  problems: ConfigProblem[];
  /** Keys no setting of the service has, where the schema allows them (legacy): loaded as they are. */
  unlisted: string[];
}

const words = (name: string): string[] => name.toUpperCase().split(/_+/).filter(Boolean);

/** Whether `key`, near a known setting's name, has a word no setting's name has: a likely typo. */
function misspelled(key: string, vocabulary: ReadonlySet<string>): boolean {
  return words(key).some((w) => !vocabulary.has(w));
}

export function checkOperatorConfig(src: YamlSource, schema: SettingsSchema): ConfigCheck {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  // An empty file is an empty mapping: every required setting is then reported missing.
  const value = src.value === null || src.value === undefined ? {} : src.value;
  const extra: ConfigProblem[] = [];
  const unlisted: string[] = [];
  if (schema.additionalProperties && value && typeof value === 'object' && !Array.isArray(value)) {
    const known = Object.keys(schema.properties);
    const vocabulary = new Set(known.flatMap(words));
    for (const key of Object.keys(value)) {
      if (key in schema.properties) continue;
      const near = closest(key, known);
      if (near && misspelled(key, vocabulary)) extra.push({ message: `unknown setting \`${key}\`; did you mean \`${near}\`?`, position: locate(src, [key], true) });
      else unlisted.push(key);
    }
  }
  const problems = validate(value) ? extra : [...(validate.errors ?? []).map((e) => describe(src, schema, e)), ...extra];
  // Several ajv errors can say the same thing at the same place; say it once.
  const seen = new Set<string>();
  return {
    problems: problems
      .filter((p) => !seen.has(`${p.position.line}:${p.position.column}:${p.message}`) && seen.add(`${p.position.line}:${p.position.column}:${p.message}`))
      .sort((a, b) => (a.position.line ?? 0) - (b.position.line ?? 0) || (a.position.column ?? 0) - (b.position.column ?? 0)),
    unlisted,
  };
}
