// The GitHub workflows a repository keeps in `project.workflowsDir` (default .github/workflows),
// parsed once for every W-rule with positions, plus the walks the rules share: every job, every
// step, the value of a key and the line it is on. The `yaml` package keeps each node's offsets;
// GitHub's own parser (@actions/workflow-parser) is a test-only dependency, too big for the
// bundle, and reports schema errors rather than the policy questions these rules ask.

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { CheckContext } from '../context.js';

export interface WorkflowFile {
  /** Path relative to the project root, forward slashes. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export interface At {
  line: number;
  column: number;
}

export interface JobRef {
  id: string;
  /** The job's mapping. */
  node: YAMLMap;
  /** The job id's key node, for positions. */
  key: Node;
}

export interface StepRef {
  job: JobRef;
  index: number;
  node: YAMLMap;
}

const EXTENSIONS = ['.yml', '.yaml'];

/**
 * Every workflow file of the project that is valid YAML with a mapping at the top. A file that is
 * not is left to GitHub, which refuses to run it and says why; these rules audit what would run.
 */
export function workflowFiles(ctx: CheckContext): WorkflowFile[] {
  return ctx.memo('workflows:files', () => {
    const dir = ctx.project.workflowsDir;
    const out: WorkflowFile[] = [];
    for (const name of ctx.list(dir)) {
      if (!EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
      const file = dir === '.' ? name : `${dir}/${name}`;
      const text = ctx.readFile(file);
      if (text === undefined) continue;
      const parsed = parseWorkflow(file, text);
      if (parsed) out.push(parsed);
    }
    return out;
  });
}

export function parseWorkflow(file: string, text: string): WorkflowFile | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, keepSourceTokens: false });
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  return { file, text, doc, lines };
}

/** Line and column (1-based) of a node, or of the document start when it has no range. */
export function at(wf: WorkflowFile, node: unknown): At {
  const offset = (node as Node | undefined)?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = wf.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

export function atOffset(wf: WorkflowFile, offset: number): At {
  const pos = wf.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The pair whose key is `key` in a mapping node, if any. */
export function pair(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function value(node: unknown, key: string): unknown {
  return pair(node, key)?.value;
}

/** The plain value of a scalar node, else undefined. */
export function scalar(node: unknown): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
}

export function root(wf: WorkflowFile): YAMLMap {
  return wf.doc.contents as YAMLMap;
}

export function jobs(wf: WorkflowFile): JobRef[] {
  const node = value(root(wf), 'jobs');
  if (!isMap(node)) return [];
  const out: JobRef[] = [];
  for (const p of node.items) {
    if (isScalar(p.key) && isMap(p.value)) out.push({ id: String(p.key.value), node: p.value, key: p.key });
  }
  return out;
}

export function steps(wf: WorkflowFile): StepRef[] {
  const out: StepRef[] = [];
  for (const job of jobs(wf)) {
    const list = value(job.node, 'steps');
    if (!isSeq(list)) continue;
    list.items.forEach((item, index) => {
      if (isMap(item)) out.push({ job, index, node: item });
    });
  }
  return out;
}

/** Event names the workflow runs on: `on: push`, `on: [push, pull_request]` or `on: {push: …}`. */
export function events(wf: WorkflowFile): Array<{ name: string; node: Node }> {
  const on = value(root(wf), 'on');
  if (isScalar(on)) return [{ name: String(on.value), node: on }];
  if (isSeq(on)) return on.items.filter(isScalar).map((n) => ({ name: String(n.value), node: n }));
  if (isMap(on)) return on.items.filter((p) => isScalar(p.key)).map((p) => ({ name: String((p.key as { value: unknown }).value), node: p.key as Node }));
  return [];
}

/** `uses:` values of steps and of jobs that call a reusable workflow, with their nodes. */
export function usesRefs(wf: WorkflowFile): Array<{ uses: string; node: Node; where: string }> {
  const out: Array<{ uses: string; node: Node; where: string }> = [];
  for (const job of jobs(wf)) {
    const node = value(job.node, 'uses');
    if (isScalar(node) && typeof node.value === 'string') out.push({ uses: node.value, node, where: `job ${job.id}` });
  }
  for (const step of steps(wf)) {
    const node = value(step.node, 'uses');
    if (isScalar(node) && typeof node.value === 'string') out.push({ uses: node.value, node, where: `job ${step.job.id}, step ${step.index + 1}` });
  }
  return out;
}
