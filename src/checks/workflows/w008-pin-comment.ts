// OEP45-W008: a bare commit SHA says nothing to a reviewer, and neither Dependabot nor Renovate
// can tell which release it is to propose the next one. The convention is a trailing comment
// with the version: `@<sha> # v5.0.0`.

import type { RawFinding, Rule } from '../rule.js';
import { classifyUses } from './uses-ref.js';
import { at, usesRefs, workflowFiles } from './workflow-files.js';

export const w008PinComment: Rule = {
  meta: {
    id: 'OEP45-W008',
    title: 'SHA pin says which version it is',
    severity: 'notice',
    area: 'workflows',
    help: 'Add the release the SHA belongs to as a comment on the same line, e.g. `@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0`.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      for (const { uses, node, where } of usesRefs(wf)) {
        if (classifyUses(uses).kind !== 'sha') continue;
        const end = node.range?.[1] ?? 0;
        const eol = wf.text.indexOf('\n', end);
        const rest = wf.text.slice(end, eol < 0 ? undefined : eol);
        if (/^\s*#\s*\S/.test(rest)) continue;
        findings.push({ message: `\`${uses}\` (${where}) has no comment saying which version the SHA is`, file: wf.file, ...at(wf, node) });
      }
    }
    return findings;
  },
};
