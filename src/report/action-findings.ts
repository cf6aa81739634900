// What the action writes about the findings, beside the job summary: the annotations GitHub will
// show (chosen by planAnnotations), every finding in a folded log group, the SARIF file for code
// scanning when the `sarif` input asks for one, and the notice about a pull request's changed
// lines. Returns what the job summary says about them.

import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { PipelineResult } from '../pipeline.js';
import { RULE_METAS } from '../checks/registry.js';
import { VERSION } from '../version.js';
import { annotate, ANNOTATION_CAPS, planAnnotations } from './annotations.js';
import { isOnChangedLines } from './changed-lines.js';
import type { SummaryOptions } from './findings-summary.js';
import { workspacePath } from './paths.js';
import { toSarif } from './sarif.js';
import { findingLines } from './text.js';
import { guardLine } from './escape/workflow-commands.js';

export interface ActionFindingsOptions {
  /** The checkout the project is in (annotation and SARIF paths are relative to it). */
  repoRoot: string;
  /** GITHUB_WORKSPACE: where a relative `sarif` path is. */
  workspace: string;
  /** The `sarif` input. */
  sarif?: string;
  env: NodeJS.ProcessEnv;
}

/** Links to a file's line on GitHub at the commit the run checked, when the run knows them. */
function blobLinks(result: PipelineResult, options: ActionFindingsOptions): SummaryOptions['link'] {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = options.env;
  if (!server || !repo || !sha || !/^[0-9a-f]{40,64}$/.test(sha)) return undefined;
  return (file, line) => {
    const path = workspacePath(result.project.root, file, options.repoRoot);
    if (path.startsWith('../')) return undefined;
    return `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}/${path.split('/').map(encodeURIComponent).join('/')}${line > 0 ? `#L${line}` : ''}`;
  };
}

export async function writeActionFindings(result: PipelineResult, options: ActionFindingsOptions): Promise<SummaryOptions> {
  if (!result.checked) {
    if (options.sarif) core.warning(`sarif: no SARIF file written, since the checks did not run in this mode (${result.mode})`);
    return {};
  }
  const caps = { ...ANNOTATION_CAPS };
  // A failed step writes its reason as one more error annotation (core.setFailed).
  if (result.failures.length) caps.error--;
  const notice = result.triage?.changes?.notice;
  if (notice) {
    core.notice(notice, { title: 'Changed lines unknown' });
    caps.notice--;
  }
  const changed = result.triage?.changes?.changed;
  const onlyNew = result.project.failOn === 'new' && Boolean(result.triage?.baseline);
  const plan = planAnnotations(result.findings, { onlyNew, changed: (f) => isOnChangedLines(f, changed), caps });
  annotate(plan.annotated, result.project.root, options.repoRoot);
  if (result.findings.length) {
    await core.group(`All findings (${result.findings.length})`, async () => {
      for (const line of findingLines(result.findings)) core.info(guardLine(line));
    });
  }
  const summary: SummaryOptions = { annotations: { ...plan, onlyNew }, link: blobLinks(result, options) };
  if (options.sarif) {
    const path = isAbsolute(options.sarif) ? options.sarif : resolve(options.workspace, options.sarif);
    const sarif = toSarif(result.findings, RULE_METAS, { projectRoot: result.project.root, workspace: options.repoRoot, version: VERSION });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(sarif, null, 2) + '\n');
    core.setOutput('sarif', path);
    summary.sarif = options.sarif;
  }
  return summary;
}
