import { describe, expect, it } from 'vitest';
import { buildCommand, buildFailure, countSteps, secretSpec, type BuildRequest } from '../../src/image/command.js';

const base: BuildRequest = {
  kind: 'buildkit',
  context: '/p',
  dockerfile: '/p/Dockerfile',
  platforms: [],
  buildArgs: {},
  labels: {},
  tags: [],
  secrets: [],
  cache: { from: [], to: [], inline: false },
  output: 'load',
};

describe('buildCommand', () => {
  const cases: Array<[string, Partial<BuildRequest>, string[]]> = [
    ['the smallest docker build', {}, ['build', '--progress=plain', '--file', '/p/Dockerfile', '/p']],
    [
      'docker build with everything',
      {
        target: 'app',
        platforms: ['linux/amd64'],
        buildArgs: { A: '1', B: 'x=y' },
        labels: { 'org.openedx.oep45.input-key': 'k' },
        tags: ['r/a:inputs-k', 'r/a:latest'],
        secrets: [{ id: 'npm', env: 'NPM_TOKEN' }, { id: 'pip', file: '/tmp/s/pip' }],
        cache: { from: ['r/a:latest'], to: ['ignored'], inline: true },
        iidfile: '/tmp/iid',
      },
      [
        'build', '--progress=plain', '--file', '/p/Dockerfile', '--target', 'app', '--platform', 'linux/amd64',
        '--build-arg', 'A=1', '--build-arg', 'B=x=y', '--build-arg', 'BUILDKIT_INLINE_CACHE=1',
        '--label', 'org.openedx.oep45.input-key=k', '--tag', 'r/a:inputs-k', '--tag', 'r/a:latest',
        '--secret', 'id=npm,env=NPM_TOKEN', '--secret', 'id=pip,src=/tmp/s/pip',
        '--cache-from', 'r/a:latest', '--iidfile', '/tmp/iid', '/p',
      ],
    ],
    [
      'buildx pushing two platforms with a registry cache',
      {
        kind: 'buildx',
        platforms: ['linux/amd64', 'linux/arm64'],
        tags: ['r/a:inputs-k'],
        cache: { from: ['type=registry,ref=r/a:buildcache'], to: ['type=registry,ref=r/a:buildcache,mode=max'], inline: true },
        output: 'push',
        metadataFile: '/tmp/m.json',
      },
      [
        'buildx', 'build', '--progress=plain', '--file', '/p/Dockerfile', '--platform', 'linux/amd64,linux/arm64',
        '--tag', 'r/a:inputs-k', '--cache-from', 'type=registry,ref=r/a:buildcache', '--cache-to', 'type=registry,ref=r/a:buildcache,mode=max',
        '--push', '--metadata-file', '/tmp/m.json', '/p',
      ],
    ],
    ['buildx loading', { kind: 'buildx' }, ['buildx', 'build', '--progress=plain', '--file', '/p/Dockerfile', '--load', '/p']],
    ['buildx keeping the result in the builder', { kind: 'buildx', output: 'none' }, ['buildx', 'build', '--progress=plain', '--file', '/p/Dockerfile', '/p']],
  ];
  for (const [what, change, expected] of cases) {
    it(what, () => expect(buildCommand({ ...base, ...change })).toEqual(expected));
  }

  it('never puts a secret value in argv: only ids, variable names and file paths', () => {
    expect(secretSpec({ id: 'a', env: 'VAR' })).toBe('id=a,env=VAR');
    expect(secretSpec({ id: 'a', file: '/f' })).toBe('id=a,src=/f');
  });
});

describe('countSteps', () => {
  const cases: Array<[string, string, { total: number; cached: number }]> = [
    ['nothing', '', { total: 0, cached: 0 }],
    [
      'docker 20.10 plain progress, all cached',
      [
        '#1 [internal] load build definition from Dockerfile',
        '#3 [internal] load metadata for docker.io/oep45-test/busybox:1',
        '#8 [1/4] FROM docker.io/oep45-test/busybox:1',
        '#4 [2/4] RUN echo one > /one',
        '#4 CACHED',
        '#5 [3/4] RUN --mount=type=secret,id=tok wc -c /run/secrets/tok',
        '#5 CACHED',
        '#7 [4/4] COPY Dockerfile /d',
        '#7 CACHED',
      ].join('\n'),
      { total: 3, cached: 3 },
    ],
    [
      'multi-stage, some cached, step lines repeated',
      [
        '#5 [base 1/3] FROM docker.io/library/debian:bookworm',
        '#6 [base 2/3] RUN apt-get update',
        '#6 CACHED',
        '#7 [base 3/3] RUN useradd app',
        '#7 CACHED',
        '#8 [app 1/2] WORKDIR /app',
        '#9 [app 2/2] COPY . /app',
        '#9 sha256:abc',
        '#9 [app 2/2] COPY . /app',
        '#9 DONE 0.1s',
      ].join('\n'),
      { total: 4, cached: 2 },
    ],
    ['a CACHED line of a step that is not a build step', '#3 [internal] load metadata\n#3 CACHED\n', { total: 0, cached: 0 }],
    [
      'buildx, two platforms: the steps of each platform count',
      [
        '#5 [linux/arm64 1/3] FROM localhost/oep45-test/busybox-multiarch:1',
        '#6 [linux/amd64 1/3] FROM localhost/oep45-test/busybox-multiarch:1',
        '#7 [linux/arm64 2/3] RUN uname -m > /arch',
        '#7 CACHED',
        '#8 [linux/amd64 2/3] RUN uname -m > /arch',
        '#8 CACHED',
        '#9 [linux/amd64 3/3] COPY app.txt /app.txt',
        '#10 [linux/arm64 3/3] COPY app.txt /app.txt',
        '#10 DONE 0.0s',
      ].join('\n'),
      { total: 4, cached: 2 },
    ],
  ];
  for (const [what, text, expected] of cases) it(what, () => expect(countSteps(text)).toEqual(expected));
});

describe('buildFailure', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['no error line', '#1 DONE 0.1s\n', undefined],
    [
      'docker 20.10 (BuildKit without buildx): the step\'s error, without its number',
      [
        '#4 0.149 about to fail',
        '#4 ERROR: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
        '------',
        ' > [2/2] RUN echo about to fail && exit 3:',
        '------',
        'process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
      ].join('\n'),
      'process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
    ],
    [
      'buildx: the cause out of its wrappers, with the Dockerfile line it points at',
      [
        '#5 ERROR: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
        '------',
        ' > [2/2] RUN echo about to fail && exit 3:',
        '0.138 about to fail',
        '------',
        'Dockerfile:2',
        '--------------------',
        '   1 |     FROM localhost/oep45-test/busybox:1',
        '   2 | >>> RUN echo about to fail && exit 3',
        '--------------------',
        'ERROR: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
      ].join('\n'),
      'Dockerfile:2: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
    ],
    [
      'an older engine: the executor\'s words under the frontend\'s',
      'failed to solve with frontend dockerfile.v0: rpc error: code = Unknown desc = executor failed running [/bin/sh -c exit 3]: exit code: 3\n',
      'executor failed running [/bin/sh -c exit 3]: exit code: 3',
    ],
    ['buildx refusing an option', 'ERROR: push-by-digest is currently not implemented for docker driver, please create a new builder instance\n', 'push-by-digest is currently not implemented for docker driver, please create a new builder instance'],
  ];
  for (const [what, output, expected] of cases) it(what, () => expect(buildFailure(output)).toBe(expected));
});
