// The pipeline's inputs, the same whichever edge (action inputs or CLI flags) filled them in.

import type { CacheBackend, FailOn } from '../model/project.js';

export type Mode = 'check' | 'plan' | 'build' | 'publish' | 'merge';
export const MODES: readonly Mode[] = ['check', 'plan', 'build', 'publish', 'merge'];

/** Raw facts about the triggering event; src/release/ classifies them. */
export interface EventInputs {
  eventName?: string;
  ref?: string;
  sha?: string;
  /** ISO date or timestamp of the build; defaults to now. */
  date?: string;
  defaultBranch?: string;
  pr?: number;
  /** Path of the webhook payload (GITHUB_EVENT_PATH). */
  payloadPath?: string;
  repository?: string;
  serverUrl?: string;
  /** A manual dispatch that asks for nightly tags. */
  nightly?: boolean;
}

export interface BuildSecret {
  id: string;
  /** Read from this environment variable… */
  env?: string;
  /** …or from this file. */
  file?: string;
}

export interface RegistryCredential {
  registry: string;
  username: string;
  password: string;
}

export interface PipelineInputs {
  mode: Mode;
  /** Project root; relative paths are resolved against the working directory. */
  dir: string;
  /** Path of the .oep45.yml, relative to `dir`; default `.oep45.yml` when it exists. */
  config?: string;
  failOn?: FailOn;
  /** Path of the baseline file, relative to `dir`; default `.oep45-baseline.json`. */
  baseline?: string;
  /** Single-image overrides, named as in docker/build-push-action. */
  image?: string;
  context?: string;
  file?: string;
  target?: string;
  platforms?: string[];
  buildArgs?: Record<string, string>;
  /** Only these images (by name) from a multi-image project. */
  only?: string[];
  push?: boolean;
  /** Extra tags, as in docker/metadata-action: plain tags or full references. */
  tags?: string[];
  labels?: Record<string, string>;
  registries?: string[];
  cache?: CacheBackend;
  cacheFrom?: string[];
  cacheTo?: string[];
  force?: boolean;
  maxAge?: string;
  allowOverwrite?: boolean;
  /**
   * Publish mode, one build leg of the reusable workflow: push each image (one platform) by
   * digest and under `inputs-<key>` only; no human tag moves (the merge applies them).
   */
  pushByDigest?: boolean;
  /**
   * Use only what this machine has: base images from the local engine, no registry look-ups, no
   * pulls. An image whose base image is not in the engine is skipped, with the reason. The demo
   * runs so; publishing cannot.
   */
  offline?: boolean;
  /** Merge mode: the per-platform image digests (`sha256:…`) to join into one index. */
  digests?: string[];
  event: EventInputs;
  /** `NAME.N`: check as if releasing this named release. */
  release?: string;
  secrets: BuildSecret[];
  credentials: RegistryCredential[];
}
