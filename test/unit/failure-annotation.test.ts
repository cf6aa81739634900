// Where the action's own failure is annotated: on the file of the repository that the error names,
// by its path from the repository's top (a service in a subfolder too), or nowhere.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failureAnnotation } from '../../src/report/failure-annotation.js';

const workspace = mkdtempSync(join(tmpdir(), 'oep45-failure-annotation-'));
mkdirSync(join(workspace, '.git'));
mkdirSync(join(workspace, 'services', 'notes'), { recursive: true });
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('failureAnnotation', () => {
  const cases: Array<[string, Parameters<typeof failureAnnotation>[0], string, ReturnType<typeof failureAnnotation>]> = [
    ['a file at the top, line and column', { file: '.oep45.yml', line: 4, column: 5 }, workspace, { title: 'oep45', file: '.oep45.yml', startLine: 4, startColumn: 5 }],
    ['a service in a subfolder: the path from the top', { file: 'images-data.json', line: 12, column: 7 }, join(workspace, 'services', 'notes'), { title: 'oep45', file: 'services/notes/images-data.json', startLine: 12, startColumn: 7 }],
    ['a file with no line', { file: 'Dockerfile' }, workspace, { title: 'oep45', file: 'Dockerfile' }],
    ['a column without a line is dropped', { file: 'Dockerfile', column: 3 }, workspace, { title: 'oep45', file: 'Dockerfile' }],
    ['an absolute path (the event payload) is no file of the repository', { file: '/home/runner/work/_temp/event.json', line: 1 }, workspace, undefined],
    ['a path that climbs out of the repository', { file: '../../etc/passwd', line: 1 }, workspace, undefined],
    ['no position', undefined, workspace, undefined],
  ];
  it.each(cases)('%s', (_name, position, projectRoot, expected) => {
    expect(failureAnnotation(position, projectRoot, workspace)).toEqual(expected);
  });
});
