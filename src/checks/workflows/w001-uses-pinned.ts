// OEP45-W001: an action or reusable workflow referenced by a tag or branch runs whatever that
// ref points at when the job starts; a moved tag (tj-actions/changed-files, 2025) runs an
// attacker's code with the job's secrets. A full commit SHA cannot be moved.

import type { RawFinding, Rule } from '../rule.js';
import { classifyUses } from './uses-ref.js';
import { at, usesRefs, workflowFiles } from './workflow-files.js';

export const w001UsesPinned: Rule = {
  meta: {
    id: 'OEP45-W001',
    title: '`uses:` pinned to a full commit SHA',
    severity: 'warning',
    area: 'workflows',
    help: 'Pin to the full 40-character commit SHA of the release and keep the version in a comment, e.g. `uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0`; Dependabot and Renovate update such pins.',
  },
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const wf of workflowFiles(ctx)) {
      for (const { uses, node, where } of usesRefs(wf)) {
        const { kind, ref } = classifyUses(uses);
        let message: string | undefined;
        if (kind === 'ref') message = `\`${uses}\` (${where}) is pinned to \`${ref}\`, which can be moved; pin a full commit SHA`;
        else if (kind === 'no-ref') message = `\`${uses}\` (${where}) names no version at all; pin a full commit SHA`;
        else if (kind === 'docker-tag') message = `\`${uses}\` (${where}) names a Docker image by tag; pin it by digest (\`@sha256:…\`)`;
        if (message) findings.push({ message, file: wf.file, ...at(wf, node) });
      }
    }
    return findings;
  },
};
