// The one pipeline both edges call: load the project, run the checks, classify the build and plan
// every image's tags, then build or publish — or, for the reusable workflow, publish one build leg
// by digest (`push-by-digest`) or merge the legs' digests into one image (`merge`). The edges only
// translate inputs and render results. A build or publish plans first and starts its image steps
// beside the checks, behind a gate that opens when the checks are done (see executePlan's gate).

import type { PipelineInputs, Mode } from './config/inputs.js';
import { loadProject } from './config/load-project.js';
import type { Project } from './model/project.js';
import type { Finding, FindingCounts } from './model/finding.js';
import { countFindings } from './model/finding.js';
import type { ReleaseContext } from './model/release.js';
import type { ImagePlan, ImageResult } from './model/image.js';
import { createCheckContext, type Metric } from './checks/context.js';
import { runChecks } from './checks/run-checks.js';
import { RULES } from './checks/registry.js';
import { resolveReleaseContext } from './release/context.js';
import { planImages } from './release/plan.js';
import { executePlan } from './image/execute.js';
import { legPlatform } from './image/leg.js';
import { checkModeInputs, parseDigests } from './config/mode-inputs.js';
import { mergeImages } from './merge/merge.js';
import { cachePolicy } from './image/cache-policy.js';
import { loadRunBaseline, triageFindings, type Triage } from './report/triage.js';
import { baselineSentence } from './report/baseline.js';
import { UserError } from './util/errors.js';
import type { Log } from './util/log.js';

