// `oep45 config upgrade --from REF --to REF [--config FILE] [--format text|markdown|json] [DIR]`:
// glue only — the notes are made in src/settings/upgrade-notes.ts and said about the operator's
// file by src/settings/upgrade-operator.ts. Exit 1 when the operator's file lacks a setting the
// new release requires, 2 on a user error (a ref that is not one), 0 otherwise.

import { writeFileSync } from 'node:fs';
import { readOperatorFile } from './operator-file.js';
import { resolve } from 'node:path';
import type { CliIO } from '../cli.js';
import type { Flags } from './flags.js';
import { loadProject } from '../config/load-project.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { UserError } from '../util/errors.js';
import { upgradeNotes } from '../settings/upgrade-notes.js';
import { missingRequired, operatorKeys, operatorLines, type OperatorLine } from '../settings/upgrade-operator.js';
import { renderJson, renderMarkdown, renderText, type RenderOptions } from '../settings/upgrade-render.js';

const FORMATS = ['text', 'markdown', 'md', 'json'] as const;

export async function upgradeCommand(rest: string[], flags: Flags, io: CliIO): Promise<number> {
  if (rest.length > 1) throw new UserError(`config upgrade takes one folder, got ${rest.join(' ')}`);
  if (!flags.from || !flags.to) throw new UserError('config upgrade needs --from REF and --to REF, e.g. --from open-release/sumac.3 --to release/teak.1');
  const format = flags.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UserError(`--format: "${format}" must be text, markdown or json`);
  const project = loadProject({ mode: 'check', dir: rest[0] ?? '.', event: {}, secrets: [], credentials: [] }, io.cwd);
  let text: string | undefined;
  if (flags.config) text = readOperatorFile(flags.config, io.cwd);
  const src = text === undefined ? undefined : parseYamlSource(flags.config!, text);
  if (src && src.value !== null && src.value !== undefined && (typeof src.value !== 'object' || Array.isArray(src.value))) {
    throw new UserError('the configuration must be a mapping of setting names to values', { file: flags.config!, line: 1, column: 1 });
  }
  const notes = await upgradeNotes({
    root: project.root,
    from: flags.from,
    to: flags.to,
    settings: flags.settings,
    configured: project.settings?.find((p) => p.foundBy === 'config')?.dir,
    dockerfiles: [...new Set(project.images.map((i) => i.dockerfile))],
    changelog: project.changelog,
    env: io.env,
  });
  const options: RenderOptions = {};
  if (src) {
    // One operator file configures one package: edx-platform's lms.yml is for lms/envs only.
    if (notes.packages.length > 1) {
      throw new UserError(`this repository has ${notes.packages.length} settings packages (${notes.packages.map((p) => p.dir).join(', ')}): say which one ${flags.config} configures with --settings DIR`);
    }
    const keys = operatorKeys(src);
    const lines = new Map<string, OperatorLine[]>(notes.packages.map((p) => [p.dir, operatorLines(p, keys, notes.to.label)]));
    options.operator = { file: flags.config!, lines };
  }
  const out = format === 'json' ? renderJson(notes, options) : format === 'text' ? renderText(notes, options) : renderMarkdown(notes, options);
  if (flags.output) writeFileSync(resolve(io.cwd, flags.output), out);
  else io.stdout(out);
  return options.operator && missingRequired([...options.operator.lines.values()].flat()) ? 1 : 0;
}
