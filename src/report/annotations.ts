// Findings as GitHub annotations on the pull request's diff.

import * as core from '@actions/core';
import type { Finding } from '../model/finding.js';
import { workspacePath } from './paths.js';

export function annotate(findings: readonly Finding[], projectRoot: string, workspace: string): void {
  for (const f of findings) {
    const props: core.AnnotationProperties = {
      title: f.rule,
      file: workspacePath(projectRoot, f.file, workspace),
    };
    if (f.line > 0) props.startLine = f.line;
    if (f.line > 0 && f.column) props.startColumn = f.column;
    if (f.endLine) props.endLine = f.endLine;
    const text = `${f.message}. ${f.help}`;
    if (f.severity === 'error') core.error(text, props);
    else if (f.severity === 'warning') core.warning(text, props);
    else core.notice(text, props);
  }
}
