// The CLI's settings commands — glue only, the logic is in src/settings/:
//   oep45 config check --config prod.yml [DIR]   an operator's YAML against the settings
//   oep45 settings schema [DIR]                   the JSON Schema of that YAML
//   oep45 settings docs [DIR] [--format md|rst]   the settings reference
// `--settings DIR` chooses the package in a repository of several (edx-platform's lms/envs).
// `config check` loads its validator (ajv, which compiles the schema it makes) only when it runs:
// no other command pays for loading ajv.

import { writeFileSync } from 'node:fs';
import { readOperatorFile } from './operator-file.js';
import { resolve } from 'node:path';
import type { CliIO } from '../cli.js';
import type { Flags } from './flags.js';
import { loadProject } from '../config/load-project.js';
import { parseYamlSource } from '../config/yaml-source.js';
import type { Project } from '../model/project.js';
import { projectSettings } from '../settings/for-project.js';
import { settingsSchema } from '../settings/schema.js';
import { renderSettingsDocs } from '../settings/docs.js';
import { formatAt, UserError } from '../util/errors.js';

function project(dir: string | undefined, io: CliIO): Project {
  return loadProject({ mode: 'check', dir: dir ?? '.', event: {}, secrets: [], credentials: [] }, io.cwd);
}

function emit(io: CliIO, flags: Flags, text: string): void {
  if (flags.output) writeFileSync(resolve(io.cwd, flags.output), text);
  else io.stdout(text);
}

function oneFolder(command: string, rest: string[]): string | undefined {
  if (rest.length > 1) throw new UserError(`${command} takes one folder, got ${rest.join(' ')}`);
  return rest[0];
}

export async function configCommand(args: string[], flags: Flags, io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'upgrade') return (await import('./upgrade-command.js')).upgradeCommand(rest, flags, io);
  if (sub !== 'check') {
    throw new UserError(`unknown command "config${sub ? ` ${sub}` : ''}"; use \`oep45 config check --config FILE [DIR]\` or \`oep45 config upgrade --from REF --to REF [DIR]\``);
  }
  if (!flags.config) throw new UserError('config check needs --config FILE: the operator’s YAML file');
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UserError(`--format: "${format}" must be text or json`);
  const p = project(oneFolder('config check', rest), io);
  const { model, appName } = projectSettings(p, flags.settings);
  const schema = settingsSchema(model, { name: p.name, appName, variable: model.loader?.variable?.name });
  const text = readOperatorFile(flags.config, io.cwd);
  const { checkOperatorConfig, unlistedKeysMayBe } = await import('../settings/operator-config.js');
  const { problems, unlisted } = checkOperatorConfig(parseYamlSource(flags.config, text), schema);
  if (format === 'json') {
    const out = { file: flags.config, valid: problems.length === 0, problems: problems.map((pr) => ({ ...pr.position, message: pr.message })), unlisted };
    emit(io, flags, JSON.stringify(out, null, 2) + '\n');
  } else {
    const lines = problems.map((pr) => formatAt(pr.position, pr.message));
    const count = `${model.settings.length} settings, ${schema.required.length} required`;
    if (unlisted.length) {
      const shown = unlisted.slice(0, 10).join(', ') + (unlisted.length > 10 ? ` and ${unlisted.length - 10} more` : '');
      lines.push(`note: ${unlisted.length} key${unlisted.length === 1 ? ' is' : 's are'} no setting of ${model.dir} nor Django's (${shown}): loaded as they are; only an installed app that reads them uses them${unlistedKeysMayBe(model)}`);
    }
    lines.push(
      problems.length
        ? `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${flags.config} (checked against ${p.name}'s ${count})`
        : `${flags.config}: valid for ${p.name} (${count})`,
    );
    emit(io, flags, lines.join('\n') + '\n');
  }
  return problems.length ? 1 : 0;
}

export function settingsCommand(args: string[], flags: Flags, io: CliIO): number {
  const [sub, ...rest] = args;
  if (sub === 'schema') {
    if (flags.format && flags.format !== 'json') throw new UserError(`--format: settings schema prints JSON only`);
    const p = project(oneFolder('settings schema', rest), io);
    const { model, appName } = projectSettings(p, flags.settings);
    emit(io, flags, JSON.stringify(settingsSchema(model, { name: p.name, appName, variable: model.loader?.variable?.name }), null, 2) + '\n');
    return 0;
  }
  if (sub === 'docs') {
    const format = flags.format ?? 'md';
    if (format !== 'md' && format !== 'rst') throw new UserError(`--format: "${format}" must be md or rst`);
    const p = project(oneFolder('settings docs', rest), io);
    const { model, appName } = projectSettings(p, flags.settings);
    emit(io, flags, renderSettingsDocs(model, { name: p.name, appName, variable: model.loader?.variable }, format));
    return 0;
  }
  throw new UserError(`unknown command "settings${sub ? ` ${sub}` : ''}"; use \`oep45 settings schema [DIR]\` or \`oep45 settings docs [DIR]\``);
}
