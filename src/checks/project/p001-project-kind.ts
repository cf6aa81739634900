// OEP45-P001: a repository that says it is not an OEP-45 service (`kind: tool` in .oep45.yml) is
// not held to what only a service owes; without a word about it, a reader of the report could
// take the missing settings and operations-manual findings for a clean service. One notice says
// which rules did not run and why.

import type { Rule } from '../rule.js';
import { SERVICE_RULES_TEXT } from '../service-scope.js';

export const p001ProjectKind: Rule = {
  meta: {
    id: 'OEP45-P001',
    title: 'The repository is checked as an OEP-45 service',
    severity: 'notice',
    area: 'project',
    help: 'Nothing to fix when the repository really is not a service. For a service, remove `kind: tool` from .oep45.yml so that every rule runs.',
  },
  check(ctx) {
    const { project } = ctx;
    if (project.kind !== 'tool') return [];
    return [
      {
        message: `not an OEP-45 service (${project.configFile ?? '.oep45.yml'} says \`kind: tool\`): the service rules did not run (${SERVICE_RULES_TEXT}); the workflows, the changelog's shape and any image's Dockerfile are still checked`,
        file: project.configFile ?? '.oep45.yml',
        line: kindLine(ctx.readFile(project.configFile ?? '.oep45.yml')),
      },
    ];
  },
};

/** The line of the `kind:` key, so the annotation lands on it. */
function kindLine(text: string | undefined): number {
  const lines = (text ?? '').split('\n');
  const at = lines.findIndex((l) => /^kind\s*:/.test(l));
  return at < 0 ? 0 : at + 1;
}
