// What a build is (master, nightly, a release…), decided from the git ref, the event and the
// date by src/release/. The planner turns it into tags and labels per image.

export type BuildKind = 'master' | 'nightly' | 'release-line' | 'named-release' | 'pull-request' | 'none';

export interface ReleaseInfo {
  /** Release name, e.g. `sumac`. */
  name: string;
  /** `2`, `1rc1`, `2a`, `rc1`; absent for a release line. */
  number?: string;
  /** `open-release` (to Sumac) or `release` (Teak on). */
  scheme: 'open-release' | 'release';
  /** `sumac.2`: the release tag's own name without the scheme prefix. */
  version?: string;
  /**
   * Named releases only: true when this is the newest final release of its line among the
   * repository's tags, so moving tags (`sumac`) may move to it. See src/release/newest.ts.
   */
  newest?: boolean;
}

export interface ReleaseContext {
  kind: BuildKind;
  /** Why the build was classified so, e.g. "push to the default branch master". */
  reason: string;
  eventName: string;
  ref: string;
  sha: string;
  /** UTC date of the build, YYYY-MM-DD. */
  date: string;
  /** ISO timestamp used for the `created` label. */
  created: string;
  defaultBranch: string;
  release?: ReleaseInfo;
  pullRequest?: { number: number; headSha?: string; headRef?: string; fromFork: boolean };
  /** False for pull requests and non-publishing refs: nothing may be pushed. */
  publishable: boolean;
  /** `owner/name` of the GitHub repository, when known. */
  repository?: string;
  /** Web address of the repository (`https://github.com/owner/name`), when known. */
  repositoryUrl?: string;
  /** SPDX id of the repository's licence, from the event payload, when GitHub knows it. */
  license?: string;
  /** The repository's description, from the event payload. */
  repositoryDescription?: string;
}
