// Several platforms in one build, for real: with buildx, linux/amd64 and linux/arm64 (run under
// Debian's qemu-user-static through binfmt_misc) are built at once and pushed as one index, each
// image with its own architecture in its config and its RUN step run on that architecture. A
// builder that cannot build two platforms at once (BuildKit without buildx) fails that image
// alone, with the reason, and the others go on.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseBuildxInspect } from '../../src/image/capabilities.js';
import { executePlan } from '../../src/image/execute.js';
import { isIndex } from '../../src/registry/media-types.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseReference } from '../../src/registry/reference.js';
import { arm64Busybox, busyboxMultiarchImage } from '../helpers/base-images.js';
import { inputsFor, masterContext, planFor, projectAt, recordingLog, tinyRepo } from '../helpers/build-fixtures.js';
import { BUILDER, describeWithBuilder, DOCKER } from '../helpers/docker-engine.js';
import { imageFile, platformImages } from '../helpers/registry-contents.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

const env = { ...process.env, OEP45_DOCKER: DOCKER };
const PLATFORMS = ['linux/amd64', 'linux/arm64'];

/** Why arm64 cannot be built here, or undefined when it can. */
function arm64Missing(): string | undefined {
  let inspect = '';
  try {
    inspect = execFileSync(DOCKER, ['buildx', 'inspect'], { encoding: 'utf8', stdio: 'pipe' });
  } catch {
    // no answer: no platform listed
  }
  if (!parseBuildxInspect(inspect).platforms.includes('linux/arm64')) {
    return 'the builder lists no linux/arm64: binfmt_misc has no arm64 emulator here (bash .ci/run mounts binfmt_misc and enables qemu-aarch64 of qemu-user-static)';
  }
  return arm64Busybox().missing;
}

describeWithBuilder('several platforms in one build', () => {
  let registry: TestRegistry;
  const client = new RegistryClient();
  const publish = async (dir: string, plans: Parameters<typeof executePlan>[0]) => {
    const log = recordingLog();
    const results = await executePlan(plans, { project: projectAt(dir), inputs: inputsFor('publish'), log, env, context: masterContext() });
    return { results, log };
  };

  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  if (BUILDER === 'buildx') {
    const missing = arm64Missing();
    // Only outside CI may a machine without arm64 emulation skip it, and it says why.
    const test = missing && !process.env.CI ? it.skip : it;
    test(`buildx builds linux/amd64 and linux/arm64 at once: one index, each image of its architecture${missing && !process.env.CI ? ` (${missing})` : ''}`, async () => {
      if (missing) throw new Error(`CI is set but ${missing}`);
      const repo = tinyRepo(`FROM ${busyboxMultiarchImage(DOCKER)}\nRUN uname -m > /arch\nCOPY app.txt /app.txt\n`);
      const tag = `${registry.host}/ns/multi:latest`;
      const { results, log } = await publish(repo.dir, [planFor('multi', [tag], { platforms: PLATFORMS })]);
      const [result] = results;
      // A failure shows the registry's own complaints beside the builder's.
      expect(result!.status, `${result!.error}\n${registry.log().split('\n').filter((l) => /level=error| 5\d\d /.test(l)).slice(0, 5).join('\n')}`).toBe('built');
      expect(log.lines.filter((l) => l.startsWith('warning: '))).toEqual([]);

      const pushed = await platformImages(client, tag);
      expect(isIndex(pushed.mediaType)).toBe(true);
      expect(pushed.digest).toBe(result!.digest);
      expect((await client.headManifest(parseReference(`${registry.host}/ns/multi:inputs-${result!.inputKey}`)))?.digest).toBe(result!.digest);
      expect(pushed.images.map((i) => i.platform).sort()).toEqual(PLATFORMS);
      const uname = { amd64: 'x86_64\n', arm64: 'aarch64\n' };
      for (const image of pushed.images) {
        const arch = image.config.architecture as keyof typeof uname;
        expect(image.config.os).toBe('linux');
        // The RUN step ran on the image's own architecture (arm64 under QEMU), not on the host's.
        expect(await imageFile(client, tag, image, 'arch'), image.platform).toBe(uname[arch]);
        expect(image.config.config?.Labels?.['org.openedx.oep45.input-key']).toBe(result!.inputKey);
      }
    });
  } else {
    it('a builder that cannot build two platforms at once fails that image alone, with the reason', async () => {
      const repo = tinyRepo();
      const { results } = await publish(repo.dir, [planFor('multi', [`${registry.host}/ns/multi:latest`], { platforms: PLATFORMS }), planFor('app', [`${registry.host}/ns/app:latest`])]);
      expect(results.map((r) => r.status)).toEqual(['failed', 'built']);
      expect(results[0]!.error).toBe(
        `building linux/amd64, linux/arm64 at once needs a builder that can, and ${DOCKER} cannot: docker build without buildx builds one platform at a time; or build one platform per job`,
      );
      expect(await client.headManifest(parseReference(`${registry.host}/ns/multi:latest`))).toBeUndefined();
    });
  }
});
