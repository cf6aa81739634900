// The one pipeline both edges call: load the project, run the checks, classify the build and plan
// every image's tags, then build or publish. The edges only translate inputs and render results.

import type { PipelineInputs, Mode } from './config/inputs.js';
import { loadProject } from './config/load-project.js';
import type { Project } from './model/project.js';
import type { Finding, FindingCounts } from './model/finding.js';
import { countFindings } from './model/finding.js';
import type { ReleaseContext } from './model/release.js';
import type { ImageResult } from './model/image.js';
import { createCheckContext, type Metric } from './checks/context.js';
import { runChecks } from './checks/run-checks.js';
import { RULES } from './checks/registry.js';
import { resolveReleaseContext } from './release/context.js';
import { planImages } from './release/plan.js';
import { executePlan } from './build/execute.js';
import type { Log } from './util/log.js';

export interface PipelineOptions {
  log: Log;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run the checks even in plan mode (the demo does: check and plan always). */
  withChecks?: boolean;
}

export interface PipelineResult {
  mode: Mode;
  project: Project;
  /** Whether the checks ran (not in plain plan mode). */
  checked: boolean;
  findings: Finding[];
  counts: FindingCounts;
  metrics: Metric[];
  rulesRun: string[];
  context?: ReleaseContext;
  images: ImageResult[];
  /** Sentences saying why the run failed; empty when it passed. */
  failures: string[];
}

function failsPolicy(counts: FindingCounts, failOn: Project['failOn']): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'warning') return counts.errors + counts.warnings > 0;
  return counts.errors > 0;
}

export async function runPipeline(inputs: PipelineInputs, options: PipelineOptions): Promise<PipelineResult> {
  const env = options.env ?? process.env;
  const project = loadProject(inputs, options.cwd);
  const result: PipelineResult = {
    mode: inputs.mode,
    project,
    checked: false,
    findings: [],
    counts: { errors: 0, warnings: 0, notices: 0 },
    metrics: [],
    rulesRun: [],
    images: [],
    failures: [],
  };

  const planning = inputs.mode !== 'check';
  if (planning) {
    result.context = await resolveReleaseContext(inputs.event, { cwd: project.root, env });
  }

  if (inputs.mode !== 'plan' || options.withChecks) {
    const ctx = createCheckContext(project, { release: result.context, releaseOverride: inputs.release });
    const outcome = await runChecks(ctx, RULES);
    result.checked = true;
    result.findings = outcome.findings;
    result.metrics = outcome.metrics;
    result.rulesRun = outcome.rulesRun;
    result.counts = countFindings(outcome.findings);
    if (failsPolicy(result.counts, project.failOn)) {
      const { errors, warnings } = result.counts;
      result.failures.push(
        `checks failed (fail-on: ${project.failOn}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      );
    }
  }
  if (!planning || !result.context) return result;

  const plans = await planImages(project, result.context, inputs);
  if (inputs.mode === 'plan') {
    result.images = plans.map((p) => ({ ...p, status: 'planned' }));
    return result;
  }
  if (inputs.mode === 'publish' && result.failures.length) {
    // Nothing that failed its checks gets published.
    result.images = plans.map((p) => ({ ...p, status: 'skipped', error: 'not published: the checks failed' }));
    return result;
  }
  result.images = await executePlan(plans, { project, inputs, log: options.log, env, context: result.context });
  for (const image of result.images.filter((i) => i.status === 'failed')) {
    result.failures.push(`image ${image.name} failed: ${image.error ?? 'unknown error'}`);
  }
  return result;
}
