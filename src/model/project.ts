// The Project model: everything the checks, the planner and the builder need to know about one
// repository, whatever it was loaded from (inputs, .oep45.yml, images-data.json, auto-detection).

import type { SettingsPackage } from './settings-package.js';
import type { RepoFiles } from '../files/repo-files.js';

export type RuleLevel = 'off' | 'error' | 'warning' | 'notice';
/** `new`: errors and warnings the baseline does not list (src/report/baseline.ts). */
export type FailOn = 'error' | 'warning' | 'never' | 'new';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never', 'new'];

export const DEFAULT_BASELINE = '.oep45-baseline.json';
export type CacheBackend = 'registry' | 'gha' | 'inline' | 'none';

/** Where a part of the model came from; shown in reports so users know what to edit. */
export type ConfigSource = 'inputs' | '.oep45.yml' | 'images-data.json' | 'auto';

export interface ImageSpec {
  /** Repository name under each registry, e.g. `credentials` or `credentials-dev`. */
  name: string;
  /** Build context, relative to the project root ('.' for the root). */
  context: string;
  /** Dockerfile, relative to the project root. */
  dockerfile: string;
  target?: string;
  platforms: string[];
  buildArgs: Record<string, string>;
  /** Set on a development variant: the name of the image it derives from. */
  variantOf?: string;
  /** Owning team's e-mail (images-data.json's `owning_team_email`). */
  owner?: string;
  description?: string;
  /** Where this image was declared, for error messages. */
  declaredIn: ConfigSource;
}

export interface TagTemplates {
  /** Tag templates per build kind; see src/release/ and docs/tags.md. Unknown kinds keep defaults. */
  [kind: string]: unknown;
}

export interface BuildOptions {
  cache: CacheBackend;
  cacheFrom: string[];
  cacheTo: string[];
  /** Where `cacheFrom` and `cacheTo` came from (a pull request's `.oep45.yml` is its own: src/image/cache-policy.ts). */
  cacheFromSource?: 'inputs' | '.oep45.yml';
  cacheToSource?: 'inputs' | '.oep45.yml';
  /** False in a pull-request build: the layer cache is read, never written. */
  writeCache?: boolean;
  force: boolean;
  /** Seconds; reuse an existing image only when younger than this. */
  maxAgeSeconds?: number;
  allowOverwrite: boolean;
}

export interface ProjectMetadata {
  description?: string;
  licenses?: string;
  url?: string;
  source?: string;
  vendor?: string;
}

/** `tool`: a repository that says it is not an OEP-45 service (`kind: tool` in .oep45.yml). */
export type ProjectKind = 'service' | 'tool';

/** What kind of repository it is, as found from its shape (src/config/project-kind.ts). */
export type RepositoryKind = 'service' | 'images' | 'frontend-app' | 'tutor-plugin' | 'django-plugin' | 'python-library' | 'javascript-package' | 'unknown';

export interface ProjectScope {
  kind: RepositoryKind;
  /** The service rules (settings, changelog, operations manual) apply. */
  service: boolean;
  /** Why it is not a service, in a few words; empty for a service. */
  why: string;
}

export interface Project {
  /** Absolute path of the repository (or service) root. */
  root: string;
  /** What the repository says it is; absent means a service. */
  kind?: ProjectKind;
  /** Service name, e.g. `credentials`. */
  name: string;
  /** Environment prefix, e.g. `CREDENTIALS` for `CREDENTIALS_CFG_PATH`. */
  appName: string;
  /** `app-name:` was set in .oep45.yml; otherwise the settings' own variable names the app. */
  appNameConfigured?: boolean;
  /** What kind of repository it is; absent in hand-made projects (tests), which are services. */
  scope?: ProjectScope;
  sources: ConfigSource[];
  /** Relative path of the .oep45.yml that was read, if any. */
  configFile?: string;
  /** Relative path of the images-data.json that was read, if any. */
  imagesDataFile?: string;
  images: ImageSpec[];
  /** The Django settings packages, found from Django's pointers or configured (`settings:`), pointed-at first. */
  settings?: SettingsPackage[];
  /** Relative path of the changelog file or scriv folder, when one was found or configured. */
  changelog?: string;
  operationsDir: string;
  workflowsDir: string;
  rules: Record<string, RuleLevel>;
  failOn: FailOn;
  /**
   * Path of the baseline relative to the root, and whether the inputs or the config named it
   * (the loader always sets it; absent means the default `.oep45-baseline.json`).
   */
  baseline?: { file: string; named: boolean };
  registries: string[];
  tags: TagTemplates;
  labels: Record<string, string>;
  metadata: ProjectMetadata;
  build: BuildOptions;
  /**
   * The reader the project was loaded through (src/files/repo-files.ts); the checks read through
   * it too, so that a file refused while loading (a changelog linked out of the repository) is
   * reported by OEP45-P002. Absent in hand-made projects (tests): the checks make their own.
   */
  files?: RepoFiles;
}
