// The shell commands inside a RUN instruction, as the Dockerfile rules need them: which programs
// run, with which arguments, which of them are joined by a pipe, and which run inside a command
// substitution (`$(…)`, backticks, `<(…)`). Tokenising (quotes, escapes, operators) is done by
// `shell-quote`; this module only groups its tokens into commands. It is no full shell parser
// (no word expansion, no control-flow semantics): rules look for patterns, never execute.

import { parse as shellParse } from 'shell-quote';

export interface ShellCommand {
  /** Program as written after assignments and wrappers (`sudo`, `env`, …), e.g. `/tmp/x.sh`. */
  program: string;
  /** Basename of the program, e.g. `pip3` for `/usr/bin/pip3`. Empty for a bare assignment. */
  name: string;
  /** Words after the program. */
  args: string[];
  /** `NAME=value` words before the program. */
  assignments: Record<string, string>;
  /** Commands joined by `|` share a pipeline id; `index` is the position in it. */
  pipeline: number;
  index: number;
  /** Targets of `>` / `>>` redirections. */
  redirects: string[];
  /** Commands in `$(…)`, backticks, `<(…)` or `>(…)` within this command's words. */
  substitutions: ShellCommand[];
}

type Token = string | { op: string; pattern?: string } | { comment: string };

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'time', 'command', 'nice', 'eatmydata', 'timeout', 'gosu', 'su-exec']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const CLOSERS = new Set(['fi', 'done', '}', 'esac']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const SEPARATORS = new Set(['&&', '||', ';', '&', ';;', ';&', ';;&']);
const REDIRECTS = new Set(['>', '>>', '<', '>&', '<&', '>|', '<>', '&>', '&>>', '<<<', '<<', '<<-']);

/** Keeps `$NAME` and `${NAME…}` as written instead of expanding them. */
function keepVariable(key: string): string {
  // shell-quote asks for the empty name at `$(`: keep the `$` so that the substitution is seen.
  if (key === '') return '$';
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `$${key}` : `\${${key}}`;
}

/** Backticks become `$(` … `)` so that one code path handles both substitution forms. */
function normaliseBackticks(line: string): string {
  if (!line.includes('`')) return line;
  let out = '';
  let single = false;
  let double = false;
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && !single) {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    if (c === '`' && !single) {
      out += open ? ')' : '$(';
      open = !open;
    } else {
      out += c;
    }
  }
  return open ? out + ')' : out;
}

/** The text of every `$( … )` in a word (balanced parentheses). */
function substitutionsInWord(word: string): string[] {
  const found: string[] = [];
  let i = word.indexOf('$(');
  while (i !== -1) {
    let depth = 0;
    let j = i + 1;
    for (; j < word.length; j++) {
      if (word[j] === '(') depth++;
      else if (word[j] === ')' && --depth === 0) break;
    }
    found.push(word.slice(i + 2, j));
    i = word.indexOf('$(', j);
  }
  return found;
}

