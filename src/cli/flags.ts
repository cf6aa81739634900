// The CLI's flags, parsed with node:util's parseArgs, and turned into PipelineInputs.

import { parseArgs } from 'node:util';
import type { Mode, PipelineInputs } from '../config/inputs.js';
import { FAIL_ON } from '../model/project.js';
import { UserError } from '../util/errors.js';
import { oneOf, parseKeyValues, parseList } from '../util/lists.js';

export const FLAG_SPEC = {
  config: { type: 'string' },
  settings: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  update: { type: 'boolean' },
  image: { type: 'string' },
  context: { type: 'string' },
  file: { type: 'string' },
  target: { type: 'string' },
  platform: { type: 'string', multiple: true },
  'build-arg': { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  push: { type: 'boolean' },
  'no-push': { type: 'boolean' },
  tag: { type: 'string', multiple: true },
  label: { type: 'string', multiple: true },
  registry: { type: 'string', multiple: true },
  cache: { type: 'string' },
  'cache-from': { type: 'string', multiple: true },
  'cache-to': { type: 'string', multiple: true },
  force: { type: 'boolean' },
  'max-age': { type: 'string' },
  'allow-overwrite': { type: 'boolean' },
  'push-by-digest': { type: 'boolean' },
  digest: { type: 'string', multiple: true },
  event: { type: 'string' },
  ref: { type: 'string' },
  sha: { type: 'string' },
  date: { type: 'string' },
  'default-branch': { type: 'string' },
  pr: { type: 'string' },
  nightly: { type: 'boolean' },
  release: { type: 'string' },
  secret: { type: 'string', multiple: true },
  'registry-username': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  offline: { type: 'boolean' },
  workflows: { type: 'string' },
  'no-config': { type: 'boolean' },
} as const;

export type Flags = ReturnType<typeof parseFlags>['values'];

export function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAG_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains unknown or malformed flags well; drop its error-code prefix.
    throw new UserError(String((error as Error).message).replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** `--secret id=npmrc,env=NPM_TOKEN` or `--secret id=npmrc,src=~/.npmrc`, as docker build takes them. */
function parseSecret(spec: string): PipelineInputs['secrets'][number] {
  const parts = parseKeyValues(spec.split(','), '--secret');
  if (!parts.id) throw new UserError(`--secret ${spec}: needs id=NAME`);
  const file = parts.src ?? parts.file;
  if (!parts.env && !file) throw new UserError(`--secret ${spec}: needs env=VARIABLE or src=FILE`);
  return { id: parts.id, ...(parts.env ? { env: parts.env } : {}), ...(file ? { file } : {}) };
}

export function toInputs(mode: Mode, dir: string | undefined, flags: Flags, password?: string): PipelineInputs {
  const list = (values: readonly string[] | undefined): string[] => (values ?? []).flatMap((v) => parseList(v));
  const pr = flags.pr === undefined ? undefined : Number(flags.pr);
  if (pr !== undefined && (!Number.isInteger(pr) || pr <= 0)) throw new UserError(`--pr: "${flags.pr}" is not a pull request number`);
  return {
    mode,
    dir: dir ?? '.',
    config: flags.config,
    failOn: oneOf(flags['fail-on'], FAIL_ON, '--fail-on'),
    baseline: flags.baseline,
    image: flags.image,
    context: flags.context,
    file: flags.file,
    target: flags.target,
    platforms: list(flags.platform),
    buildArgs: parseKeyValues(flags['build-arg'] ?? [], '--build-arg'),
    only: list(flags.only),
    push: flags['no-push'] ? false : flags.push,
    tags: list(flags.tag),
    labels: parseKeyValues(flags.label ?? [], '--label'),
    registries: list(flags.registry),
    cache: oneOf(flags.cache, ['registry', 'gha', 'inline', 'none'] as const, '--cache'),
    cacheFrom: flags['cache-from'] ?? [],
    cacheTo: flags['cache-to'] ?? [],
    force: flags.force,
    maxAge: flags['max-age'],
    allowOverwrite: flags['allow-overwrite'],
    pushByDigest: flags['push-by-digest'],
    offline: flags.offline,
    digests: list(flags.digest),
    release: flags.release,
    event: {
      eventName: flags.event,
      ref: flags.ref,
      sha: flags.sha,
      date: flags.date,
      defaultBranch: flags['default-branch'],
      pr,
      nightly: flags.nightly,
    },
    secrets: (flags.secret ?? []).map(parseSecret),
    credentials:
      flags['registry-username'] || password
        ? [{ registry: list(flags.registry)[0]?.split('/')[0] ?? 'docker.io', username: flags['registry-username'] ?? '', password: password ?? '' }]
        : [],
  };
}
