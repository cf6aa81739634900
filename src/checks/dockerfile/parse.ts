// One parse per Dockerfile, shared by every Dockerfile rule through the check context's memo: the
// `dockerfile-ast` tree, plus what the rules keep asking for — stages and their parents, global
// ARG defaults, the comment block above a line, and each RUN's shell script and mounts.

import { parseDockerfileText } from '../../util/dockerfile-ast.js';
import type { Dockerfile, From, Instruction, Run } from 'dockerfile-ast';
import type { CheckContext } from '../context.js';
import type { ImageSpec } from '../../model/project.js';
import { parseShell, type ShellCommand } from './shell.js';

/**
 * Command names written with variables (`${APT_INSTALL} curl`, `python${PYTHON_VERSION}`),
 * expanded from the ARG and ENV defaults in scope, and split into words as the shell splits an
 * unquoted expansion: `apt-get install --yes … curl`, `python3.12`. Every rule reads the expanded
 * commands; a name whose variable has no default stays as written.
 */
function expandPrograms(commands: ShellCommand[], scope: ReadonlyMap<string, string | null>): ShellCommand[] {
  return commands.map((command) => {
    const substitutions = expandPrograms(command.substitutions, scope);
    if (!command.program.includes('$')) return substitutions === command.substitutions ? command : { ...command, substitutions };
    const words = substitute(command.program, scope).trim().split(/\s+/).filter(Boolean);
    if (!words.length || words[0]!.includes('$')) return { ...command, substitutions };
    const program = words[0]!;
    return { ...command, program, name: program.slice(program.lastIndexOf('/') + 1), args: [...words.slice(1), ...command.args], substitutions };
  });
}

export interface DockerInstruction {
  /** Upper-case keyword, e.g. `RUN`. */
  keyword: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  node: Instruction;
  /** Index of the stage it belongs to; -1 before the first FROM. */
  stage: number;
  /**
   * ARG and ENV values in effect where the instruction runs (null: declared, value unknown): those
   * of its stage so far, and, as BuildKit does, of the stage it is built on.
   */
  scope: ReadonlyMap<string, string | null>;
}

export interface DockerStage {
  index: number;
  /** `FROM x AS name`, lower-cased as Docker compares stage names. */
  name?: string;
  from: From;
  line: number;
  /** The stage this one starts from, when its FROM names an earlier stage of the same file. */
  parent?: number;
  /** Image reference after substituting global ARG defaults (as written when one has none). */
  image: string;
  /** Instructions after the FROM. */
  instructions: DockerInstruction[];
}

export interface Mount {
  type: string;
  target?: string;
  id?: string;
  /** `from=` of a bind or cache mount: a stage (or image) the RUN reads files of. */
  from?: string;
}

export interface RunScript {
  /** Shell text to analyse (continuations joined, comment lines removed); heredoc bodies run by a shell included. */
  shell: string;
  /** Everything the instruction runs, including heredoc bodies in other languages, for plain-text searches. */
  text: string;
  mounts: Mount[];
  commands: ShellCommand[];
}

export interface ParsedDockerfile {
  file: string;
  text: string;
  /** A Jinja or Go template (Tutor's Dockerfiles): not a Dockerfile until rendered. */
  template?: { engine: 'Jinja' | 'Go'; lines: number[] };
  /** Source lines, 0-based array (line n is `lines[n - 1]`). */
  lines: string[];
  /** Binary or otherwise not a text file: only OEP45-D002 reports it, the other rules skip it. */
  binary: boolean;
  /** Set when the parser itself failed (never seen; kept so that a parser bug is a finding, not a crash). */
  parseError?: string;
  ast?: Dockerfile;
  instructions: DockerInstruction[];
  stages: DockerStage[];
  /** ARGs declared before the first FROM: name → default (null when none). */
  globalArgs: Map<string, string | null>;
  /** 1-based lines that hold a comment. */
  commentLines: Set<number>;
}

const EMPTY = (file: string, text: string): ParsedDockerfile => ({
  file,
  text,
  lines: text.split(/\r?\n/),
  binary: false,
  instructions: [],
  stages: [],
  globalArgs: new Map(),
  commentLines: new Set(),
});

/** NUL bytes or many replacement characters: not a Dockerfile anyone can read. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const replacements = text.split('\uFFFD').length - 1;
  return replacements > 0 && replacements * 20 > text.length;
}

/** `${NAME}`, `$NAME`, `${NAME:-x}` replaced from `values`; unknown names are left as written. */
export function substitute(text: string, values: ReadonlyMap<string, string | null>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, fallback, bare) => {
    const name = (braced ?? bare) as string;
    const value = values.get(name);
    if (value !== undefined && value !== null && value !== '') return value;
    if (typeof fallback === 'string' && whole.includes(':-')) return fallback;
    return whole;
  });
}

