// `oep45 baseline [DIR]`: runs the checks and writes every finding to the baseline, so that a
// service far from OEP-45 can adopt `fail-on: new` today and fix the rest at its own pace.
// `--update` only removes what was fixed (never adds a finding), so that it is safe to run in any
// change; the plain command accepts every finding there is, the new ones too.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runPipeline } from '../pipeline.js';
import { readBaseline, serializeBaseline, type Baseline } from '../report/baseline-file.js';
import { compareWithBaseline, entriesOf, prunedEntries } from '../report/baseline.js';
import { baselinePath } from '../report/triage.js';
import { UserError, describeError } from '../util/errors.js';
import type { Log } from '../util/log.js';
import { toInputs, type Flags } from './flags.js';

export interface BaselineIO {
  stdout: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function baselineCommand(dir: string | undefined, flags: Flags, io: BaselineIO, log: Log): Promise<number> {
  if (flags.format) throw new UserError('baseline writes the baseline file; --format is for check');
  // A baseline is of the whole project: with fewer images, the others' findings would drop out of it.
  const narrowing = (['only', 'image', 'context', 'file', 'target'] as const).filter((f) => flags[f] !== undefined);
  if (narrowing.length) throw new UserError(`baseline checks the whole project as configured; ${narrowing.map((f) => `--${f}`).join(', ')} would leave findings out of it`);
  const inputs = toInputs('check', dir, flags);
  // The old baseline is read here: a corrupt one must not stop the command that replaces it.
  const result = await runPipeline(inputs, { log, cwd: io.cwd, env: io.env, compareBaseline: false });
  const { file } = baselinePath(result.project);
  const path = resolve(result.project.root, file);
  const keys = result.triage!.keys;
  let old: Baseline | undefined;
  let unreadable: string | undefined;
  try {
    old = readBaseline(result.project.root, file);
  } catch (error) {
    if (flags.update) throw error;
    unreadable = describeError(error);
  }
  let text: string;
  const lines: string[] = [];
  if (flags.update) {
    if (!old) throw new UserError(`no baseline ${file} to update: make one with \`oep45 baseline\``);
    const comparison = compareWithBaseline(result.findings, keys, old);
    const kept = prunedEntries(old, result.findings, keys);
    text = serializeBaseline(kept);
    lines.push(`${file}: ${plural(comparison.fixed, 'fixed finding')} removed, ${comparison.known} remain.`);
    if (comparison.new) lines.push(`${plural(comparison.new, 'new finding')} not added: fix ${comparison.new === 1 ? 'it' : 'them'}, or run \`oep45 baseline\` to accept every finding.`);
  } else {
    const entries = entriesOf(result.findings, keys);
    text = serializeBaseline(entries);
    lines.push(`${file}: ${plural(result.findings.length, 'finding')} accepted (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}).`);
    if (old) {
      const comparison = compareWithBaseline(result.findings, keys, old);
      lines.push(`Since the previous baseline: ${comparison.new} added, ${comparison.fixed} removed.`);
    }
    if (unreadable) lines.push(`It replaces a baseline that could not be read (${unreadable}).`);
  }
  if (existsSync(path) && readFileSync(path, 'utf8') === text) lines.push('The file was up to date.');
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
