// OEP45-D002: a Dockerfile the builder will refuse (or misread) fails late, after the checks said
// "fine". `dockerfile-ast` is a tolerant parser that never rejects input, so this rule looks at its
// tree for what BuildKit would refuse: unknown instructions, instructions before the first FROM,
// a FROM without an image, broken JSON exec forms, missing arguments, duplicate stage names; and
// files that are not text at all.

import type { RawFinding, Rule } from '../rule.js';
import { argumentsOf, column, projectDockerfiles, rawArguments, runScript, type ParsedDockerfile } from './parse.js';
import { MAX_SHELL_NESTING, shellNesting } from './shell.js';

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
/** Instructions that mean nothing without arguments. */
const NEEDS_ARGUMENTS = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
/** Instructions whose `[…]` argument must be a JSON array of strings. */
const JSON_FORMS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL']);
const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;

function isJsonArrayOfStrings(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/** The Dockerfile rules that read a file's instructions, skipped for a template. */
const CONTENT_RULES = 'OEP45-D002 to OEP45-D014';

export function syntaxProblems(df: ParsedDockerfile): RawFinding[] {
  const { file } = df;
  if (df.binary) return [{ message: 'the file is not text (binary content)', file, line: 0 }];
  if (df.parseError) return [{ message: `the Dockerfile could not be parsed: ${df.parseError}`, file, line: 1 }];
  if (df.template) {
    const where = df.template.lines.length ? ` (line${df.template.lines.length === 1 ? '' : 's'} ${shortList(df.template.lines)})` : '';
    return [
      {
        message: `${file} is a ${df.template.engine} template${where}, not a Dockerfile until it is rendered: ${CONTENT_RULES} were skipped`,
        file,
        line: df.template.lines[0] ?? 1,
        severity: 'notice',
        help: 'Nothing to fix here. To check the Dockerfile an image is built from, render the template first (Tutor: `tutor config render` or `tutor images build` output) and name the rendered file in .oep45.yml.',
      },
    ];
  }
  const out: RawFinding[] = [];
  const seenStages = new Map<string, number>();
  for (const instruction of df.instructions) {
    const { keyword, line, node } = instruction;
    const at = { file, line, column: column(node.getInstructionRange().start) };
    if (!KEYWORDS.has(keyword)) {
      out.push({ ...at, message: `unknown instruction "${node.getInstruction()}"` });
      continue;
    }
    if (instruction.stage < 0 && keyword !== 'ARG' && keyword !== 'FROM') {
      out.push({ ...at, message: `${keyword} before the first FROM: only ARG may come before FROM` });
    }
    const args = argumentsOf(instruction);
    const raw = rawArguments(instruction).trim();
    if (NEEDS_ARGUMENTS.has(keyword) && args.length === 0 && !(keyword === 'RUN' && raw)) {
      out.push({ ...at, message: `${keyword} without arguments` });
      continue;
    }
    if ((keyword === 'COPY' || keyword === 'ADD') && args.length < 2) {
      out.push({ ...at, message: `${keyword} needs a source and a destination` });
    }
    if (keyword === 'RUN' && instruction.stage >= 0) {
      const depth = shellNesting(runScript(df, instruction).shell);
      if (depth > MAX_SHELL_NESTING) {
        out.push({ ...at, message: `RUN nests subshells or command substitutions ${depth} deep (more than ${MAX_SHELL_NESTING}): its commands were not analysed by the other Dockerfile rules` });
      }
    }
    if (JSON_FORMS.has(keyword) && raw.startsWith('[') && !raw.startsWith('[[') && !isJsonArrayOfStrings(raw)) {
      out.push({ ...at, message: `${keyword} looks like a JSON exec form but is not a JSON array of strings (Docker would run it as a shell string)` });
    }
    if (keyword === 'FROM') {
      const values = args;
      const flagFree = values.filter((v) => !v.startsWith('--'));
      if (flagFree.length === 0) {
        out.push({ ...at, message: 'FROM without an image' });
      } else if (flagFree.length !== 1 && !(flagFree.length === 3 && flagFree[1]!.toUpperCase() === 'AS')) {
        out.push({ ...at, message: `FROM takes an image and an optional "AS name", not "${flagFree.join(' ')}"` });
      } else if (flagFree.length === 3) {
        const name = flagFree[2]!;
        if (!STAGE_NAME.test(name.toLowerCase())) out.push({ ...at, message: `stage name "${name}" is not valid (letters, digits, "_", "-", "." and starting with a letter)` });
        const earlier = seenStages.get(name.toLowerCase());
        if (earlier !== undefined) out.push({ ...at, message: `stage name "${name}" is already used on line ${earlier}`, equivalent: { buildkit: 'DuplicateStageName' } });
        seenStages.set(name.toLowerCase(), line);
      }
    }
  }
  if (df.stages.length === 0) {
    out.push({ message: 'no FROM instruction: a Dockerfile starts its first stage with FROM', file, line: df.instructions[0]?.line ?? 0 });
  }
  return out;
}

function shortList(lines: readonly number[]): string {
  return lines.length > 6 ? `${lines.slice(0, 6).join(', ')} and ${lines.length - 6} more` : lines.join(', ');
}

export const d002DockerfileSyntax: Rule = {
  meta: {
    id: 'OEP45-D002',
    title: 'Dockerfile parses',
    severity: 'error',
    area: 'dockerfile',
    help: 'Fix the instruction so that `docker build` accepts it; see the Dockerfile reference.',
  },
  check(ctx) {
    return projectDockerfiles(ctx).flatMap(syntaxProblems);
  },
};
