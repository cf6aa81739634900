import { describe, expect, it } from 'vitest';
import { repositoryRoot, workspacePath } from '../../src/report/paths.js';

describe('repositoryRoot', () => {
  const cases: Array<{ name: string; project: string; gits: string[]; expect: string }> = [
    { name: 'the workspace is the checkout', project: '/w/svc', gits: ['/w/.git'], expect: '/w' },
    { name: 'a checkout in a subfolder of the workspace', project: '/w/repo/svc', gits: ['/w/repo/.git'], expect: '/w/repo' },
    { name: 'the project root is the checkout', project: '/w/repo', gits: ['/w/repo/.git', '/w/.git'], expect: '/w/repo' },
    { name: 'no .git anywhere: the workspace', project: '/w/a/b', gits: [], expect: '/w' },
    { name: 'a .git above the workspace is not looked at', project: '/w/a', gits: ['/.git'], expect: '/w' },
    { name: 'a project outside the workspace: the workspace', project: '/elsewhere/x', gits: ['/elsewhere/x/.git'], expect: '/w' },
  ];
  it.each(cases)('$name', (c) => {
    expect(repositoryRoot(c.project, '/w', (p) => c.gits.includes(p))).toBe(c.expect);
  });

  it('makes annotation paths relative to the checkout, not the workspace', () => {
    const root = repositoryRoot('/w/repo/svc', '/w', (p) => p === '/w/repo/.git');
    expect(workspacePath('/w/repo/svc', 'Dockerfile', root)).toBe('svc/Dockerfile');
  });
});
