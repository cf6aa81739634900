// Where the action's own failure points, as annotation properties: a UserError with a place in a
// file of the repository (`.oep45.yml:4:5`, `images-data.json:12:7`) becomes an annotation on that
// line of the pull request's diff, as the findings are, not only a line in the log. A place outside
// the repository (the event payload, the runner's temp folder) gets no properties.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AnnotationProperties } from '@actions/core';
import { repositoryRoot } from './paths.js';
import type { SourcePosition } from '../util/errors.js';

export function failureAnnotation(position: SourcePosition | undefined, projectRoot: string, workspace: string): AnnotationProperties | undefined {
  if (!position?.file || isAbsolute(position.file)) return undefined;
  const file = relative(repositoryRoot(projectRoot, workspace), resolve(projectRoot, position.file));
  if (!file || file.startsWith('..') || isAbsolute(file)) return undefined;
  return {
    title: 'oep45',
    file: file.split(sep).join('/'),
    ...(position.line ? { startLine: position.line } : {}),
    ...(position.line && position.column ? { startColumn: position.column } : {}),
  };
}
