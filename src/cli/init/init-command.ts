// `oep45 init [DIR] [--workflows pull-request,nightly,release|none] [--registry R] [--no-config]
// [--force]`: one step from a service's repository to a working setup. It looks at the repository
// (src/cli/init/detect.ts), writes `.oep45.yml` and the starters picked, pinned to the commit of
// the oep45-action that runs (src/cli/init/running-release.ts), each with a comment saying what to
// adjust; it refuses to replace a file that exists unless told to with --force, and writes
// nothing at all when it refuses. With --no-config it keeps the repository's own .oep45.yml and
// reads the images and registries from it.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CliIO } from '../../cli.js';
import type { Flags } from '../flags.js';
import { loadProject } from '../../config/load-project.js';
import { parseOep45Yml } from '../../config/oep45-yml.js';
import { UserError } from '../../util/errors.js';
import { parseList } from '../../util/lists.js';
import { configText } from './config-text.js';
import { detectRepository, type RepositoryFacts } from './detect.js';
import { runningRelease } from './running-release.js';
import { STARTER_NAMES, type StarterName } from './starters.js';
import { secretsFor, workflowText } from './workflow-text.js';

export const CONFIG_FILE = '.oep45.yml';

export function workflowFile(name: StarterName): string {
  return `.github/workflows/oep45-${name}.yml`;
}

function pickedStarters(value: string | undefined): StarterName[] {
  if (value === undefined) return [...STARTER_NAMES];
  const names = parseList(value);
  if (names.length === 1 && names[0] === 'none') return [];
  const unknown = names.filter((n) => !(STARTER_NAMES as readonly string[]).includes(n));
  if (unknown.length || !names.length) {
    throw new UserError(`--workflows: ${unknown.length ? `"${unknown.join(', ')}" is not a starter` : 'no starter named'}; pick from ${STARTER_NAMES.join(', ')}, or none`);
  }
  return STARTER_NAMES.filter((n) => names.includes(n));
}

/** With --no-config, the images and registries come from the repository's own configuration. */
function fromOwnConfig(root: string, facts: RepositoryFacts): RepositoryFacts {
  if (!existsSync(join(root, CONFIG_FILE))) throw new UserError(`--no-config keeps ${CONFIG_FILE}, but ${root} has none: leave --no-config out to write one`);
  const project = loadProject({ mode: 'check', dir: root, event: {}, secrets: [], credentials: [] });
  const names = project.images.map((i) => i.name);
  return {
    ...facts,
    name: project.name,
    images: { kind: 'config', file: CONFIG_FILE, names },
    registry: project.registries.length ? { registries: project.registries, from: CONFIG_FILE } : facts.registry,
  };
}

function describe(facts: RepositoryFacts): string {
  const images = facts.images!;
  const built =
    images.kind !== 'dockerfile'
      ? `${images.names.length} image${images.names.length === 1 ? '' : 's'} from ${images.file}`
      : `${images.dockerfile}${images.target ? ` (target ${images.target}${images.devTarget ? `, dev ${images.devTarget}` : ''})` : ''}`;
  return [
    built,
    facts.settingsDir ? `settings ${facts.settingsDir}` : undefined,
    facts.changelog ? `changelog ${facts.changelog}` : undefined,
    facts.defaultBranch ? `default branch ${facts.defaultBranch}` : undefined,
    `registries ${facts.registry.registries.join(', ')} (${facts.registry.from})`,
  ]
    .filter(Boolean)
    .join('; ');
}

export async function initCommand(rest: string[], flags: Flags, io: CliIO): Promise<number> {
  if (rest.length > 1) throw new UserError(`init takes one folder, got ${rest.join(' ')}`);
  const root = resolve(io.cwd, rest[0] ?? '.');
  if (!existsSync(root)) throw new UserError(`folder ${rest[0]} does not exist`);
  const starters = pickedStarters(flags.workflows);
  const writeConfig = !flags['no-config'];
  if (!writeConfig && !starters.length) throw new UserError('--no-config with --workflows none leaves nothing to write');

  let facts = await detectRepository(root);
  const registries = (flags.registry ?? []).flatMap((r) => parseList(r));
  if (registries.length) facts = { ...facts, registry: { registries, from: '--registry' } };
  if (!writeConfig) facts = fromOwnConfig(root, facts);
  if (!facts.images) {
    throw new UserError(
      `${root} has no Dockerfile (nor docker/Dockerfile) and no images-data.json: nothing for oep45-action to build. OEP-45 builds a service's image from its Dockerfile: add one, then run oep45 init again. A repository that is not a service (a library, a frontend app) can say \`kind: tool\` in ${CONFIG_FILE} and use the pull request starter for the checks.`,
    );
  }

  const release = await runningRelease();
  const files: [string, string][] = [];
  if (writeConfig) {
    const text = configText(facts, release);
    // A bug here must not leave a file that the next `oep45 check` refuses.
    parseOep45Yml(CONFIG_FILE, text);
    files.push([CONFIG_FILE, text]);
  }
  for (const name of starters) files.push([workflowFile(name), workflowText(name, facts, release)]);

  const existing = files.map(([path]) => path).filter((path) => existsSync(join(root, path)));
  if (existing.length && !flags.force) {
    throw new UserError(`init would replace ${existing.join(', ')}: nothing was written. Pass --force to replace ${existing.length === 1 ? 'it' : 'them'}${writeConfig && existing.includes(CONFIG_FILE) ? `, or --no-config to keep ${CONFIG_FILE}` : ''}`);
  }
  if (release.warning) io.stderr(`warning: ${release.warning}\n`);
  const twice = facts.callers.filter((file) => !files.some(([path]) => path === file));
  if (twice.length && starters.length) io.stderr(`warning: ${twice.join(', ')} already run${twice.length === 1 ? 's' : ''} oep45-action: with the starters written now it would run twice; keep one of each kind\n`);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  const secrets = secretsFor(facts.registry.registries[0]!);
  const publishing = starters.filter((s) => s !== 'pull-request');
  const out = [
    `Found: ${describe(facts)}.`,
    `Wrote (oep45-action ${release.label}, ${release.commit}):`,
    ...files.map(([path]) => `  ${path}${existing.includes(path) ? ' (replaced)' : ''}`),
    'Next:',
    '  1. Read the first comment of each file: it says what to adjust.',
    ...(publishing.length ? [`  2. Create the repository secrets ${secrets.user} and ${secrets.password} (Settings → Secrets and variables → Actions).`] : []),
    `  ${publishing.length ? 3 : 2}. Run \`oep45 check${rest[0] ? ` ${rest[0]}` : ''}\`, then commit the files.`,
  ];
  io.stdout(out.join('\n') + '\n');
  return 0;
}
