// What the builder can do, read once when the first image builds, and the one place that turns
// what the builder says about itself into capabilities: every other module asks "can it export a
// registry cache, push by digest, build several platforms at once?", never which driver it is.
//
// The facts: `docker buildx inspect` (driver, platforms, the worker's labels) and, for the docker
// driver when the worker does not say, `docker info`'s storage driver type. buildx itself decides
// the docker driver's features the same way (docker/buildx driver/docker/driver.go: cache export,
// OCI exporter and multi-platform exactly when the worker has the containerd snapshotter label),
// and refuses push-by-digest on the docker driver whatever the image store. The text formats are
// buildx's and the engine's own; no library reads them, so the few lines needed are read here.

import type { BuilderKind } from './docker-client.js';

export interface BuilderFacts {
  kind: BuilderKind;
  /** buildx: the builder's driver (`docker`, `docker-container`, `kubernetes`, `remote`, …), when it said. */
  driver?: string;
  /** The engine keeps images in containerd (the containerd image store), when known. */
  containerdStore?: boolean;
  /** The platforms the builder says it builds, in its order; empty when it did not say. */
  platforms: string[];
}

/** Whether the builder can, and the reason, in words a log line can carry. */
export interface Capability {
  can: boolean;
  why: string;
}

export interface BuilderCapabilities {
  facts: BuilderFacts;
  /** `--cache-to type=registry|gha`: a layer cache kept outside the image; else only the inline cache. */
  cacheExport: Capability;
  /** An image exporter with `push-by-digest=true`: a build leg pushed with no tag at all. */
  pushByDigest: Capability;
  /** Several platforms built into one index by one build. */
  multiPlatform: Capability;
  /** The builder pushes as it builds (`--push`, digest in `--metadata-file`); else `docker push` afterwards. */
  pushesItself: boolean;
  /** FROM images come from the engine's image store, so a stale local tag must be pulled first. */
  usesEngineImages: boolean;
}

/** The worker label buildx itself reads as "the engine runs on the containerd image store". */
const SNAPSHOTTER_LABEL = /^\s*org\.mobyproject\.buildkit\.worker\.snapshotter:/m;

/** Driver, platforms and whether the worker runs on the containerd snapshotter, from `docker buildx inspect`. */
export function parseBuildxInspect(text: string): Omit<BuilderFacts, 'kind'> {
  const driver = /^Driver:\s*(\S+)/m.exec(text)?.[1];
  const platforms: string[] = [];
  // One `Platforms:` line per node; `*` marks the platforms a user set on the node.
  for (const line of text.matchAll(/^Platforms:\s*(.*)$/gm)) {
    for (const p of line[1]!.split(',')) {
      const platform = p.trim().replace(/\*$/, '');
      if (platform && !platforms.includes(platform)) platforms.push(platform);
    }
  }
  const facts: Omit<BuilderFacts, 'kind'> = { platforms };
  if (driver) facts.driver = driver;
  // Every BuildKit worker names its snapshotter; the engine's own (the docker driver) only on the containerd store.
  if ((driver ?? 'docker') === 'docker' && SNAPSHOTTER_LABEL.test(text)) facts.containerdStore = true;
  return facts;
}

/**
 * Whether `docker info --format '{{json .DriverStatus}}'` names the containerd snapshotter
 * (`[["driver-type","io.containerd.snapshotter.v1"]]`); undefined when the answer is not that JSON.
 */
export function parseDriverStatus(text: string): boolean | undefined {
  let status: unknown;
  try {
    status = JSON.parse(text.trim() || 'null');
  } catch {
    return undefined;
  }
  if (!Array.isArray(status)) return status === null ? false : undefined;
  return status.some((pair) => Array.isArray(pair) && pair[0] === 'driver-type' && typeof pair[1] === 'string' && pair[1].startsWith('io.containerd.snapshotter'));
}

const yes = (why: string): Capability => ({ can: true, why });
const no = (why: string): Capability => ({ can: false, why });

/** The capabilities of a builder, from what it says about itself (pure: a table drives the unit test). */
export function builderCapabilities(facts: BuilderFacts): BuilderCapabilities {
  if (facts.kind === 'buildkit') {
    return {
      facts,
      cacheExport: no('docker build without buildx writes no cache but the inline one'),
      pushByDigest: no('docker build without buildx cannot push; the image is tagged inputs-<key> and sent with docker push'),
      multiPlatform: no('docker build without buildx builds one platform at a time'),
      pushesItself: false,
      usesEngineImages: true,
    };
  }
  // The docker driver is BuildKit inside the engine (any driver we cannot name is taken as it).
  const engine = facts.driver === undefined || facts.driver === 'docker';
  if (!engine) {
    const driver = `the buildx "${facts.driver}" driver`;
    return {
      facts,
      cacheExport: yes(`${driver} exports caches`),
      pushByDigest: yes(`${driver} pushes by digest`),
      multiPlatform: yes(`${driver} builds several platforms at once`),
      pushesItself: true,
      usesEngineImages: false,
    };
  }
  const store = facts.containerdStore
    ? 'the buildx "docker" driver with the containerd image store'
    : 'the buildx "docker" driver with the engine\'s classic image store';
  const fix = 'turn on the engine\'s containerd image store, or set up a docker-container builder (docker/setup-buildx-action)';
  return {
    facts,
    cacheExport: facts.containerdStore ? yes(`${store} exports caches`) : no(`${store} exports no cache but the inline one (${fix})`),
    pushByDigest: no('the buildx "docker" driver does not push by digest; the image is pushed under its tag inputs-<key>'),
    multiPlatform: facts.containerdStore ? yes(`${store} builds several platforms at once`) : no(`${store} builds one platform at a time (${fix})`),
    pushesItself: true,
    usesEngineImages: true,
  };
}

/** `os/arch[/variant]`, with arm64's default variant v8 left out, as BuildKit normalises it. */
function normalPlatform(platform: string): string {
  return platform.trim().toLowerCase().replace(/^(\w+\/arm64)\/v8$/, '$1');
}

/**
 * The requested platforms the builder does not list (none when it listed nothing). A platform
 * without a variant is listed when the builder lists it with any variant (`linux/arm` by `linux/arm/v7`).
 */
export function unlistedPlatforms(listed: readonly string[], requested: readonly string[]): string[] {
  if (!listed.length) return [];
  const have = listed.map(normalPlatform);
  return requested.filter((p) => {
    const want = normalPlatform(p);
    return !have.some((h) => h === want || (want.split('/').length === 2 && h.startsWith(`${want}/`)));
  });
}

/** One line for the debug log and the benchmark's machine line: the builder and what it can do. */
export function describeBuilder(program: string, caps: BuilderCapabilities): string {
  const { facts } = caps;
  const what =
    facts.kind === 'buildkit'
      ? `${program}: docker build with BuildKit, no buildx`
      : `${program} buildx, "${facts.driver ?? 'unknown'}" driver${facts.driver === 'docker' || !facts.driver ? (facts.containerdStore ? ', containerd image store' : ', classic image store') : ''}`;
  const flag = (name: string, c: Capability): string => `${name} ${c.can ? 'yes' : 'no'}`;
  const platforms = facts.platforms.length ? `; platforms ${facts.platforms.join(', ')}` : '';
  return `${what} (${flag('cache export', caps.cacheExport)}, ${flag('push by digest', caps.pushByDigest)}, ${flag('multi-platform', caps.multiPlatform)}${platforms})`;
}