export interface PipelineOptions {
  log: Log;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run the checks even in plan mode (the demo does: check and plan always). */
  withChecks?: boolean;
  /** Compare with the baseline (default true); `oep45 baseline` reads it itself, or makes it anew. */
  compareBaseline?: boolean;
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
  /** A build leg: images pushed by digest only, their tags left to the merge. */
  pushedByDigest: boolean;
  /** Sentences saying why the run failed; empty when it passed. */
  failures: string[];
  /** Set when the checks ran: the findings' keys, the baseline comparison, a pull request's changed lines. */
  triage?: Triage;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the checks fail the run under `failOn`, or undefined when they do not. */
function checksFailure(result: PipelineResult, failOn: Project['failOn']): string | undefined {
  const { errors, warnings } = result.counts;
  const counted = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  if (failOn === 'never') return undefined;
  if (failOn === 'warning') return errors + warnings > 0 ? `checks failed (fail-on: warning): ${counted}` : undefined;
  if (failOn === 'error') return errors > 0 ? `checks failed (fail-on: error): ${counted}` : undefined;
  const comparison = result.triage?.baseline;
  if (!comparison) return undefined;
  const fresh = result.findings.filter((f) => f.baselineState === 'new' && f.severity !== 'notice');
  if (!fresh.length) return undefined;
  const newErrors = fresh.filter((f) => f.severity === 'error').length;
  return `checks failed (fail-on: new): ${plural(newErrors, 'error')} and ${plural(fresh.length - newErrors, 'warning')} not in the baseline ${comparison.file} (${baselineSentence(comparison)})`;
}

/** Why the checks do not run in this mode, or undefined when they do. */
function checksSkipped(inputs: PipelineInputs): string | undefined {
  const once = "the reusable workflow's plan job ran them once for the whole run, so their annotations are not repeated";
  if (inputs.mode === 'merge') return `checks skipped in merge mode: ${once}`;
  if (inputs.mode === 'publish' && inputs.pushByDigest) return `checks skipped in a push-by-digest build leg: ${once} per leg`;
  return undefined;
}

export async function runPipeline(inputs: PipelineInputs, options: PipelineOptions): Promise<PipelineResult> {
  const env = options.env ?? process.env;
  checkModeInputs(inputs);
  const project = loadProject(inputs, options.cwd);
  // A build leg builds one platform per image: refuse anything else before doing anything.
  if (inputs.mode === 'publish' && inputs.pushByDigest) for (const image of project.images) legPlatform(image);
  if (inputs.mode === 'merge' && project.images.length !== 1) {
    const names = project.images.map((i) => i.name).join(', ');
    throw new UserError(`merge joins the digests of one image: name it with images (CLI --only); ${names ? `this project has ${names}` : 'this project has no image'}`);
  }
  const result: PipelineResult = {
    mode: inputs.mode,
    project,
    checked: false,
    findings: [],
    counts: { errors: 0, warnings: 0, notices: 0 },
    metrics: [],
    rulesRun: [],
    images: [],
    pushedByDigest: inputs.mode === 'publish' && Boolean(inputs.pushByDigest),
    failures: [],
  };

  const planning = inputs.mode !== 'check';
  if (planning) {
    result.context = await resolveReleaseContext(inputs.event, { cwd: project.root, env });
    if (inputs.mode === 'build' || inputs.mode === 'publish') {
      // A pull request's build reads the layer cache and never writes it (cache-policy.ts).
      const policy = cachePolicy(project.build, result.context);
      project.build = policy.build;
      for (const line of policy.lines) options.log.info(line);
    }
  }

  const skipped = checksSkipped(inputs);
  const checking = !skipped && (inputs.mode !== 'plan' || options.withChecks);
  // A build or publish that runs the checks starts its image steps first: their look-ups (input
  // keys, the registry) overlap the checks' work, and the gate holds back every build, push, tag
  // move and log line until the checks are done — and for good when they fail a publish.
  let early: { plans: ImagePlan[]; open: (go: boolean) => void; images: Promise<ImageResult[]> } | undefined;
  if (checking && result.context && (inputs.mode === 'build' || inputs.mode === 'publish')) {
    const plans = await planImages(project, result.context, inputs);
    let open: (go: boolean) => void = () => {};
    const gate = new Promise<boolean>((resolve) => (open = resolve));
    const images = executePlan(plans, { project, inputs, log: options.log, env, context: result.context, gate });
    images.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    early = { plans, open, images };
  }
  try {
    if (skipped) {
      options.log.info(skipped);
    } else if (checking) {
      // Read first: a corrupt or stale baseline stops the run before any rule runs.
      const baseline = options.compareBaseline === false ? undefined : loadRunBaseline(project);
      const ctx = createCheckContext(project, { release: result.context, releaseOverride: inputs.release });
      const outcome = await runChecks(ctx, RULES);
      result.findings = outcome.findings;
      result.metrics = outcome.metrics;
      result.rulesRun = outcome.rulesRun;
      result.counts = countFindings(outcome.findings);
      result.triage = await triageFindings(result.findings, { project, readFile: (rel) => ctx.readFile(rel), baseline, event: inputs.event, env });
      result.findings = result.triage.findings;
      result.counts = countFindings(result.findings);
      // Only now: the gate below lets the image steps go only when the checks are all done.
      result.checked = true;
      const failure = checksFailure(result, project.failOn);
      if (failure) result.failures.push(failure);
    }
  } finally {
    // Nothing that failed its checks gets published (nor anything at all when they could not run).
    early?.open(result.checked && !(inputs.mode === 'publish' && result.failures.length));
  }
  if (!planning || !result.context) return result;

  const plans = early?.plans ?? (await planImages(project, result.context, inputs));
  if (inputs.mode === 'plan') {
    result.images = plans.map((p) => ({ ...p, status: 'planned' }));
    return result;
  }
  if (inputs.mode === 'publish' && result.failures.length) {
    // The early steps stop at the gate; wait for their look-ups to end.
    await early?.images;
    result.images = plans.map((p) => ({ ...p, status: 'skipped', error: 'not published: the checks failed' }));
    return result;
  }
  const run = { project, inputs, log: options.log, env, context: result.context };
  if (inputs.mode === 'merge') {
    const plan = plans[0]!;
    if (!plan.push) {
      const { kind, reason, publishable } = result.context;
      const why = !publishable ? `a ${kind} build never pushes (${reason})` : plan.tags.length ? 'push is false' : 'the plan gives it no tags';
      options.log.info(`${plan.name}: nothing merged or tagged: ${why}`);
      result.images = [{ ...plan, status: 'skipped', error: `not merged: ${why}` }];
      return result;
    }
    result.images = await mergeImages(plans, parseDigests(inputs.digests ?? []), run);
  } else {
    result.images = early ? await early.images : await executePlan(plans, run);
  }
  for (const image of result.images.filter((i) => i.status === 'failed')) {
    result.failures.push(`image ${image.name} failed: ${image.error ?? 'unknown error'}`);
  }
  return result;
}
