// GitHub's own validator for workflows and action.yml (@actions/languageservice, the engine of
// the GitHub Actions VS Code extension, built on @actions/workflow-parser), run offline: schema,
// expressions and the contexts they read, cron, and the inputs and secrets of reusable workflow
// calls, checked against the called workflow's `on.workflow_call` through a file provider that
// reads this checkout. Every diagnostic, warning or error, is reported as `line:col: message`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerLogger, setLogLevel, LogLevel, validate } from '@actions/languageservice';
import type { FileProvider } from '@actions/workflow-parser/workflows/file-provider';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT } from './action.js';

/** `openedx/oep45-action/.github/workflows/X@ref` and `./.github/workflows/X` read this checkout's X. */
export const LOCAL_WORKFLOWS: FileProvider = {
  async getFileContent(ref) {
    if ('repository' in ref && `${ref.owner}/${ref.repository}` !== 'openedx/oep45-action') {
      throw new Error(`not a workflow of this repository: ${ref.owner}/${ref.repository}`);
    }
    return { name: ref.path, content: readFileSync(join(REPO_ROOT, ref.path), 'utf8') };
  },
};

// The language service swallows its own crashes into its log; a crash must fail the test.
const crashes: string[] = [];
registerLogger({ error: (m) => crashes.push(m), warn: () => {}, info: () => {}, log: () => {} });
setLogLevel(LogLevel.Error);

let version = 0;

/**
 * Diagnostics for a workflow (a path under `.github/workflows/`, which is how the service knows
 * it is one) or an action (a path ending in `action.yml`). `path` only names the document.
 */
export async function githubDiagnostics(path: string, content: string, files: FileProvider = LOCAL_WORKFLOWS): Promise<string[]> {
  // The service caches parses by URI alone: every call gets a URI of its own.
  const doc = TextDocument.create(`file:///check-${++version}/${path.replace(/^\/+/, '')}`, 'yaml', 1, content);
  const before = crashes.length;
  const diagnostics = await validate(doc, { fileProvider: files });
  const out = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  return [...out, ...crashes.slice(before).map((m) => `validator crashed: ${m}`)];
}