function tokenise(line: string): Token[] {
  try {
    return shellParse(normaliseBackticks(line), keepVariable) as Token[];
  } catch {
    // shell-quote throws on nothing we know of; a line it cannot read is treated as plain words.
    return line.split(/\s+/).filter(Boolean);
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Skips a wrapper's own options and arguments (`sudo -u app`, `env -i A=1`, `timeout 10`). */
function skipWrapper(words: string[], start: number): number {
  const wrapper = basename(words[start]!);
  let i = start + 1;
  while (i < words.length) {
    const w = words[i]!;
    if (wrapper === 'sudo' && (w === '-u' || w === '-g')) i += 2;
    else if (w.startsWith('-')) i++;
    else if (wrapper === 'env' && ASSIGNMENT.test(w)) i++;
    else if (wrapper === 'timeout' && /^\d/.test(w)) i++;
    else if ((wrapper === 'gosu' || wrapper === 'su-exec') && i === start + 1) i++;
    else break;
  }
  return i;
}

class Builder {
  commands: ShellCommand[] = [];
  private pipelineId = 0;
  private words: string[] = [];
  private redirects: string[] = [];
  private subs: ShellCommand[] = [];
  private pipeIndex = 0;

  constructor(private readonly counter: { next: number }) {
    this.pipelineId = counter.next++;
  }

  word(w: string): void {
    if (this.words.length === 0 && KEYWORDS.has(w)) return;
    this.words.push(w);
    for (const inner of substitutionsInWord(w)) this.subs.push(...parseScriptLines([inner], this.counter));
  }

  redirect(target: string): void {
    // `2>&1` arrives as "2", ">&", "1": the file descriptor before the operator is no argument.
    if (this.words.length > 1 && /^\d$/.test(this.words[this.words.length - 1]!)) this.words.pop();
    this.redirects.push(target);
    for (const inner of substitutionsInWord(target)) this.subs.push(...parseScriptLines([inner], this.counter));
  }

  substitution(commands: ShellCommand[]): void {
    this.subs.push(...commands);
  }

  /** Ends the current command; `pipe` keeps the pipeline open for the next one. */
  end(pipe: boolean): void {
    const words = this.words;
    let i = 0;
    const assignments: Record<string, string> = {};
    while (i < words.length && ASSIGNMENT.test(words[i]!)) {
      const w = words[i]!;
      assignments[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
      i++;
    }
    while (i < words.length && WRAPPERS.has(basename(words[i]!))) i = skipWrapper(words, i);
    const program = words[i] ?? '';
    if (words.length || this.subs.length) {
      if (!CLOSERS.has(program) || this.subs.length) {
        this.commands.push({
          program,
          name: basename(program),
          args: words.slice(i + 1),
          assignments,
          pipeline: this.pipelineId,
          index: this.pipeIndex,
          redirects: this.redirects,
          substitutions: this.subs,
        });
      }
    }
    this.words = [];
    this.redirects = [];
    this.subs = [];
    if (pipe) {
      this.pipeIndex++;
    } else {
      this.pipeIndex = 0;
      this.pipelineId = this.counter.next++;
    }
  }
}

/** Parses tokens from `start` until a closing `)` at this level; returns the index after it. */
function parseTokens(tokens: Token[], start: number, builder: Builder, counter: { next: number }): number {
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (typeof t === 'string') {
      const next = tokens[i + 1];
      if (t === '$' && next && typeof next === 'object' && 'op' in next && next.op === '(') {
        // Unquoted `$( … )`: the commands inside belong to this command.
        const inner = new Builder(counter);
        i = parseTokens(tokens, i + 2, inner, counter);
        inner.end(false);
        builder.substitution(inner.commands);
        continue;
      }
      builder.word(t);
      i++;
      continue;
    }
    if ('comment' in t) {
      i++;
      continue;
    }
    const op = t.op;
    if (op === 'glob') {
      builder.word(t.pattern ?? '*');
    } else if (op === '|' || op === '|&') {
      builder.end(true);
    } else if (SEPARATORS.has(op)) {
      builder.end(false);
    } else if (op === '(') {
      // A subshell: its commands run like any others.
      builder.end(false);
      i = parseTokens(tokens, i + 1, builder, counter);
      builder.end(false);
      continue;
    } else if (op === ')') {
      return i + 1;
    } else if (op === '<(' || op === '>(') {
      const inner = new Builder(counter);
      i = parseTokens(tokens, i + 1, inner, counter);
      inner.end(false);
      builder.substitution(inner.commands);
      continue;
    } else if (REDIRECTS.has(op)) {
      const target = tokens[i + 1];
      if (typeof target === 'string') {
        builder.redirect(target);
        i++;
      }
    }
    i++;
  }
  return i;
}

function parseScriptLines(lines: string[], counter: { next: number }): ShellCommand[] {
  const builder = new Builder(counter);
  for (const line of lines) {
    if (!line.trim()) continue;
    parseTokens(tokenise(line), 0, builder, counter);
    builder.end(false);
  }
  return builder.commands;
}

/**
 * How deep a script nests `( … )` (subshells, `$( … )`, `<( … )`), counted in one pass over the
 * text, quotes or not: an upper bound of what the parser below would recurse into.
 */
export function shellNesting(script: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < script.length; i++) {
    const c = script.charCodeAt(i);
    if (c === 40 /* ( */) deepest = Math.max(deepest, ++depth);
    else if (c === 41 /* ) */ && depth > 0) depth--;
  }
  return deepest;
}

/**
 * Deeper than any script a person writes (a few levels), far below what would exhaust the stack:
 * a script that nests more is not analysed, and OEP45-D002 says so at its line.
 */
export const MAX_SHELL_NESTING = 64;

/**
 * The commands of a shell script whose line continuations are already joined (one line per
 * logical command line); none for a script nested deeper than MAX_SHELL_NESTING. Never throws.
 */
export function parseShell(script: string): ShellCommand[] {
  if (shellNesting(script) > MAX_SHELL_NESTING) return [];
  return parseScriptLines(script.split('\n'), { next: 0 });
}

/** Every command, including the ones inside substitutions, in order. */
export function allCommands(commands: readonly ShellCommand[]): ShellCommand[] {
  const out: ShellCommand[] = [];
  const visit = (list: readonly ShellCommand[]): void => {
    for (const c of list) {
      out.push(c);
      visit(c.substitutions);
    }
  };
  visit(commands);
  return out;
}

/** Whether a command has an option, as `-x`, `--long` or `--long=value` (short options may be grouped). */
export function hasOption(command: ShellCommand, ...options: string[]): boolean {
  return command.args.some((arg) =>
    options.some((o) => {
      if (o.startsWith('--')) return arg === o || arg.startsWith(`${o}=`);
      if (arg.startsWith('--') || !arg.startsWith('-')) return false;
      return arg === o || arg.slice(1).includes(o.slice(1));
    }),
  );
}

/** Arguments that are not options (a rough cut: words not starting with `-`). */
export function operands(command: ShellCommand): string[] {
  return command.args.filter((a) => !a.startsWith('-'));
}
