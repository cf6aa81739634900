// What a build is, from the facts about its event: master, nightly, a release line, a named
// release, a pull request, or nothing that publishes. Pure: src/release/event.ts gathers the facts.

import type { BuildKind, ReleaseContext, ReleaseInfo } from '../model/release.js';
import { UserError } from '../util/errors.js';
import { branchOf, parseReleaseBranch, parseReleaseTag, tagOf } from './refs.js';

export interface EventFacts {
  eventName: string;
  /** Full ref, `refs/heads/…`, `refs/tags/…`, `refs/pull/…`; empty when none is known. */
  ref: string;
  /** The default branch when the event or the user says it; else `master` and `main` both count. */
  defaultBranch?: string;
  /** A nightly build was asked for (the `nightly` input, or a dispatch input of that name). */
  nightly: boolean;
  pullRequest?: ReleaseContext['pullRequest'];
  /** The ref was deleted (a push that deletes a branch, a deleted release). */
  deleted: boolean;
  /** Where the ref came from, for the reason, e.g. `GITHUB_REF` or `HEAD of the local repository`. */
  refOrigin?: string;
}

export interface Classification {
  kind: BuildKind;
  reason: string;
  publishable: boolean;
  release?: ReleaseInfo;
  /** The branch built, for `{branch}`. */
  branch?: string;
}

export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target']);

/** Events whose ref may publish; any other event (issues, merge_group, …) builds nothing to push. */
export const PUBLISHING_EVENTS: ReadonlySet<string> = new Set([
  'push',
  'create',
  'release',
  'schedule',
  'workflow_dispatch',
  'repository_dispatch',
]);

const RELEASE_BRANCHES = '`open-release/<name>.master` or `release/<name>`';
const RELEASE_TAGS = '`open-release/<name>.<N>` or `release/<name>.<N>`';

function none(reason: string): Classification {
  return { kind: 'none', reason, publishable: false };
}

function isDefaultBranch(branch: string, defaultBranch: string | undefined): boolean {
  return defaultBranch ? branch === defaultBranch : branch === 'master' || branch === 'main';
}

export function classify(facts: EventFacts): Classification {
  const { eventName, ref } = facts;
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    const pr = facts.pullRequest;
    if (!pr) throw new UserError(`${eventName} event without a pull request number: pass --pr N, or the event payload`);
    const fork = pr.fromFork ? ' from a fork' : '';
    return { kind: 'pull-request', reason: `pull request #${pr.number}${fork}: built, never pushed`, publishable: false };
  }
  if (!ref) return none('no git ref: not a git repository, and no --ref (or GITHUB_REF) given');
  if (!PUBLISHING_EVENTS.has(eventName)) return none(`the ${eventName} event does not publish images`);
  if (facts.deleted) return none(`${ref} was deleted`);

  const branch = branchOf(ref);
  if (branch !== undefined) {
    if (isDefaultBranch(branch, facts.defaultBranch)) {
      if (eventName === 'schedule') {
        return { kind: 'nightly', reason: `scheduled build of the default branch ${branch}`, publishable: true, branch };
      }
      if (facts.nightly) {
        return { kind: 'nightly', reason: `nightly build of the default branch ${branch}, asked for by the nightly input`, publishable: true, branch };
      }
      const how = eventName === 'push' ? 'push to' : `${eventName} on`;
      const origin = facts.refOrigin ? ` (${facts.refOrigin})` : '';
      return { kind: 'master', reason: `${how} the default branch ${branch}${origin}`, publishable: true, branch };
    }
    const release = parseReleaseBranch(branch);
    if (release) {
      const scheme = release.scheme === 'open-release' ? 'old scheme' : 'new scheme';
      return { kind: 'release-line', reason: `release branch ${branch} (${scheme}) of ${release.name}`, publishable: true, release, branch };
    }
    const expected = facts.defaultBranch ? `the default branch ${facts.defaultBranch}` : 'the default branch (master or main)';
    const origin = facts.refOrigin ? ` (${facts.refOrigin})` : '';
    return none(`branch ${branch}${origin} is not a publishing ref: neither ${expected} nor a release branch (${RELEASE_BRANCHES})`);
  }

  const tag = tagOf(ref);
  if (tag !== undefined) {
    const release = parseReleaseTag(tag);
    if (release) {
      const scheme = release.scheme === 'open-release' ? 'old scheme' : 'new scheme';
      return { kind: 'named-release', reason: `release tag ${tag} (${scheme})`, publishable: true, release };
    }
    return none(`tag ${tag} is not a publishing ref: not a release tag (${RELEASE_TAGS})`);
  }
  return none(`${ref} is not a publishing ref`);
}
