// Machine-readable results: what `--format json` prints and the action's JSON outputs hold.

import type { PipelineResult } from '../pipeline.js';
import { buildMatrix } from '../plan/matrix.js';

/**
 * `{findings, summary: {errors, warnings, notices, metrics, baseline?}}`; each finding carries its
 * `fingerprint`, and `baselineState` (new, unchanged) when the run compared with a baseline, whose
 * counts and fixed entries are in `summary.baseline`.
 */
export function checkJson(result: PipelineResult): object {
  const comparison = result.triage?.baseline;
  return {
    findings: result.findings,
    summary: {
      errors: result.counts.errors,
      warnings: result.counts.warnings,
      notices: result.counts.notices,
      metrics: Object.fromEntries(result.metrics.map((m) => [m.label, m.value])),
      ...(comparison
        ? {
            baseline: {
              file: comparison.file,
              new: comparison.new,
              known: comparison.known,
              fixed: comparison.fixed,
              fixedEntries: comparison.fixedEntries.map((e) => ({ rule: e.rule, file: e.file, content: e.content, fixed: e.fixed })),
            },
          }
        : {}),
    },
  };
}

/**
 * The plan: `{context: {kind, release, …}, images: [{name, context, dockerfile, target, platforms,
 * buildArgs, tags, labels, push, …}]}`, keys in that order; a build adds each image's result
 * (status, digest, …) after them. `target` is null when the image has none.
 */
export function planJson(result: PipelineResult): object {
  const context = result.context;
  return {
    context: context
      ? {
          kind: context.kind,
          release: context.release ?? null,
          reason: context.reason,
          event: context.eventName,
          ref: context.ref,
          sha: context.sha,
          date: context.date,
          created: context.created,
          defaultBranch: context.defaultBranch,
          pullRequest: context.pullRequest ?? null,
          publishable: context.publishable,
        }
      : null,
    images: result.images.map((image) => {
      const { name, context: buildContext, dockerfile, target, platforms, buildArgs, tags, labels, push, immutableTags: _internal, ...rest } = image;
      return { name, context: buildContext, dockerfile, target: target ?? null, platforms, buildArgs, tags, labels, push, ...rest };
    }),
  };
}

/** The whole run: checks (when they ran), plan and build results. */
export function resultJson(result: PipelineResult): object {
  const out: Record<string, unknown> = { mode: result.mode };
  if (result.checked) Object.assign(out, checkJson(result));
  if (result.mode !== 'check') {
    Object.assign(out, planJson(result));
    // The reusable workflow's build legs (image × platform), with the default runner labels.
    out.matrix = buildMatrix(result.images);
  }
  out.failures = result.failures;
  return out;
}
