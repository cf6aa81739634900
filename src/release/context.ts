// Classifies the build from the event, the ref and the date: gathers the facts (event.ts),
// classifies them (classify.ts), applies the moving-tag rule to a named release (newest.ts), and
// fixes the two times a build has: `date` (UTC day of the build, for nightly tags) and `created`
// (the commit's time, for the label; see docs/tags.md for why not the build time).

import type { EventInputs } from '../config/inputs.js';
import type { ReleaseContext } from '../model/release.js';
import { Git } from '../git/git.js';
import { UserError } from '../util/errors.js';
import { classify } from './classify.js';
import { gatherEvent } from './event.js';
import { newestOfLine } from './newest.js';

export interface ContextOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `--date`: a day (`2024-05-01`, taken as UTC midnight) or an ISO timestamp (without an offset it
 * is UTC). Refuses anything else, and days that do not exist (`2024-02-30`).
 */
export function parseBuildDate(text: string | undefined, now: () => Date = () => new Date()): Date {
  if (text === undefined || text.trim() === '') return now();
  const t = text.trim();
  const m = ISO.exec(t);
  const bad = (): never => {
    throw new UserError(`--date: "${text}" is not a date (YYYY-MM-DD) or an ISO timestamp (YYYY-MM-DDTHH:MM:SSZ)`);
  };
  if (!m) return bad();
  const [, y, mo, d, h, mi, s, zone] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return bad();
  if (h === undefined) return day;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return bad();
  const date = new Date(zone ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? bad() : date;
}

/** The reproducible-builds convention: SOURCE_DATE_EPOCH (seconds) fixes every timestamp. */
function sourceDateEpoch(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.SOURCE_DATE_EPOCH?.trim();
  if (!value) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new UserError(`SOURCE_DATE_EPOCH: "${value}" is not a number of seconds`);
  return new Date(Number(value) * 1000).toISOString();
}

export async function resolveReleaseContext(event: EventInputs, options: ContextOptions): Promise<ReleaseContext> {
  const facts = await gatherEvent(event, options);
  const built = parseBuildDate(event.date);
  const classification = classify(facts);
  let reason = classification.reason;
  let release = classification.release;
  // The commit's time and the release line's tags are asked at once.
  const committed = facts.sha ? new Git(options.cwd, options.env).commitTime(facts.sha) : Promise.resolve(undefined);
  if (classification.kind === 'named-release' && release) {
    const verdict = await newestOfLine(release, options);
    release = { ...release, newest: verdict.newest };
    reason += `; ${verdict.reason}`;
  }
  const commitTime = await committed;
  const context: ReleaseContext = {
    kind: classification.kind,
    reason,
    eventName: facts.eventName,
    ref: facts.ref,
    sha: facts.sha,
    date: built.toISOString().slice(0, 10),
    created: sourceDateEpoch(options.env) ?? commitTime ?? built.toISOString(),
    defaultBranch: facts.defaultBranch ?? 'master',
    publishable: classification.publishable,
  };
  if (classification.kind === 'master' || classification.kind === 'nightly') context.defaultBranch = classification.branch!;
  if (release) context.release = release;
  if (facts.pullRequest) context.pullRequest = facts.pullRequest;
  if (facts.repository) context.repository = facts.repository;
  if (facts.repositoryUrl) context.repositoryUrl = facts.repositoryUrl;
  if (facts.license) context.license = facts.license;
  if (facts.repositoryDescription) context.repositoryDescription = facts.repositoryDescription;
  return context;
}
