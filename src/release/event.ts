// Gathers the raw facts about the build: event name, ref, SHA, and what the webhook payload says
// (pull request, fork, default branch, dispatch inputs, repository). Three tiers, first wins:
//   1. the edge's explicit inputs (the action passes GITHUB_*; the CLI passes --event/--ref/--sha/--pr);
//   2. the GITHUB_* variables of the environment (the CLI run inside a workflow step);
//   3. the local repository's HEAD (the CLI run on a laptop).
// Flags such as --date, --default-branch and --nightly refine whichever tier answered.

import { readBounded } from '../files/bounded-read.js';
import { describeRefusal } from '../files/repo-files.js';
import { SIZE_LIMITS } from '../files/limits.js';
import type { EventInputs } from '../config/inputs.js';
import type { ReleaseContext } from '../model/release.js';
import { Git } from '../git/git.js';
import { UserError } from '../util/errors.js';
import { parseBoolean } from '../util/lists.js';
import { compareReleaseNumbers, parseReleaseTag } from './refs.js';
import { PULL_REQUEST_EVENTS, type EventFacts } from './classify.js';

/** The parts of a GitHub webhook payload we read; everything optional, payloads differ per event. */
interface RepoPayload {
  full_name?: string;
  default_branch?: string;
  html_url?: string;
  description?: string | null;
  license?: { spdx_id?: string | null } | null;
}
interface Payload {
  number?: number;
  action?: string;
  deleted?: boolean;
  inputs?: Record<string, unknown> | null;
  repository?: RepoPayload;
  pull_request?: {
    number?: number;
    head?: { sha?: string; ref?: string; repo?: RepoPayload | null };
    base?: { repo?: RepoPayload | null };
  };
}

export interface GatheredEvent extends EventFacts {
  sha: string;
  repository?: string;
  repositoryUrl?: string;
  license?: string;
  repositoryDescription?: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function readPayload(path: string | undefined, what: string): Payload {
  if (!path) return {};
  // Bounded before it is read whole: a payload of hundreds of MB (or a FIFO) is refused, not parsed.
  const got = readBounded(path, SIZE_LIMITS.event);
  if ('refused' in got) throw new UserError(`${what}: the event payload ${describeRefusal(path, got.refused, 'event')}`);
  if ('missing' in got) throw new UserError(`${what}: cannot read the event payload ${path}: ${got.code}`);
  const text = got.text;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : {};
  } catch (error) {
    throw new UserError(`${what}: the event payload ${path} is not JSON: ${(error as Error).message}`);
  }
}

/** A full commit SHA, lower-cased; anything else is refused by name. */
function checkSha(sha: string, what: string): string {
  const lower = sha.trim().toLowerCase();
  if (!SHA.test(lower)) throw new UserError(`${what}: "${sha}" is not a full commit SHA (40 hexadecimal digits)`);
  return lower;
}

/**
 * `master` or `open-release/sumac.2` given without `refs/`: the repository says which it is. A
 * release or version tag the repository does not have yet (`release/teak.1`, `v1.4.1`: planning a
 * release before tagging it) is a tag by its shape.
 */
async function fullRef(git: Git, ref: string, what: string): Promise<string> {
  if (ref.startsWith('refs/')) return ref;
  if (await git.revParse(`refs/tags/${ref}`)) return `refs/tags/${ref}`;
  if (await git.revParse(`refs/heads/${ref}`)) return `refs/heads/${ref}`;
  if (parseReleaseTag(ref) || /^v?\d+(\.\d+)+\S*$/.test(ref)) return `refs/tags/${ref}`;
  throw new UserError(`${what}: "${ref}" is neither a tag nor a branch of this repository; give the full ref (refs/heads/${ref} or refs/tags/${ref})`);
}

/** The ref of a checkout: its branch, or on a detached HEAD the newest release tag pointing at it. */
async function headRef(git: Git): Promise<string | undefined> {
  const branch = await git.headRef();
  if (branch) return branch;
  const releases = (await git.tagsAt('HEAD'))
    .map((tag) => ({ tag, release: parseReleaseTag(tag) }))
    .filter((t) => t.release)
    .sort((a, b) => compareReleaseNumbers(b.release!.number!, a.release!.number!));
  return releases[0] ? `refs/tags/${releases[0].tag}` : undefined;
}

function dispatchNightly(payload: Payload): boolean | undefined {
  const value = payload.inputs?.nightly;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return parseBoolean(String(value), 'the workflow_dispatch input `nightly`');
}

