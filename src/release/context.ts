// Classifies the build from the event, the ref and the date. (Foundation version: master and
// pull requests; the release issue completes the Open edX release schemes.)

import type { EventInputs } from '../config/inputs.js';
import type { ReleaseContext } from '../model/release.js';

export interface ContextOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function resolveReleaseContext(event: EventInputs, _options: ContextOptions): Promise<ReleaseContext> {
  const created = event.date ? new Date(event.date) : new Date();
  const eventName = event.eventName ?? 'push';
  const ref = event.ref ?? '';
  const defaultBranch = event.defaultBranch ?? 'master';
  const base = {
    eventName,
    ref,
    sha: event.sha ?? '',
    date: created.toISOString().slice(0, 10),
    created: created.toISOString(),
    defaultBranch,
    repository: event.repository,
  };
  if (eventName === 'pull_request' && event.pr) {
    return { ...base, kind: 'pull-request', reason: `pull request #${event.pr}`, publishable: false, pullRequest: { number: event.pr, fromFork: false } };
  }
  if (ref === `refs/heads/${defaultBranch}`) {
    return { ...base, kind: 'master', reason: `push to the default branch ${defaultBranch}`, publishable: true };
  }
  return { ...base, kind: 'none', reason: ref ? `${ref} is not a publishing ref` : 'no git ref given', publishable: false };
}
