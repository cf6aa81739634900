// One image as planned (tags, labels) and, after a build or publish, what became of it.

export interface ImagePlan {
  name: string;
  context: string;
  dockerfile: string;
  target?: string;
  platforms: string[];
  buildArgs: Record<string, string>;
  /** Full references, `registry/namespace/name:tag`, every tag on every registry. */
  tags: string[];
  labels: Record<string, string>;
  push: boolean;
  owner?: string;
  /**
   * Tags (full references, a subset of `tags`) that must never move to a different image once
   * published: a named release's own `<name>.<N>` tags. Not part of the plan JSON.
   */
  immutableTags?: string[];
}

/**
 * planned (plan mode) · built · reused (an image with the same inputs was published) · merged (merge
 * mode: the per-platform images joined into one index and tagged) · failed · skipped.
 */
export type ImageStatus = 'planned' | 'built' | 'reused' | 'merged' | 'failed' | 'skipped';

/** One platform's image inside a merged multi-platform index. */
export interface PlatformManifest {
  platform: string;
  digest: string;
}

export interface ImageResult extends ImagePlan {
  status: ImageStatus;
  digest?: string;
  inputKey?: string;
  seconds?: number;
  cachedSteps?: number;
  totalSteps?: number;
  /** Merge mode: the platform images the index holds (attestations left out). */
  manifests?: PlatformManifest[];
  error?: string;
}