function pullRequestOf(eventName: string, ref: string, payload: Payload, explicit: number | undefined): ReleaseContext['pullRequest'] {
  if (!PULL_REQUEST_EVENTS.has(eventName)) return undefined;
  const pr = payload.pull_request;
  const fromRef = /^refs\/pull\/([0-9]+)\//.exec(ref)?.[1];
  const number = explicit ?? pr?.number ?? payload.number ?? (fromRef ? Number(fromRef) : undefined);
  if (number === undefined) return undefined;
  // A deleted fork leaves head.repo null: that is a fork too.
  const fromFork = pr ? (pr.head?.repo?.full_name ?? null) !== (pr.base?.repo?.full_name ?? payload.repository?.full_name ?? null) : false;
  return {
    number,
    fromFork,
    ...(pr?.head?.sha ? { headSha: pr.head.sha } : {}),
    ...(pr?.head?.ref ? { headRef: pr.head.ref } : {}),
  };
}

function isDeleted(eventName: string, payload: Payload): boolean {
  if (payload.deleted === true) return true;
  return eventName === 'release' && (payload.action === 'deleted' || payload.action === 'unpublished');
}

export async function gatherEvent(event: EventInputs, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<GatheredEvent> {
  const { env } = options;
  const git = new Git(options.cwd, env);
  let eventName: string;
  let ref: string | undefined;
  let sha: string | undefined;
  let payloadPath: string | undefined;
  let refWhat: string;
  let shaWhat: string;

  if (event.eventName || event.ref || event.sha || event.pr !== undefined) {
    eventName = event.eventName || (event.pr !== undefined ? 'pull_request' : 'push');
    ref = event.ref || undefined;
    sha = event.sha || undefined;
    payloadPath = event.payloadPath;
    refWhat = event.payloadPath ? 'GITHUB_REF' : '--ref';
    shaWhat = event.payloadPath ? 'GITHUB_SHA' : '--sha';
  } else if (env.GITHUB_EVENT_NAME || env.GITHUB_REF) {
    eventName = env.GITHUB_EVENT_NAME || 'push';
    ref = env.GITHUB_REF || undefined;
    sha = env.GITHUB_SHA || undefined;
    payloadPath = env.GITHUB_EVENT_PATH;
    refWhat = 'GITHUB_REF';
    shaWhat = 'GITHUB_SHA';
  } else {
    eventName = 'push';
    refWhat = 'HEAD';
    shaWhat = '--sha';
  }
  let refOrigin: string | undefined;
  if (ref === undefined && !PULL_REQUEST_EVENTS.has(eventName)) {
    // No ref given: the checkout's own (its branch, or the release tag a detached HEAD is at).
    ref = await headRef(git);
    if (ref) refOrigin = 'HEAD of the local repository';
  }
  ref ??= '';
  if (ref && !ref.startsWith('refs/')) ref = await fullRef(git, ref, refWhat);
  if (sha) sha = checkSha(sha, shaWhat);
  // The ref's commit from the local repository, else HEAD's (a ref not fetched, or not made yet).
  else if (ref && !ref.startsWith('refs/pull/')) sha = (await git.revParse(ref)) ?? (await git.revParse('HEAD'));
  else if (!ref) sha = await git.revParse('HEAD');

  const payload = readPayload(payloadPath, 'GITHUB_EVENT_PATH');
  const repo = payload.repository;
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  // A schedule always runs on the default branch, and its payload does not name it.
  const defaultBranch = event.defaultBranch || repo?.default_branch || (eventName === 'schedule' ? branch : undefined);
  const repository = event.repository || env.GITHUB_REPOSITORY || repo?.full_name || undefined;
  const serverUrl = (event.serverUrl || env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const license = repo?.license?.spdx_id && repo.license.spdx_id !== 'NOASSERTION' ? repo.license.spdx_id : undefined;

  const gathered: GatheredEvent = {
    eventName,
    ref,
    sha: sha ?? '',
    nightly: event.nightly ?? dispatchNightly(payload) ?? false,
    deleted: isDeleted(eventName, payload),
  };
  if (refOrigin) gathered.refOrigin = refOrigin;
  if (defaultBranch) gathered.defaultBranch = defaultBranch;
  const pullRequest = pullRequestOf(eventName, ref, payload, event.pr);
  if (pullRequest) gathered.pullRequest = pullRequest;
  if (repository) {
    gathered.repository = repository;
    gathered.repositoryUrl = repo?.html_url || `${serverUrl}/${repository}`;
  }
  if (license) gathered.license = license;
  if (repo?.description) gathered.repositoryDescription = repo.description;
  return gathered;
}
