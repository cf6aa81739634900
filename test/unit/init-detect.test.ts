// What `oep45 init` reads from a repository before writing: the stage to publish and the dev
// stage from Dockerfiles shaped like real Open edX services', the GitHub remote, and where the
// images go today from workflows shaped like the services' own publishing workflows.
import { describe, expect, it } from 'vitest';
import { detectRepository, githubRemote, guessRegistry, safeName } from '../../src/cli/init/detect.js';
import { makeService } from '../helpers/service.js';
import { makeRepo } from '../helpers/git.js';

describe('the stages init publishes', () => {
  // Stage lines as the services write them (names only; the rest of each file does not matter).
  const cases: Array<{ name: string; dockerfile: string; target?: string; devTarget?: string }> = [
    { name: 'credentials: app, production, dev', dockerfile: 'FROM ubuntu:focal as app\nRUN true\nFROM app as production\nFROM app as dev\n', target: 'production', devTarget: 'dev' },
    { name: 'course-discovery: app, prod, dev, kubernetes', dockerfile: 'FROM ubuntu:jammy as app\nFROM app as prod\nFROM app as dev\nFROM prod as kubernetes\n', target: 'prod', devTarget: 'dev' },
    { name: 'edx-platform: production, development', dockerfile: 'FROM ubuntu:jammy AS minimal-system\nFROM minimal-system AS production\nFROM production AS development\n', target: 'production', devTarget: 'development' },
    { name: 'the sample: base, app, dev', dockerfile: 'FROM debian AS base\nFROM base AS app\nFROM app AS dev\n', target: 'app', devTarget: 'dev' },
    { name: 'one unnamed stage: the last stage, no dev image', dockerfile: 'FROM python:3.12-slim\nCMD ["gunicorn"]\n' },
    { name: 'a dev stage but no stage to publish: no dev image either', dockerfile: 'FROM debian AS builder\nFROM builder AS dev\n' },
  ];
  it.each(cases)('$name', async (c) => {
    const facts = await detectRepository(makeService({ Dockerfile: c.dockerfile }));
    expect(facts.images).toMatchObject({ kind: 'dockerfile', dockerfile: 'Dockerfile' });
    const images = facts.images as { target?: string; devTarget?: string };
    expect([images.target, images.devTarget]).toEqual([c.target, c.devTarget]);
  });

  it('a Dockerfile under docker/ when the root has none; images-data.json before either', async () => {
    expect((await detectRepository(makeService({ 'docker/Dockerfile': 'FROM debian AS app\n' }))).images).toMatchObject({ dockerfile: 'docker/Dockerfile', target: 'app' });
    const matrix = await detectRepository(
      makeService({ Dockerfile: 'FROM debian\n', 'images-data.json': JSON.stringify([{ name: 'notes', image_name: 'notes-dev', dockerfile: 'notes' }, { name: 'lms', image_name: 'lms-dev' }]) }),
    );
    expect(matrix.images).toEqual({ kind: 'images-data', file: 'images-data.json', names: ['notes-dev', 'lms-dev'] });
  });

  it('nothing to build', async () => {
    expect((await detectRepository(makeService({ 'README.md': '# a library\n' }))).images).toBeUndefined();
  });
});

describe('the repository', () => {
  it.each([
    ['git@github.com:openedx/credentials.git', { owner: 'openedx', repo: 'credentials' }],
    ['https://github.com/openedx/course-discovery', { owner: 'openedx', repo: 'course-discovery' }],
    ['https://github.com/my-org/frontend-app-learning.git/', { owner: 'my-org', repo: 'frontend-app-learning' }],
    ['ssh://git@github.com/overhangio/tutor.git', { owner: 'overhangio', repo: 'tutor' }],
    ['https://gitlab.example/openedx/credentials.git', undefined],
    [undefined, undefined],
  ] as const)('%s', (url, expected) => {
    expect(githubRemote(url)).toEqual(expected);
  });

  it.each([
    ['Credentials', 'credentials'],
    ['edx_notes_api', 'edx_notes_api'],
    ['My Service!', 'my-service'],
    ['--x..y--', 'x-y'],
    ['???', 'service'],
  ])('name %s → %s', (raw, name) => {
    expect(safeName(raw)).toBe(name);
  });

  it('reads the name, owner and default branch of a clone', async () => {
    const repo = makeRepo({ branch: 'feature' });
    repo.write('Dockerfile', 'FROM debian\n');
    repo.commit('one');
    repo.git('remote', 'add', 'origin', 'git@github.com:openedx/edx-notes-api.git');
    repo.git('update-ref', 'refs/remotes/origin/master', 'HEAD');
    repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/master');
    expect(await detectRepository(repo.dir)).toMatchObject({ name: 'edx-notes-api', owner: 'openedx', defaultBranch: 'master' });
  });

  it('without origin/HEAD: the checked-out main, else a local master', async () => {
    const repo = makeRepo({ branch: 'main' });
    repo.write('Dockerfile', 'FROM debian\n');
    repo.commit('one');
    expect((await detectRepository(repo.dir)).defaultBranch).toBe('main');
    const other = makeRepo({ branch: 'master' });
    other.write('Dockerfile', 'FROM debian\n');
    other.commit('one');
    other.git('checkout', '-q', '-b', 'topic');
    expect((await detectRepository(other.dir)).defaultBranch).toBe('master');
  });
});

describe('where the images go today', () => {
  // Shaped like openedx/credentials' push-docker-image.yml (docker/build-push-action@v1).
  const buildPushV1 = [
    '      - name: Build and push base Docker image',
    '        uses: docker/build-push-action@v1',
    '        with:',
    '          username: ${{ secrets.DOCKERHUB_USERNAME }}',
    '          password: ${{ secrets.DOCKERHUB_PASSWORD }}',
    '          target: base',
    '          repository: openedx/credentials',
  ].join('\n');
  const cases: Array<{ name: string; workflows: [string, string][]; owner?: string; expected: { registries: string[]; from: string } }> = [
    { name: 'a Docker Hub login pushing openedx/credentials', workflows: [['.github/workflows/push-docker-image.yml', buildPushV1]], owner: 'openedx', expected: { registries: ['docker.io/openedx'], from: '.github/workflows/push-docker-image.yml' } },
    { name: 'an explicit docker.io/edxops/ image', workflows: [['.github/workflows/ci.yml', 'tags: docker.io/edxops/notes-dev:latest\n']], owner: 'openedx', expected: { registries: ['docker.io/edxops'], from: '.github/workflows/ci.yml' } },
    { name: 'GHCR under the repository owner', workflows: [['.github/workflows/images.yml', 'images: ghcr.io/${{ github.repository_owner }}/notes\n']], owner: 'My-Org', expected: { registries: ['ghcr.io/my-org'], from: '.github/workflows/images.yml' } },
    { name: 'GHCR under a named owner', workflows: [['.github/workflows/images.yml', 'tags: ghcr.io/overhangio/openedx:latest\n']], expected: { registries: ['ghcr.io/overhangio'], from: '.github/workflows/images.yml' } },
    { name: 'no publishing workflow: Docker Hub under the owner', workflows: [['.github/workflows/ci.yml', 'run: make test\n']], owner: 'my-org', expected: { registries: ['docker.io/my-org'], from: 'Docker Hub under the GitHub owner my-org' } },
    { name: 'no workflow and no remote: docker.io/openedx', workflows: [], expected: { registries: ['docker.io/openedx'], from: 'Docker Hub under openedx, the default' } },
  ];
  it.each(cases)('$name', (c) => {
    expect(guessRegistry(c.workflows, c.owner)).toEqual(c.expected);
  });
});
