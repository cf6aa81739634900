import { describe, expect, it } from 'vitest';
import { builderCapabilities, describeBuilder, parseBuildxInspect, parseDriverStatus, unlistedPlatforms, type BuilderFacts } from '../../src/image/capabilities.js';

// `docker buildx inspect` as buildx 0.13 prints it: Debian 13's engine with the containerd image store
// and arm64 registered through binfmt_misc (this project's CI machine).
const DOCKER_CONTAINERD = `Name:          default
Driver:        docker
Last Activity: 2026-12-01 19:58:39 +0000 UTC

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.0.0+unknown
Platforms:        linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/amd64/v4, linux/arm64
Labels:
 org.mobyproject.buildkit.worker.containerd.namespace: moby
 org.mobyproject.buildkit.worker.executor:             containerd
 org.mobyproject.buildkit.worker.moby.host-gateway-ip: 172.17.0.1
 org.mobyproject.buildkit.worker.network:              host
 org.mobyproject.buildkit.worker.snapshotter:          overlayfs
`;

// The same engine on its classic image store (Docker's default before the containerd store).
const DOCKER_CLASSIC = `Name:          default
Driver:        docker
Last Activity: 2025-01-01 00:00:00 +0000 UTC

Nodes:
Name:      default
Endpoint:  default
Status:    running
Buildkit:  v0.12.5
Platforms: linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386
Labels:
 org.mobyproject.buildkit.worker.moby.host-gateway-ip: 172.17.0.1
`;

// What docker/setup-buildx-action makes: a docker-container builder (its worker names a snapshotter too).
const DOCKER_CONTAINER = `Name:          builder-1f2e
Driver:        docker-container
Last Activity: 2025-01-01 00:00:00 +0000 UTC

Nodes:
Name:      builder-1f2e0
Endpoint:  unix:///var/run/docker.sock
Status:    running
Flags:     --allow-insecure-entitlement=network.host
Buildkit:  v0.18.2
Platforms: linux/amd64*, linux/amd64/v2, linux/arm64*
Labels:
 org.mobyproject.buildkit.worker.executor:         oci
 org.mobyproject.buildkit.worker.snapshotter:      overlayfs

Name:      builder-1f2e1
Endpoint:  ssh://arm-runner
Status:    running
Platforms: linux/arm64, linux/arm/v7
`;

