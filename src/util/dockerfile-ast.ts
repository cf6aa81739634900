// dockerfile-ast, the way this project uses it: every tree read-only, every Dockerfile parsed by
// more than one reader (the Dockerfile rules, the input key). Two costs are taken out, measured on
// the checks benchmark (20 Dockerfiles) and a no-change publish:
//   * dockerfile-ast computes an instruction's argument list again from its text on every call
//     (`getArguments`, and `getRawArguments` beneath every variant of it), and the parser and the
//     rules ask for it again and again: about a third of parsing. The list is kept per
//     instruction; each call still gets its own array (the library's own callers shift it).
//   * The same text is parsed once: the last few trees are kept by text.

import { DockerfileParser, Instruction, type Dockerfile } from 'dockerfile-ast';

const rawArguments = new WeakMap<object, unknown[]>();
const proto = Instruction.prototype as unknown as { getRawArguments(this: object): unknown[] };
const computeRawArguments = proto.getRawArguments;
proto.getRawArguments = function (this: object): unknown[] {
  let args = rawArguments.get(this);
  if (!args) rawArguments.set(this, (args = computeRawArguments.call(this)));
  return args.slice();
};

const KEEP = 8;
const trees = new Map<string, Dockerfile>();

/** The tree of a Dockerfile's text (shared: nobody may change it). */
export function parseDockerfileText(text: string): Dockerfile {
  let tree = trees.get(text);
  if (tree) return tree;
  tree = DockerfileParser.parse(text);
  trees.set(text, tree);
  if (trees.size > KEEP) trees.delete(trees.keys().next().value!);
  return tree;
}
