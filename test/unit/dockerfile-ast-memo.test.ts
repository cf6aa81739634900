// src/util/dockerfile-ast.ts: an instruction's argument list is computed once and every caller
// gets its own copy — the library's own ModifiableInstruction shifts its flags off the array it
// gets, which must not reach the next caller — and one text is parsed once.
import { describe, expect, it } from 'vitest';
import { parseDockerfileText } from '../../src/util/dockerfile-ast.js';

const DOCKERFILE = [
  'ARG BASE=debian:bookworm',
  'FROM ${BASE} AS base',
  'COPY --from=base --chown=app:app a.txt b.txt /app/',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
  'ADD --checksum=sha256:abc https://example.com/x.tar.gz /x.tar.gz',
  'ENV A=1 B="two words"',
  'CMD ["gunicorn", "--bind", "0.0.0.0:8000"]',
  '',
].join('\n');

describe('dockerfile-ast, shared', () => {
  it('gives every caller the same arguments, in its own array, flags left out each time', () => {
    const tree = parseDockerfileText(DOCKERFILE);
    // What dockerfile-ast itself answers (taken from the library without the memo).
    const values = (i: number): string[] => tree.getInstructions()[i]!.getArguments().map((a) => a.getValue());
    const expected = [['BASE=debian:bookworm'], ['${BASE}', 'AS', 'base'], ['a.txt', 'b.txt', '/app/'], ['pip', 'install', '-r', 'requirements.txt'], ['https://example.com/x.tar.gz', '/x.tar.gz'], ['A=1', 'B="two', 'words"'], ['["gunicorn",', '"--bind",', '"0.0.0.0:8000"]']];
    for (let round = 0; round < 3; round++) {
      expect(tree.getInstructions().map((_, i) => values(i))).toEqual(expected);
    }
    const copy = tree.getInstructions()[2]!.getArguments();
    copy.length = 0;
    expect(values(2)).toEqual(['a.txt', 'b.txt', '/app/']);
    expect(tree.getInstructions()[2]!.getArguments()).not.toBe(tree.getInstructions()[2]!.getArguments());
  });

  it('parses one text once, and another text anew', () => {
    const a = parseDockerfileText(DOCKERFILE);
    expect(parseDockerfileText(DOCKERFILE)).toBe(a);
    const b = parseDockerfileText(`${DOCKERFILE}# more\n`);
    expect(b).not.toBe(a);
    expect(b.getComments().map((c) => c.getContent())).toEqual(['more']);
  });

  it('keeps a few trees, not every one', () => {
    const first = parseDockerfileText('FROM scratch\n# 0\n');
    for (let n = 1; n <= 8; n++) parseDockerfileText(`FROM scratch\n# ${n}\n`);
    expect(parseDockerfileText('FROM scratch\n# 0\n')).not.toBe(first);
  });
});
