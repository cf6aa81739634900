import { describe, expect, it } from 'vitest';
import { chooseDockerClient, type ProbeKind } from '../../src/image/docker-client.js';

/** A probe answering from a table: `program kind` → works. */
const table = (works: string[]) => async (program: string, kind: ProbeKind) => works.includes(`${program} ${kind}`);

describe('chooseDockerClient', () => {
  const cases: Array<[string, Record<string, string>, string[], { program: string; kind: string } | RegExp]> = [
    ['a GitHub runner: docker with buildx', {}, ['docker buildx', 'docker buildkit'], { program: 'docker', kind: 'buildx' }],
    ['this machine: PATH docker has no buildx and refuses BuildKit, the engine client runs it', {}, ['/usr/bin/docker buildkit'], { program: '/usr/bin/docker', kind: 'buildkit' }],
    ['an engine-only machine: PATH docker runs BuildKit itself', {}, ['docker buildkit', '/usr/bin/docker buildkit'], { program: 'docker', kind: 'buildkit' }],
    ['OEP45_DOCKER wins, with buildx', { OEP45_DOCKER: '/opt/docker' }, ['/opt/docker buildx', 'docker buildx'], { program: '/opt/docker', kind: 'buildx' }],
    ['OEP45_DOCKER wins, without buildx', { OEP45_DOCKER: '/opt/docker' }, ['docker buildx'], { program: '/opt/docker', kind: 'buildkit' }],
    ['nothing can build', {}, [], /^no docker client can run BuildKit builds/],
  ];
  for (const [what, env, works, expected] of cases) {
    it(what, async () => {
      const choice = chooseDockerClient(env, table(works));
      if (expected instanceof RegExp) await expect(choice).rejects.toThrow(expected);
      else expect(await choice).toMatchObject(expected);
    });
  }
  it('says why it chose the engine client', async () => {
    const choice = await chooseDockerClient({}, table(['/usr/bin/docker buildkit']));
    expect(choice.why).toBe('docker on PATH has no buildx and refuses BuildKit builds; /usr/bin/docker runs them');
  });
});
