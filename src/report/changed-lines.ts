// The lines a pull request changed, so that its annotations show those first (reviewdog's
// `added` filter, applied as an order rather than a filter). The range comes from the event
// payload (`pull_request.base.sha`, `pull_request.head.sha`), the lines from git:
// * the usual checkout of a pull request is its merge commit (GITHUB_SHA), whose first parent is
//   the base branch: the change is HEAD^1 → working tree, and `fetch-depth: 2` is enough;
// * a checkout of the head commit itself compares with where its branch left the base (the merge
//   base), which needs the history back to there (`fetch-depth: 0`).
// When git cannot tell, a notice says why and which depth would do. The patch (`--unified=0`) is
// read by hand: git's patch format is line-based and no library here reads it.

import { readBounded } from '../files/bounded-read.js';
import { SIZE_LIMITS } from '../files/limits.js';
import type { EventInputs } from '../config/inputs.js';
import type { Finding } from '../model/finding.js';
import { Git } from '../git/git.js';
import { PULL_REQUEST_EVENTS } from '../release/classify.js';

export interface PullRequestRange {
  base: string;
  head: string;
}

export interface ChangedLines {
  /** Changed (added or modified) lines per file, paths relative to the project root; a file touched without added lines has an empty set. */
  files: Map<string, Set<number>>;
}

export interface ChangesOutcome {
  changed?: ChangedLines;
  /** Why the changed lines are not known, and how to make them known. */
  notice?: string;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The pull request's base and head commits from the event payload; undefined for other events. */
export function pullRequestRange(event: EventInputs, env: NodeJS.ProcessEnv): PullRequestRange | undefined {
  const explicit = Boolean(event.eventName || event.ref || event.sha || event.pr !== undefined);
  const eventName = explicit ? event.eventName : env.GITHUB_EVENT_NAME;
  const payloadPath = explicit ? event.payloadPath : env.GITHUB_EVENT_PATH;
  if (!eventName || !PULL_REQUEST_EVENTS.has(eventName) || !payloadPath) return undefined;
  let payload: { pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } } };
  try {
    const got = readBounded(payloadPath, SIZE_LIMITS.event);
    if (!('text' in got)) return undefined;
    payload = JSON.parse(got.text) as typeof payload;
  } catch {
    // An unreadable payload is the release module's to report; here it only means no order.
    return undefined;
  }
  const base = payload?.pull_request?.base?.sha;
  const head = payload?.pull_request?.head?.sha;
  if (typeof base !== 'string' || typeof head !== 'string' || !SHA.test(base) || !SHA.test(head)) return undefined;
  return { base, head };
}

/** A path as git prints it: plain, or C-quoted (`"a\"b\303\251"`) when it has unusual characters. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function stripPrefix(path: string): string {
  const plain = unquoteGitPath(path);
  return plain.replace(/^[ab]\//, '');
}

/** Added or modified lines per file of a `git diff --unified=0` patch. */
export function parseUnifiedDiff(patch: string): Map<string, Set<number>> {
  const files = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  let inHeader = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      inHeader = true;
      current = undefined;
      continue;
    }
    if (inHeader) {
      const target = /^(?:\+\+\+ |rename to )(.*)$/.exec(line);
      if (target && target[1] !== '/dev/null') {
        const file = line.startsWith('rename to ') ? unquoteGitPath(target[1]!) : stripPrefix(target[1]!);
        current = files.get(file) ?? new Set<number>();
        files.set(file, current);
      }
      if (!line.startsWith('@@')) continue;
      inHeader = false;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return files;
}

const short = (sha: string): string => sha.slice(0, 7);
const LEAD = "Annotations could not show the pull request's changed lines first";

/** The pull request's changed lines in the project at `root` (the working tree), or why not. */
export async function pullRequestChanges(root: string, range: PullRequestRange, env: NodeJS.ProcessEnv = process.env): Promise<ChangesOutcome> {
  const git = new Git(root, env);
  const repo = await git.repository();
  if (!repo?.head) return { notice: `${LEAD}: the project is not in a git checkout with a commit.` };
  let base: string | undefined;
  let missing: string;
  if (repo.head === range.head) {
    base = await git.mergeBase(range.base, 'HEAD');
    missing = repo.shallow
      ? `the checkout of the head commit ${short(range.head)} is shallow and does not reach back to where the branch left the base ${short(range.base)}. Check out with \`fetch-depth: 0\` (actions/checkout) for that.`
      : `the base commit ${short(range.base)} is not in the checkout.`;
  } else {
    const [first, second] = await Promise.all([git.revParse('HEAD^1'), git.revParse('HEAD^2')]);
    if (second === range.head && first) {
      base = first;
    } else if (!first && repo.shallow) {
      return {
        notice: `${LEAD}: the checkout is shallow, so its commit ${short(repo.head)} (the pull request's merge commit) has no parent to compare with. Check out with \`fetch-depth: 2\` (actions/checkout) for that.`,
      };
    } else {
      base = await git.mergeBase(range.base, 'HEAD');
    }
    missing = repo.shallow
      ? `the checkout is shallow and does not reach the base commit ${short(range.base)}. Check out with \`fetch-depth: 0\` (actions/checkout) for that.`
      : `the base commit ${short(range.base)} is not in the checkout.`;
  }
  if (!base) return { notice: `${LEAD}: ${missing}` };
  const patch = await git.diffSince(base);
  if (patch === undefined) return { notice: `${LEAD}: git could not compare the working tree with ${short(base)}.` };
  return { changed: { files: parseUnifiedDiff(patch) } };
}

/** Whether the finding is on a line the pull request changed; a finding about a whole file, on a file it touched. */
export function isOnChangedLines(finding: Pick<Finding, 'file' | 'line' | 'endLine' | 'members'>, changed: ChangedLines | undefined): boolean {
  if (finding.members) return finding.members.some((m) => isOnChangedLines(m, changed));
  const lines = changed?.files.get(finding.file);
  if (!lines) return false;
  if (finding.line < 1) return true;
  const end = Math.max(finding.line, finding.endLine ?? finding.line);
  for (let n = finding.line; n <= end; n++) if (lines.has(n)) return true;
  return false;
}