describe('parseBuildxInspect', () => {
  const cases: Array<[string, string, ReturnType<typeof parseBuildxInspect>]> = [
    ['docker driver, containerd image store', DOCKER_CONTAINERD, { driver: 'docker', containerdStore: true, platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4', 'linux/arm64'] }],
    ['docker driver, classic image store: the store is not told', DOCKER_CLASSIC, { driver: 'docker', platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/386'] }],
    [
      'docker-container, two nodes: platforms of both, the user marks dropped, no image store',
      DOCKER_CONTAINER,
      { driver: 'docker-container', platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/arm/v7'] },
    ],
    ['an inactive builder lists no platforms', 'Name:   b\nDriver: docker-container\n\nNodes:\nName:      b0\nEndpoint:  unix:///var/run/docker.sock\nStatus:    inactive\nPlatforms: \n', { driver: 'docker-container', platforms: [] }],
    ['no answer', '', { platforms: [] }],
  ];
  for (const [what, text, expected] of cases) it(what, () => expect(parseBuildxInspect(text)).toEqual(expected));
});

describe('parseDriverStatus', () => {
  const cases: Array<[string, boolean | undefined]> = [
    ['[["driver-type","io.containerd.snapshotter.v1"]]', true],
    ['[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]', false],
    ['null', false],
    ['template parsing error: unknown field', undefined],
  ];
  for (const [text, expected] of cases) it(`${text.slice(0, 40)} → ${String(expected)}`, () => expect(parseDriverStatus(text)).toBe(expected));
});

describe('builderCapabilities', () => {
  type Row = [string, BuilderFacts, { cacheExport: boolean; pushByDigest: boolean; multiPlatform: boolean; pushesItself: boolean; usesEngineImages: boolean }];
  const cases: Row[] = [
    ['docker build without buildx', { kind: 'buildkit', platforms: [] }, { cacheExport: false, pushByDigest: false, multiPlatform: false, pushesItself: false, usesEngineImages: true }],
    [
      'buildx, docker driver, containerd image store',
      { kind: 'buildx', driver: 'docker', containerdStore: true, platforms: ['linux/amd64'] },
      { cacheExport: true, pushByDigest: false, multiPlatform: true, pushesItself: true, usesEngineImages: true },
    ],
    [
      'buildx, docker driver, classic image store',
      { kind: 'buildx', driver: 'docker', containerdStore: false, platforms: [] },
      { cacheExport: false, pushByDigest: false, multiPlatform: false, pushesItself: true, usesEngineImages: true },
    ],
    [
      'buildx, docker driver, image store not told: the cautious answers',
      { kind: 'buildx', driver: 'docker', platforms: [] },
      { cacheExport: false, pushByDigest: false, multiPlatform: false, pushesItself: true, usesEngineImages: true },
    ],
    ['buildx, no driver told: taken as the docker driver', { kind: 'buildx', platforms: [] }, { cacheExport: false, pushByDigest: false, multiPlatform: false, pushesItself: true, usesEngineImages: true }],
    [
      'buildx, docker-container driver',
      { kind: 'buildx', driver: 'docker-container', platforms: [] },
      { cacheExport: true, pushByDigest: true, multiPlatform: true, pushesItself: true, usesEngineImages: false },
    ],
    ['buildx, kubernetes driver', { kind: 'buildx', driver: 'kubernetes', platforms: [] }, { cacheExport: true, pushByDigest: true, multiPlatform: true, pushesItself: true, usesEngineImages: false }],
    ['buildx, remote driver', { kind: 'buildx', driver: 'remote', platforms: [] }, { cacheExport: true, pushByDigest: true, multiPlatform: true, pushesItself: true, usesEngineImages: false }],
  ];
  for (const [what, facts, expected] of cases) {
    it(what, () => {
      const c = builderCapabilities(facts);
      expect({ cacheExport: c.cacheExport.can, pushByDigest: c.pushByDigest.can, multiPlatform: c.multiPlatform.can, pushesItself: c.pushesItself, usesEngineImages: c.usesEngineImages }).toEqual(expected);
    });
  }

  it('says why, and how to get what is missing', () => {
    const classic = builderCapabilities({ kind: 'buildx', driver: 'docker', containerdStore: false, platforms: [] });
    expect(classic.cacheExport.why).toBe(
      'the buildx "docker" driver with the engine\'s classic image store exports no cache but the inline one (turn on the engine\'s containerd image store, or set up a docker-container builder (docker/setup-buildx-action))',
    );
    expect(classic.pushByDigest.why).toBe('the buildx "docker" driver does not push by digest; the image is pushed under its tag inputs-<key>');
    expect(builderCapabilities({ kind: 'buildkit', platforms: [] }).multiPlatform.why).toBe('docker build without buildx builds one platform at a time');
  });
});

describe('unlistedPlatforms', () => {
  const listed = ['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/arm/v7'];
  const cases: Array<[string, string[], string[], string[]]> = [
    ['all listed', listed, ['linux/amd64', 'linux/arm64'], []],
    ['arm64/v8 is arm64', listed, ['linux/arm64/v8'], []],
    ['a platform without its variant is listed with one', listed, ['linux/arm'], []],
    ['not listed', ['linux/amd64'], ['linux/amd64', 'linux/arm64', 'linux/s390x'], ['linux/arm64', 'linux/s390x']],
    ['a variant the builder does not list', listed, ['linux/arm/v6'], ['linux/arm/v6']],
    ['the builder listed nothing: nothing to say', [], ['linux/arm64'], []],
  ];
  for (const [what, have, want, expected] of cases) it(what, () => expect(unlistedPlatforms(have, want)).toEqual(expected));
});

describe('describeBuilder', () => {
  it('names the client, the driver, the image store and what it can do', () => {
    const facts = { kind: 'buildx' as const, ...parseBuildxInspect(DOCKER_CONTAINERD) };
    expect(describeBuilder('/usr/bin/docker', builderCapabilities(facts))).toBe(
      '/usr/bin/docker buildx, "docker" driver, containerd image store (cache export yes, push by digest no, multi-platform yes; platforms linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/amd64/v4, linux/arm64)',
    );
    expect(describeBuilder('docker', builderCapabilities({ kind: 'buildkit', platforms: [] }))).toBe(
      'docker: docker build with BuildKit, no buildx (cache export no, push by digest no, multi-platform no)',
    );
  });
});
