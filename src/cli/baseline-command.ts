// `oep45 baseline [DIR]`: runs the checks and writes every finding to the baseline, so that a
// service far from OEP-45 can adopt `fail-on: new` today and fix the rest at its own pace.
// `--update` only removes what was fixed (never adds a finding), so that it is safe to run in any
// change; the plain command accepts every finding there is, the new ones too.

import { lstatSync, mkdirSync, writeFileSync, type Stats } from 'node:fs';
import { readBounded, specialType } from '../files/bounded-read.js';
import { SIZE_LIMITS } from '../files/limits.js';
import { dirname, resolve } from 'node:path';
import { runPipeline } from '../pipeline.js';
import { readBaseline, serializeBaseline, type Baseline } from '../report/baseline-file.js';
import { compareWithBaseline, entriesOf, prunedEntries } from '../report/baseline.js';
import { baselinePath } from '../report/triage.js';
import { UserError, describeError } from '../util/errors.js';
import { flatFindings } from '../model/finding.js';
import type { Log } from '../util/log.js';
import { toInputs, type Flags } from './flags.js';

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

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
  // The baseline counts each finding of a group (a legacy module's undocumented settings) on its own.
  const findings = flatFindings(result.findings);
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
    const comparison = compareWithBaseline(findings, keys, old);
    const kept = prunedEntries(old, findings, keys);
    text = serializeBaseline(kept);
    lines.push(`${file}: ${plural(comparison.fixed, 'fixed finding')} removed, ${comparison.known} remain.`);
    if (comparison.new) lines.push(`${plural(comparison.new, 'new finding')} not added: fix ${comparison.new === 1 ? 'it' : 'them'}, or run \`oep45 baseline\` to accept every finding.`);
  } else {
    const entries = entriesOf(findings, keys);
    text = serializeBaseline(entries);
    lines.push(`${file}: ${plural(findings.length, 'finding')} accepted (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}).`);
    if (old) {
      const comparison = compareWithBaseline(findings, keys, old);
      lines.push(`Since the previous baseline: ${comparison.new} added, ${comparison.fixed} removed.`);
    }
    if (unreadable) lines.push(`It replaces a baseline that could not be read (${unreadable}).`);
  }
  // Never written through a link or into a FIFO or device the repository put there (a baseline
  // linked to ~/.bashrc would overwrite it): a regular file or nothing.
  const there = lstatOrUndefined(path);
  if (there && !there.isFile()) {
    throw new UserError(`${file} is ${there.isSymbolicLink() ? 'a symbolic link' : specialType(there) ?? 'not a regular file'}: the baseline is written only as a regular file; remove it first`, { file });
  }
  const current = there ? readBounded(path, SIZE_LIMITS.baseline) : undefined;
  if (current && 'text' in current && current.text === text) lines.push('The file was up to date.');
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
