// SARIF 2.1.0, so findings can be uploaded to GitHub code scanning. Each result carries the
// finding's fingerprint (src/model/fingerprint.ts) in `partialFingerprints`, with the number of its
// occurrence as CodeQL numbers its own, so that code scanning keeps one alert per finding across
// runs whatever moved above it; and, when the run compared with a baseline, `baselineState`.
// GitHub computes its own `primaryLocationLineHash`: that key is left to it.

import type * as Sarif from 'sarif';
import type { Finding } from '../model/finding.js';
import type { RuleMeta } from '../checks/rule.js';
import { docsUrl } from '../checks/rule.js';
import { workspacePath } from './paths.js';
import { FINGERPRINT_SCHEME } from '../model/fingerprint.js';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' };

export function toSarif(
  findings: readonly Finding[],
  rules: readonly RuleMeta[],
  options: { projectRoot: string; workspace: string; version: string },
): Sarif.Log {
  const used = new Set(findings.map((f) => f.rule));
  const ruleList = rules.filter((r) => used.has(r.id));
  for (const id of used) {
    if (!ruleList.some((r) => r.id === id)) ruleList.push({ id, title: id, severity: 'error', area: 'dockerfile', help: '' });
  }
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const partialFingerprints = (f: Finding): Record<string, string> | undefined => {
    if (!f.fingerprint) return undefined;
    const n = (occurrences.get(f.fingerprint) ?? 0) + 1;
    occurrences.set(f.fingerprint, n);
    return { [FINGERPRINT_SCHEME]: `${f.fingerprint}:${n}` };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'oep45',
            informationUri: 'https://github.com/openedx/oep45-action',
            version: options.version,
            rules: ruleList.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: r.title },
              help: { text: r.help },
              helpUri: docsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: LEVEL[f.severity],
          message: { text: `${f.message}. ${f.help}`.replace(/\.\./g, '.') },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: workspacePath(options.projectRoot, f.file, options.workspace), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: Math.max(1, f.line),
                  ...(f.column ? { startColumn: f.column } : {}),
                  ...(f.endLine ? { endLine: f.endLine } : {}),
                },
              },
            },
          ],
          ...(f.fingerprint ? { partialFingerprints: partialFingerprints(f) } : {}),
          ...(f.baselineState ? { baselineState: f.baselineState } : {}),
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