export function parseDockerfile(file: string, text: string): ParsedDockerfile {
  const parsed = EMPTY(file, text);
  if (looksBinary(text)) return { ...parsed, binary: true };
  let ast: Dockerfile;
  try {
    // Docker splits lines on \n only; dockerfile-ast (an LSP parser) also on a lone \r. A lone \r
    // becomes a space, of the same length, so both agree on every line and column.
    ast = parseDockerfileText(text.replace(/\r(?!\n)/g, ' '));
  } catch (error) {
    return { ...parsed, parseError: error instanceof Error ? error.message : String(error) };
  }
  parsed.ast = ast;
  const template = templateIn(file, parsed.lines);
  if (template) parsed.template = template;
  for (const comment of ast.getComments()) parsed.commentLines.add(comment.getRange().start.line + 1);
  let stage = -1;
  // The variables in effect: global ARGs before the first FROM, then each stage's own.
  let scope = new Map<string, string | null>();
  const finalScopes: Map<string, string | null>[] = [];
  for (const node of ast.getInstructions()) {
    const keyword = node.getKeyword();
    const range = node.getRange();
    const instruction: DockerInstruction = { keyword, line: range.start.line + 1, endLine: range.end.line + 1, node, stage, scope };
    if (keyword === 'FROM') {
      if (stage >= 0) finalScopes[stage] = scope;
      stage = parsed.stages.length;
      instruction.stage = stage;
      const from = node as From;
      const image = substitute(from.getImage() ?? '', parsed.globalArgs);
      const parent = parsed.stages.find((s) => s.name !== undefined && s.name === image.toLowerCase());
      parsed.stages.push({
        index: stage,
        name: from.getBuildStage()?.toLowerCase() ?? undefined,
        from,
        line: instruction.line,
        parent: parent?.index,
        image,
        instructions: [],
      });
      // A stage built on an earlier one starts with its ARGs and ENVs (BuildKit inherits both).
      scope = new Map(parent ? (finalScopes[parent.index] ?? []) : []);
      instruction.scope = scope;
    } else if (stage >= 0) {
      parsed.stages[stage]!.instructions.push(instruction);
      if (keyword === 'ARG' || keyword === 'ENV') scope = declare(scope, node, keyword, parsed.globalArgs);
    } else if (keyword === 'ARG') {
      for (const property of propertiesOf(node)) {
        const value = property.getValue();
        parsed.globalArgs.set(property.getName(), value === null ? null : substitute(value, parsed.globalArgs));
      }
    }
    parsed.instructions.push(instruction);
  }
  return parsed;
}

