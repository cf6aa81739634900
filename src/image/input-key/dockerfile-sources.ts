// What a Dockerfile pulls in from outside its context: the images its stages start `FROM` (not
// earlier stages, not `scratch`), and the git repositories it `ADD`s by URL (`ADD <git-url>#<ref>`,
// how the multi-image repositories fetch service code); and which parts of its context it reads
// (context-paths.ts). `ARG` values are substituted as the
// builder would: build args first, then defaults; global ARGs for FROM, a stage's own ARGs and
// ENVs inside it (`ENV A B` legacy form aside).
// Parsed with dockerfile-ast; the `${VAR:-default}` expansion is the builder's small shell subset.

import { ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import { parseDockerfileText } from '../../util/dockerfile-ast.js';
import { isRemoteSource, mountSources, sourcePrefix, type ContextPrefix } from './context-paths.js';

export interface GitSource {
  url: string;
  /** Branch, tag or commit after `#` (BuildKit's `#ref:subdir` form keeps only the ref); HEAD when absent. */
  ref: string;
  line: number;
}

export interface DockerfileSources {
  /** Image references of every FROM that is not a stage, after ARG substitution, in order, unique. */
  images: string[];
  /** FROM lines whose image still holds an unset variable: the key cannot know what they are. */
  unresolved: string[];
  git: GitSource[];
  /** The context paths COPY, ADD and RUN bind mounts read; undefined when that may be the whole context. */
  context?: ContextPrefix[];
}

type Vars = Map<string, string | undefined>;

/** `$X`, `${X}`, `${X:-def}`, `${X-def}`, `${X:+alt}`, `${X+alt}`; unknown stays unknown (undefined). */
export function expandVariables(text: string, vars: Vars): string | undefined {
  let unknown = false;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = vars.get(name);
    const set = op?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    if (op?.endsWith('-')) return set ? value! : (word ?? '');
    if (op?.endsWith('+')) return set ? (word ?? '') : '';
    if (value === undefined) {
      unknown = true;
      return '';
    }
    return value;
  });
  return unknown ? undefined : out;
}

/** BuildKit's test for a git source: a git scheme, `git@`, or an http(s)/file URL ending in `.git`. */
export function parseGitSource(source: string): { url: string; ref: string } | undefined {
  const [url = '', fragment] = source.split('#', 2);
  const isGit = /^git:\/\//.test(url) || /^git@[^:]+:/.test(url) || /^ssh:\/\//.test(url) || (/^(https?|file):\/\//.test(url) && /\.git\/?$/.test(url));
  if (!isGit) return undefined;
  return { url, ref: fragment?.split(':')[0] || 'HEAD' };
}

function unquote(value: string): string {
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** An instruction's `--name=value` flags (dockerfile-ast keeps them apart from the arguments). */
function flagsOf(instruction: Instruction): Array<{ name: string; value: string }> {
  if (!(instruction instanceof ModifiableInstruction)) return [];
  return instruction.getFlags().map((f) => ({ name: f.getName().toLowerCase(), value: f.getValue() ?? '' }));
}

/** The sources of a COPY or ADD: every argument but the destination, in either form. */
function copySources(instruction: Instruction, args: string[]): string[] {
  const raw = instruction.getRawArgumentsContent()?.replace(/^(--\S+\s+)+/, '') ?? '';
  if (raw.trimStart().startsWith('[')) {
    try {
      return (JSON.parse(raw) as string[]).slice(0, -1);
    } catch {
      return [];
    }
  }
  return args.slice(0, -1);
}

function readArg(argument: string, vars: Vars, buildArgs: Record<string, string>, global?: Vars): void {
  const eq = argument.indexOf('=');
  const name = eq < 0 ? argument : argument.slice(0, eq);
  // Own entries only: `ARG constructor` names no build arg, whatever Object.prototype holds.
  if (Object.hasOwn(buildArgs, name)) vars.set(name, buildArgs[name]);
  else if (eq >= 0) vars.set(name, expandVariables(unquote(argument.slice(eq + 1)), vars) ?? '');
  else vars.set(name, global?.get(name));
}

export function dockerfileSources(text: string, buildArgs: Record<string, string> = {}): DockerfileSources {
  const dockerfile = parseDockerfileText(text);
  const global: Vars = new Map();
  let stage: Vars | undefined;
  const stages = new Set<string>();
  const images: string[] = [];
  const unresolved: string[] = [];
  const git: GitSource[] = [];
  const context = new Set<ContextPrefix>();
  let wholeContext = false;
  const reads = (prefix: ContextPrefix | undefined): void => {
    if (prefix === undefined) wholeContext = true;
    else context.add(prefix);
  };
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArguments().map((a) => a.getValue());
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'ARG') {
      for (const arg of args) readArg(arg, stage ?? global, buildArgs, stage ? global : undefined);
    } else if (keyword === 'FROM') {
      const raw = args[0] ?? '';
      const image = expandVariables(raw, global);
      if (image === undefined || image === '') unresolved.push(`line ${line}: FROM ${raw}`);
      else if (image !== 'scratch' && !stages.has(image.toLowerCase()) && !images.includes(image)) images.push(image);
      if (args[1]?.toUpperCase() === 'AS' && args[2]) stages.add(args[2].toLowerCase());
      stage = new Map();
    } else if (keyword === 'ENV' && stage) {
      for (const arg of args) {
        const eq = arg.indexOf('=');
        if (eq > 0) stage.set(arg.slice(0, eq), expandVariables(unquote(arg.slice(eq + 1)), stage) ?? '');
      }
    } else if (keyword === 'ADD' || keyword === 'COPY') {
      // Inside a stage only the stage's own ARGs and ENVs are visible, as in the builder.
      const vars = stage ?? global;
      const fromElsewhere = flagsOf(instruction).some((f) => f.name === 'from');
      for (const source of copySources(instruction, args)) {
        const expanded = expandVariables(source, vars);
        const found = keyword === 'ADD' ? parseGitSource(expanded ?? source) : undefined;
        if (found) git.push({ ...found, line });
        if (fromElsewhere || source.startsWith('<<')) continue;
        if (expanded === undefined) reads(undefined);
        else if (!(keyword === 'ADD' && isRemoteSource(expanded))) reads(sourcePrefix(expanded));
      }
    } else if (keyword === 'RUN') {
      for (const flag of flagsOf(instruction).filter((f) => f.name === 'mount')) {
        const spec = expandVariables(flag.value, stage ?? global);
        for (const prefix of spec === undefined ? [undefined] : mountSources(spec)) reads(prefix);
      }
    } else if (keyword === 'ONBUILD') {
      // Triggers run in another build, with that build's context: keep every file.
      wholeContext = true;
    }
  }
  return wholeContext ? { images, unresolved, git } : { images, unresolved, git, context: [...context].sort() };
}
