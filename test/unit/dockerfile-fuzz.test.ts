// Property: whatever the bytes, the Dockerfile path (parse, shell reading, every rule, the
// suppressions) ends in findings with a file and a line, never in an exception or a rule that
// "could not run". Random text, and random lines built from Dockerfile and shell fragments so
// that the deep paths (continuations, heredocs, substitutions, JSON forms) are reached.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKERFILE_RULES } from '../../src/checks/dockerfile/index.js';
import { parseShell } from '../../src/checks/dockerfile/shell.js';
import { parseDockerfile } from '../../src/checks/dockerfile/parse.js';
import { parseSuppressions } from '../../src/checks/suppressions.js';
import { createCheckContext } from '../../src/checks/context.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { projectAt } from '../helpers/dockerfile-project.js';

const FRAGMENTS = [
  'FROM', 'from', 'RUN', 'ARG', 'ENV', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'WORKDIR', 'ONBUILD', 'HEALTHCHECK', 'SHELL', 'USER', 'LABEL', 'EXPOSE',
  ' ', ' ', ' ', '\\', '\\\n', '\n', '\t', '#', '# oep45-ignore OEP45-D004', '# required: x', '<<EOF', '<<-"EOF"', 'EOF', 'AS', 'as', 'base', 'debian:12',
  '${A}', '${A:-x}', '$A', '$(', ')', '`', '(', '{', '}', '|', '||', '&&', ';', '>', '2>&1', '<(', '"', "'", '[', ']', '["a",', '"b"]',
  '--mount=type=cache,target=/x', '--mount=type=secret,id=t', '--from=base', 'curl', 'wget -qO-', 'sh', 'bash', 'python3', 'pip install', 'npm ci',
  'apt-get update', 'apt-get install -y', 'git clone', 'https://u:p@h/x.sh', 'git@h:o/r.git', '.', '/tmp/x.sh', './x.sh', '-o', 'TOKEN', '=', 'ansible',
];

const KEYWORDS = ['FROM', 'RUN', 'RUN', 'RUN', 'ARG', 'ENV', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'WORKDIR', 'ONBUILD', 'run', '#'];
const fragments = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12, size: 'max' }).map((parts) => parts.join(' '));
const line = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), fragments).map(([k, rest]) => `${k} ${rest}`) },
  { weight: 1, arbitrary: fragments },
);
const dockerfileLike = fc
  .tuple(fc.boolean(), fc.array(line, { maxLength: 25, size: 'max' }))
  .map(([from, lines]) => (from ? ['FROM debian:12 AS base', ...lines] : lines).join('\n'));
const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')));

describe('the Dockerfile parser path never crashes', () => {
  it('parseShell and parseSuppressions take any text', () => {
    fc.assert(
      fc.property(fc.oneof(dockerfileLike, anyText), (text) => {
        parseShell(text);
        parseSuppressions('Dockerfile', text);
        parseDockerfile('Dockerfile', text);
      }),
      { numRuns: 500 },
    );
  });

  it('every rule on any Dockerfile gives findings with file:line, none "could not run"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oep45-fuzz-'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(dockerfileLike, dockerfileLike, anyText), async (text) => {
        writeFileSync(join(dir, 'Dockerfile'), text);
        const { findings } = await runChecks(createCheckContext(projectAt(dir)), DOCKERFILE_RULES);
        const lines = text.split(/\r?\n/).length;
        for (const f of findings) {
          expect(f.message).not.toMatch(/could not run/);
          expect(f.file).toBe('Dockerfile');
          expect(Number.isInteger(f.line) && f.line >= 0 && f.line <= lines).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