function propertiesOf(node: Instruction): { getName(): string; getValue(): string | null }[] {
  return (node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
}

/** The scope after an ARG or ENV: a new map, so that earlier instructions keep theirs. */
function declare(scope: Map<string, string | null>, node: Instruction, keyword: string, globals: ReadonlyMap<string, string | null>): Map<string, string | null> {
  const next = new Map(scope);
  for (const property of propertiesOf(node)) {
    const name = property.getName();
    const value = property.getValue();
    if (value !== null) next.set(name, substitute(value, next));
    else if (keyword === 'ARG') next.set(name, next.get(name) ?? globals.get(name) ?? null);
  }
  return next;
}

/** `{{ … }}`, `{% … %}` or `{# … #}`: template syntax Docker never reads. */
const MARKER = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/;
/** Only Jinja has `{% … %}`, calls (`{{ patch("…") }}`) and plain names (`{{ EDX_PLATFORM_VERSION }}`; Go writes `{{ .Name }}`, and `{{ end }}` is Go's). */
const JINJA_ONLY = /\{%|\{\{-?\s*(?!(?:end|range|if|else|with|template|define|block)\b)[A-Za-z_]\w*\s*(\(|\||-?\}\})/;
/** A `docker inspect --format '{{.Id}}'` inside a RUN: Go syntax that Docker passes on, no template. */
const FORMAT_STRING = /(['"])\{\{[^{}]*\}\}.*\1/;

/**
 * Whether a Dockerfile is a template: Jinja's `{% … %}`, `{{ NAME }}`, `{{ patch("…") }}` (Tutor),
 * or Go's `{{ .Field }}`, `{{ range … }}`. Docker itself never reads `{{`, but a RUN that passes a
 * Go format string to a program (`docker inspect --format '{{.Id}}'`) is no template.
 */
export function templateIn(file: string, lines: readonly string[]): ParsedDockerfile['template'] {
  const found: number[] = [];
  let jinja = false;
  let inRun = false;
  lines.forEach((line, i) => {
    const starts = /^\s*RUN\b/i.test(line);
    const run = inRun || starts;
    if (MARKER.test(line) && !(run && FORMAT_STRING.test(line) && !JINJA_ONLY.test(line))) {
      found.push(i + 1);
      if (JINJA_ONLY.test(line)) jinja = true;
    }
    inRun = run && /\\\s*$/.test(line);
  });
  const byName = /\.(j2|jinja2?|tmpl|tpl|gotmpl)$/i.test(file);
  if (!found.length && !byName) return undefined;
  if (!found.length && !lines.some((l) => l.includes('{{'))) return undefined;
  return { engine: jinja || /\.(j2|jinja2?)$/i.test(file) ? 'Jinja' : 'Go', lines: found };
}

/** A Dockerfile's parse, once per file whatever the number of rules asking. */
export function dockerfileAt(ctx: CheckContext, file: string): ParsedDockerfile | undefined {
  return ctx.memo(`dockerfile:${file}`, () => {
    const text = ctx.readFile(file);
    return text === undefined ? undefined : parseDockerfile(file, text);
  });
}

/** Every distinct Dockerfile the project's images name that exists (a missing one is OEP45-D001's). */
export function projectDockerfiles(ctx: CheckContext): ParsedDockerfile[] {
  const files = [...new Set(ctx.project.images.map((i) => i.dockerfile))];
  return files.map((f) => dockerfileAt(ctx, f)).filter((d): d is ParsedDockerfile => d !== undefined);
}

/** Readable, parsed Dockerfiles that are no templates: the ones the rules other than D002 look at. */
export function usableDockerfiles(ctx: CheckContext): ParsedDockerfile[] {
  return projectDockerfiles(ctx).filter((d) => !d.binary && d.ast !== undefined && !d.template);
}

/** The images built from a Dockerfile, e.g. to name them in a message. */
export function imagesOf(ctx: CheckContext, file: string): ImageSpec[] {
  return ctx.project.images.filter((i) => i.dockerfile === file);
}

/** The stage and its ancestors in this file, nearest first. */
export function stageChain(df: ParsedDockerfile, index: number): DockerStage[] {
  const chain: DockerStage[] = [];
  const seen = new Set<number>();
  let current: DockerStage | undefined = df.stages[index];
  while (current && !seen.has(current.index)) {
    chain.push(current);
    seen.add(current.index);
    current = current.parent === undefined ? undefined : df.stages[current.parent];
  }
  return chain;
}

/** Text of the comment block that ends on the line just above `line` (1-based), top to bottom. */
export function commentsAbove(df: ParsedDockerfile, line: number): string[] {
  const block: string[] = [];
  for (let n = line - 1; n >= 1 && df.commentLines.has(n); n--) {
    block.unshift((df.lines[n - 1] ?? '').trim().replace(/^#\s?/, ''));
  }
  return block;
}

const argumentCache = new WeakMap<Instruction, string[]>();
const rawCache = new WeakMap<Instruction, string>();

/**
 * An instruction's arguments (flags excluded), computed once: `dockerfile-ast` recomputes them on
 * every call, and several rules ask.
 */
export function argumentsOf(instruction: DockerInstruction): string[] {
  let args = argumentCache.get(instruction.node);
  if (!args) {
    args = instruction.node.getArguments().map((a) => a.getValue());
    argumentCache.set(instruction.node, args);
  }
  return args;
}

/** An instruction's argument text as written (flags excluded; '' when none), computed once. */
export function rawArguments(instruction: DockerInstruction): string {
  let raw = rawCache.get(instruction.node);
  if (raw === undefined) {
    raw = instruction.node.getRawArgumentsContent() ?? '';
    rawCache.set(instruction.node, raw);
  }
  return raw;
}

/** The first line of an instruction whose text matches, for findings that point inside a RUN. */
export function lineMatching(df: ParsedDockerfile, instruction: DockerInstruction, pattern: RegExp): number {
  for (let n = instruction.line; n <= instruction.endLine; n++) {
    if (pattern.test(df.lines[n - 1] ?? '')) return n;
  }
  return instruction.line;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The line of a RUN where a command is written: its name and first argument if on one line, else its name. */
export function lineOfCommand(df: ParsedDockerfile, instruction: DockerInstruction, command: ShellCommand): number {
  const name = escapeRegExp(command.name);
  const sub = command.args.find((a) => !a.startsWith('-'));
  if (sub !== undefined) {
    const both = new RegExp(`(?<![\\w-])${name}(?![\\w-])[^&|;]*(?<![\\w-])${escapeRegExp(sub)}(?![\\w-])`);
    const line = lineMatching(df, instruction, both);
    if (both.test(df.lines[line - 1] ?? '')) return line;
  }
  return lineMatching(df, instruction, new RegExp(`(?<![\\w-])${name}(?![\\w-])`));
}

/** 1-based column of a position in the tree. */
export function column(position: { character: number }): number {
  return position.character + 1;
}

const HEREDOC = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;
const SHELLS = new Set(['', 'sh', 'bash', 'dash', 'ash', '/bin/sh', '/bin/bash', '/usr/bin/env']);

function execFormScript(raw: string): string | undefined {
  if (!raw.trimStart().startsWith('[')) return undefined;
  try {
    const argv: unknown = JSON.parse(raw);
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return undefined;
    const words = argv as string[];
    if (words.length >= 3 && SHELLS.has(words[0]!) && words[1] === '-c') return words[2];
    return words.map((w) => (/[\s'"$|&;<>()]/.test(w) ? `'${w.replace(/'/g, `'\\''`)}'` : w)).join(' ');
  } catch {
    return undefined;
  }
}

function computeRunScript(df: ParsedDockerfile, instruction: DockerInstruction): RunScript {
  const node = instruction.node as Run;
  const mounts: Mount[] = [];
  for (const flag of node.getFlags()) {
    if (flag.getName() !== 'mount') continue;
    const options = new Map(flag.getOptions().map((o) => [o.getName(), o.getValue() ?? '']));
    mounts.push({ type: options.get('type') ?? 'bind', target: options.get('target') ?? options.get('dst') ?? options.get('destination'), id: options.get('id'), from: options.get('from') });
  }
  const raw = rawArguments(instruction);
  const exec = execFormScript(raw);
  const commandsOf = (shell: string): ShellCommand[] => expandPrograms(parseShell(shell), instruction.scope);
  if (exec !== undefined) {
    return { shell: exec, text: exec, mounts, commands: commandsOf(exec) };
  }
  const escape = df.ast?.getEscapeCharacter() ?? '\\';
  const rawLines = raw.split(/\r?\n/);
  const first = rawLines[0] ?? '';
  const heredocs = [...first.matchAll(HEREDOC)].map((m) => m[2]!);
  if (heredocs.length) {
    // `RUN <<EOF` runs the body with the shell; `RUN python3 <<EOF` feeds it to another program.
    const command = first.replace(HEREDOC, ' ').trim();
    const shellBody = SHELLS.has(command.split(/\s+/)[0] ?? '');
    const bodies: string[] = [];
    let i = 1;
    for (const name of heredocs) {
      const body: string[] = [];
      for (; i < rawLines.length && rawLines[i]!.trim() !== name; i++) body.push(rawLines[i]!);
      i++;
      bodies.push(joinContinuations(body, escape).join('\n'));
    }
    const shell = [command, ...(shellBody ? bodies : [])].join('\n');
    return { shell, text: [command, ...bodies].join('\n'), mounts, commands: commandsOf(shell) };
  }
  const shell = joinContinuations(rawLines, escape).join('\n');
  return { shell, text: shell, mounts, commands: commandsOf(shell) };
}

/** Joins `\`-continued lines into one and drops comment lines inside them, as Docker does. */
function joinContinuations(lines: string[], escape: string): string[] {
  const out: string[] = [];
  let current = '';
  let continued = false;
  for (const line of lines) {
    if (continued && /^\s*#/.test(line)) continue;
    const trimmed = line.replace(/\s+$/, '');
    if (trimmed.endsWith(escape)) {
      current += trimmed.slice(0, -escape.length) + ' ';
      continued = true;
    } else {
      out.push(current + line);
      current = '';
      continued = false;
    }
  }
  if (current) out.push(current);
  return out;
}

const scripts = new WeakMap<Instruction, RunScript>();

/** A RUN instruction's script, mounts and commands (computed once per instruction). */
export function runScript(df: ParsedDockerfile, instruction: DockerInstruction): RunScript {
  let script = scripts.get(instruction.node);
  if (!script) {
    script = computeRunScript(df, instruction);
    scripts.set(instruction.node, script);
  }
  return script;
}

/** Every RUN in the file with its stage index. */
export function runs(df: ParsedDockerfile): DockerInstruction[] {
  return df.instructions.filter((i) => i.keyword === 'RUN' && i.stage >= 0);
}
