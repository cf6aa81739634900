// The action's upgrade notes (input `upgrade-notes`): on a named release, the notes from the
// previous named release (src/release/previous.ts) to this one, as Markdown for the job summary,
// the `upgrade-notes` output and a file the release workflow can put in the GitHub release body.
// `auto` makes them only for a release tag and says why not otherwise; a ref makes them from that
// ref. A shallow clone (actions/checkout's default) lacks the previous tag: it is fetched alone,
// at depth 1 — the notes compare two trees and need no history in between.

import { Git } from '../git/git.js';
import type { Project } from '../model/project.js';
import { previousRelease } from '../release/previous.js';
import { parseReleaseTag, tagOf } from '../release/refs.js';
import { upgradeNotes } from '../settings/upgrade-notes.js';
import { renderMarkdown } from '../settings/upgrade-render.js';
import { UserError } from '../util/errors.js';
import { mdCellText } from './escape/markdown.js';

export interface UpgradeNotesRequest {
  /** `auto`, or the ref to upgrade from. */
  spec: string;
  project: Project;
  /** GITHUB_REF: the release tag being built. */
  ref?: string;
  /** GITHUB_SERVER_URL and GITHUB_REPOSITORY, for links to the changelog. */
  serverUrl?: string;
  repository?: string;
  env?: NodeJS.ProcessEnv;
}

export type UpgradeNotesOutcome = { made: true; from: string; to: string; markdown: string } | { made: false; reason: string };

async function present(git: Git, ref: string): Promise<boolean> {
  if (await git.revParse(ref)) return true;
  const repository = await git.repository();
  return Boolean(repository?.shallow && (await git.fetchTag(ref)) && (await git.revParse(ref)));
}

export async function actionUpgradeNotes(request: UpgradeNotesRequest): Promise<UpgradeNotesOutcome> {
  const { project } = request;
  if (!project.settings?.length) return { made: false, reason: 'no settings package: not a service with an operator configuration' };
  const git = new Git(project.root, request.env);
  const tag = request.ref ? tagOf(request.ref) : undefined;
  let from = request.spec.trim();
  if (!from || from.startsWith('-')) throw new UserError(`upgrade-notes: "${request.spec}" is neither \`auto\` nor a git ref`);
  if (from === 'auto') {
    const release = tag ? parseReleaseTag(tag) : undefined;
    if (!release) return { made: false, reason: `${request.ref ?? 'this ref'} is not a named release tag` };
    const previous = await previousRelease(git, release);
    if (!previous) return { made: false, reason: `no named release before ${release.version} among the repository's tags` };
    from = previous;
    if (!(await present(git, from))) {
      return { made: false, reason: `the previous release ${from} could not be fetched (check out with fetch-depth: 0)` };
    }
  } else if (!(await present(git, from))) {
    throw new UserError(`upgrade-notes: ${from} is no tag, branch or commit of this repository, nor could it be fetched`);
  }
  const to = tag && (await git.revParse(tag)) ? tag : 'HEAD';
  const notes = await upgradeNotes({
    root: project.root,
    from,
    to,
    configured: project.settings.find((p) => p.foundBy === 'config')?.dir,
    dockerfiles: [...new Set(project.images.map((i) => i.dockerfile))],
    changelog: project.changelog,
    env: request.env,
  });
  const linkBase = request.serverUrl && request.repository ? `${request.serverUrl}/${request.repository}/blob/${notes.to.commit}` : undefined;
  return { made: true, from, to, markdown: limitNotes(renderMarkdown(notes, { linkBase }), { from, to }) };
}

/** Under what a job output and a step summary can hold (1 MiB each), with room for the rest of the summary. */
export const MAX_NOTES = 256 * 1024;

/** Notes longer than MAX_NOTES are cut at a line, and say how to get them whole. */
export function limitNotes(markdown: string, refs: { from: string; to: string }, max = MAX_NOTES): string {
  if (markdown.length <= max) return markdown;
  const cut = markdown.lastIndexOf('\n', max - 400);
  return `${markdown.slice(0, cut)}\n\n**The notes are cut here**: they are too long for a job output. Run <code>oep45 config upgrade --from ${mdCellText(refs.from)} --to ${mdCellText(refs.to)} --format markdown</code> for all of them.\n`;
}
