// The hostile-server suite (issue 15): a registry and token service of our own on loopback
// (test/helpers/hostile-server.ts) answer 400/401/403/429/500/502 with bodies and headers that
// repeat the request, huge bodies, bodies that trickle and never end, redirects to another host,
// and a challenge whose token service is on another host. For each, the action (spawned as the
// runner spawns it, RUNNER_DEBUG=1) and the CLI (`--format json`, OEP45_DEBUG=1) fail with one
// clear line, and neither the password, nor its base64, percent- or form-encoded or JSON-escaped
// forms, nor the Basic credential, nor any bearer token handed out — nor any 10-character part of
// one — appears in stdout, stderr, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the JSON, the debug lines
// or SARIF; the action masked every form it created. Requests our client makes are tested in
// publish mode (the engine logs in unharmed: the servers are hostile to one user agent) and in
// merge mode (no engine; the registry's GET answers carry bodies, its HEAD answers cannot); the
// engine's own answers (docker login, BuildKit pushing, the docker adapter's pull and push) with
// the servers hostile to it instead.
//
// Other hostile input a fork can send (names with shell metacharacters, newlines in outputs, path
// traversal, links out of the repository…) belongs beside this file, on the same runner and leak
// check: test/helpers/hostile-run.ts.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingLog, TINY_DOCKERFILE } from '../helpers/build-fixtures.js';
import { describeWithDocker, DOCKER } from '../helpers/docker-engine.js';
import { makeRepo } from '../helpers/git.js';
import { startHostileServers, type HostileServers, type Hostility } from '../helpers/hostile-server.js';
import { credentialLeakForms, leaks, runSurfaces, sarifSurface, type Surfaces } from '../helpers/hostile-run.js';
import { Docker } from '../../src/image/docker.js';
import { credentialForms, Secrets } from '../../src/registry/secrets.js';
import { BUSYBOX_IMAGE, busyboxImage } from '../helpers/base-images.js';

const USER = 'ci';
/** Characters that every encoding changes: `/`, `@`, a space, `+`, `"`. */
const PASSWORD = `Hq7/p@ss w0rd+"${randomUUID().slice(0, 8)}`;
const DIGEST = `sha256:${'ab'.repeat(32)}`;

interface Case {
  name: string;
  hostility: Hostility;
  /** The image's error, the run's one line. */
  says: RegExp;
  /** What the servers must (not) have seen. */
  servers?: (servers: HostileServers) => void;
}

const H = '127\\.0\\.0\\.1:\\d+';
const shapes = { 400: 'json-errors', 401: 'json-details', 403: 'json-errors', 429: 'text', 500: 'text', 502: 'html' } as const;
const STATUSES = [400, 401, 403, 429, 500, 502] as const;

/** Nothing with a credential reached the other host: the credentials stay with the registry's own site. */
const nothingWithCredentialsElsewhere = (servers: HostileServers): void => {
  const elsewhere = servers.seen.filter((s) => s.server === 'another-host');
  expect(elsewhere.filter((s) => s.authorization || s.body)).toEqual([]);
};

const tokenCases: Case[] = STATUSES.map((status) => ({
  name: `the token service answers ${status}, repeating the request`,
  hostility: { at: 'token', to: 'client', answer: { status, body: shapes[status] } },
  says:
    status === 401 || status === 403
      ? new RegExp(`^registry ${H} refused the credentials of user "ci" \\(token service answered ${status}\\)$`)
      : new RegExp(`^registry ${H}: its token service answered HTTP ${status}: .*you sent GET /token\\?`),
}));

const registryCases = (mode: 'publish' | 'merge'): Case[] =>
  STATUSES.map((status) => ({
    name: `the registry answers ${status} to an authenticated ${mode === 'publish' ? 'HEAD' : 'GET'}, repeating the request`,
    hostility: { at: 'registry', to: 'client', answer: { status, body: shapes[status] } },
    says:
      status === 401
        ? new RegExp(`^registry ${H} refused the credentials of user "ci" for pulling from ${H}/ns/app \\(HTTP 401\\)$`)
        : status === 403
          ? new RegExp(`^registry ${H} denied pulling from ${H}/ns/app to user "ci" \\(HTTP 403\\)$`)
          : mode === 'publish'
            ? new RegExp(`^registry ${H}: HEAD ${H}/ns/app:inputs-[0-9a-f]+ failed with HTTP ${status}$`)
            : new RegExp(`^registry ${H}: GET ${H}/ns/app@sha256:[0-9a-f]+ failed with HTTP ${status}: .*you sent GET /v2/ns/app/manifests/sha256:`),
  }));

const otherCases: Case[] = [
  {
    name: 'the token service answers 500 with a 32 MiB body',
    hostility: { at: 'token', to: 'client', answer: { huge: 32 << 20 } },
    says: new RegExp(`^registry ${H}: its token service answered HTTP 500: you sent GET /token\\?`),
  },
  {
    name: 'the token service trickles its 400 body and never ends it',
    hostility: { at: 'token', to: 'client', answer: { slow: true } },
    // What arrived in time is cut where a form of the credential may begin: little or nothing is left.
    says: new RegExp(`^registry ${H}: its token service answered HTTP 400(: you sent [^*]*)?$`),
  },
  {
    name: 'the registry redirects an authenticated request to another host, which asks for credentials',
    hostility: { at: 'registry', to: 'client', path: /\/manifests\//, answer: { redirect: 'another-host' } },
    says: new RegExp(`^registry ${H}: (HEAD|GET) /v2/ns/app/manifests/\\S+ was sent on to another host \\(127\\.0\\.0\\.2:\\d+\\), which answered 401; the credentials for ${H} are not sent there$`),
    servers: (servers) => {
      expect(servers.seen.filter((s) => s.server === 'another-host').length).toBeGreaterThan(0);
      nothingWithCredentialsElsewhere(servers);
      expect(servers.seen.filter((s) => s.server === 'another-host' && s.url.startsWith('/token'))).toEqual([]);
    },
  },
  {
    name: 'the token service redirects to another host',
    hostility: { at: 'token', to: 'client', answer: { redirect: 'another-host' } },
    says: new RegExp(`^registry ${H}: its token service http://${H} sent the request on to another host \\(127\\.0\\.0\\.2:\\d+\\); no token is taken from there$`),
    servers: nothingWithCredentialsElsewhere,
  },
  {
    name: "the registry's challenge names a token service on another host",
    hostility: { at: 'registry', to: 'client', answer: { realm: 'another-host' } },
    says: new RegExp(`^registry ${H}: its token service is on another host \\(127\\.0\\.0\\.2:\\d+\\), so the credentials for ${H} are not sent there$`),
    servers: (servers) => {
      // Not even the engine was given the password to send there: the check comes before docker login.
      expect(servers.seen.filter((s) => s.server === 'another-host')).toEqual([]);
    },
  },
];

const engineCases: Case[] = [
  ...([401, 400, 403, 500] as const).map(
    (status): Case => ({
      name: `the token service answers docker login ${status}, repeating the request`,
      hostility: { at: 'token', to: 'engine', answer: { status, body: shapes[status] } },
      says: new RegExp(`^docker login to ${H} as "ci" failed: Error response from daemon: Get "http://${H}/v2/": .+$`),
    }),
  ),
  {
    name: "the registry answers docker login's authenticated ping 403, repeating the request",
    hostility: { at: 'registry', to: 'engine', answer: { status: 403, body: 'json-errors' } },
    says: new RegExp(`^docker login to ${H} as "ci" failed: Error response from daemon: .+$`),
  },
];

const buildCase: Case = {
  name: "the registry answers BuildKit's authenticated blob check 403, repeating the request (a real build and push)",
  hostility: { at: 'registry', to: 'engine', path: /\/blobs\//, answer: { status: 403, body: 'json-errors' } },
  says: /^docker build failed: .*403/,
};

/** A tiny image's repository (its base image need not exist unless it is built). */
function project(registry: string): string {
  const repo = makeRepo();
  repo.write('Dockerfile', TINY_DOCKERFILE);
  repo.write('app.txt', 'version 1\n');
  repo.write('.oep45.yml', `name: app\nregistries: [${registry}/ns]\n`);
  repo.commit('hostile');
  return repo.dir;
}

interface Outcome {
  /** The servers each edge talked to (each its own, so that the tokens each got are known). */
  servers: { action: HostileServers; cli: HostileServers };
  surfaces: Surfaces;
}

/** The input key of the run's image: a build that buildx pushes is also kept in the engine under its key tag. */
function inputKeyOf(surfaces: Surfaces): string | undefined {
  const fromAction = (JSON.parse(surfaces.action?.outputs.images ?? '[]') as Array<{ inputKey?: string }>)[0]?.inputKey;
  const fromCli = surfaces.cli?.stdout ? (JSON.parse(surfaces.cli.stdout) as { images: Array<{ inputKey?: string }> }).images[0]?.inputKey : undefined;
  return fromAction ?? fromCli;
}

async function runEdge(edge: 'action' | 'cli', hostility: Hostility, mode: 'publish' | 'merge'): Promise<{ servers: HostileServers; surfaces: Surfaces }> {
  const servers = await startHostileServers({ [USER]: PASSWORD }, hostility);
  try {
    const dir = project(servers.registry);
    const credentials = { registry: servers.registry, 'registry-username': USER, 'registry-password': PASSWORD };
    const surfaces = await runSurfaces({
      dir,
      edges: [edge],
      command: mode,
      inputs: mode === 'merge' ? { ...credentials, images: 'app', digests: DIGEST } : credentials,
      cliArgs: ['--registry', `${servers.registry}/ns`, '--registry-username', USER, '--password-stdin', ...(mode === 'merge' ? ['--only', 'app', '--digest', DIGEST] : [])],
      stdin: `${PASSWORD}\n`,
      env: { OEP45_DOCKER: DOCKER },
    });
    // Named exactly: listing the engine's images takes seconds on a busy image store.
    const key = inputKeyOf(surfaces);
    if (key && mode === 'publish') {
      try {
        execFileSync(DOCKER, ['image', 'rm', '--no-prune', `${servers.registry}/ns/app:inputs-${key}`], { stdio: 'ignore' });
      } catch {
        // nothing was built: no such image
      }
    }
    return { servers, surfaces };
  } finally {
    await servers.stop();
  }
}

async function runCase(hostility: Hostility, mode: 'publish' | 'merge'): Promise<Outcome> {
  const [action, cli] = await Promise.all([runEdge('action', hostility, mode), runEdge('cli', hostility, mode)]);
  return {
    servers: { action: action.servers, cli: cli.servers },
    surfaces: { action: action.surfaces.action, cli: cli.surfaces.cli, texts: { ...action.surfaces.texts, ...cli.surfaces.texts } },
  };
}

/** One clear line from each edge, no secret anywhere, every form the action created masked. */
function expectSafeFailure(outcome: Outcome, c: Case): void {
  const { servers, surfaces } = outcome;
  const { action, cli } = surfaces;
  const tokens = [...servers.action.issued, ...servers.cli.issued].map((i) => i.token);
  const found = leaks(surfaces.texts, credentialLeakForms(USER, PASSWORD, tokens));
  expect(found, 'a credential in an output').toEqual([]);

  expect(action!.code, action!.stdout + action!.stderr).toBe(1);
  expect(action!.outputs.result).toBe('failure');
  const errors = action!.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  const [image] = JSON.parse(action!.outputs.images ?? '[]') as Array<{ status: string; error: string }>;
  expect(image?.status).toBe('failed');
  expect(image?.error).toMatch(c.says);
  const unescape = (command: string): string => command.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  expect(unescape(errors[0]!)).toBe(`::error::image app failed: ${image!.error}`);
  for (const text of [action!.stdout, action!.stderr, cli!.stderr]) expect(text).not.toMatch(/\n\s+at /);
  // Masked before anything was sent: the password, the Basic credential and its forms, every token our client got.
  const masks = new Set(action!.stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length)));
  for (const form of credentialForms(USER, PASSWORD)) expect(masks.has(form.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')), form).toBe(true);
  const taken = servers.action.issued.filter((i) => i.client && i.server === 'token');
  for (const { token } of taken) expect(masks.has(token), token).toBe(true);

  expect(cli!.code, cli!.stderr).toBe(1);
  const json = JSON.parse(cli!.stdout) as { images: Array<{ status: string; error: string }>; failures: string[] };
  expect(json.images[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(c.says) });
  expect(json.failures).toEqual([`image app failed: ${json.images[0]!.error}`]);
  c.servers?.(servers.action);
  c.servers?.(servers.cli);
}

describeWithDocker('hostile registry and token service: publish (our client; the engine logs in unharmed)', () => {
  // The base image is in the engine, so the input key is whole and the registry is asked for it.
  beforeAll(() => void busyboxImage());
  for (const c of [...tokenCases, ...registryCases('publish'), ...otherCases]) {
    it.concurrent(c.name, async () => expectSafeFailure(await runCase(c.hostility, 'publish'), c));
  }
});

describeWithDocker('hostile registry and token service: the engine (docker login, BuildKit pushing) meets them', () => {
  beforeAll(() => void busyboxImage());
  for (const c of [...engineCases, buildCase]) {
    it.concurrent(c.name, async () => expectSafeFailure(await runCase(c.hostility, 'publish'), c));
  }
});

describe('hostile registry and token service: merge (our client alone, no engine)', () => {
  const merge: Case[] = [
    ...registryCases('merge'),
    tokenCases.find((c) => c.name.includes('answers 500'))!,
    otherCases.find((c) => c.name.includes('redirects an authenticated'))!,
    { ...otherCases.find((c) => c.name.includes('challenge names'))!, servers: nothingWithCredentialsElsewhere },
  ];
  for (const c of merge) it.concurrent(c.name, async () => expectSafeFailure(await runCase(c.hostility, 'merge'), c));
});

// The docker adapter's own commands that talk to a registry (pull for a stale base image, push for
// the builder without buildx), logged in as the run does, meeting a registry that repeats their
// bearer token. (With the containerd image store the engine itself quotes no body here, unlike
// docker login above; the adapter's lines are held to the same check whatever it quotes.)
describeWithDocker('hostile registry: the docker adapter pulling and pushing', () => {
  beforeAll(() => void busyboxImage());
  // The registry's authenticated answer to the manifest a pull asks for, or the upload a push starts.
  const scoped = (method: 'pull' | 'push'): Hostility => ({
    at: 'registry',
    to: 'engine',
    ...(method === 'pull' ? { path: /\/manifests\// } : { path: /\/blobs\/uploads\//, method: 'POST' }),
    answer: { status: 403, body: 'json-errors' },
  });
  for (const method of ['pull', 'push'] as const) {
    it.concurrent(`docker ${method} meets a registry that repeats the request: one line with its status, nothing of the echo`, async () => {
      const servers = await startHostileServers({ [USER]: PASSWORD }, scoped(method));
      const log = recordingLog();
      const ref = `${servers.registry}/ns/${method}-me:1`;
      try {
        const docker = new Docker({ program: DOCKER, kind: 'buildkit', why: 'test' }, { ...process.env, DOCKER_CONFIG: '/nonexistent-oep45' }, log, new Secrets((v) => log.secret(v)));
        if (method === 'push') execFileSync(DOCKER, ['tag', BUSYBOX_IMAGE, ref]);
        const error = await docker
          .withLogins([{ registry: servers.registry, username: USER, password: PASSWORD }], async () => void (method === 'pull' ? await docker.pull(ref) : await docker.push(ref)))
          .then(() => undefined, (e: unknown) => e as Error);
        expect(error?.message).toMatch(new RegExp(`^docker ${method} ${ref.replace(/\./g, '\\.')} failed: .*403 Forbidden$`));
        expect(servers.seen.some((r) => r.hostile && r.authorization?.startsWith('Bearer '))).toBe(true);
        const texts = { error: error!.message, log: log.lines.join('\n') };
        expect(leaks(texts, credentialLeakForms(USER, PASSWORD, servers.issued.map((i) => i.token)))).toEqual([]);
        expect(log.secrets).toEqual(expect.arrayContaining(credentialForms(USER, PASSWORD)));
      } finally {
        if (method === 'push') execFileSync(DOCKER, ['image', 'rm', '--no-prune', ref], { stdio: 'ignore' });
        await servers.stop();
      }
    });
  }
});

describe('SARIF', () => {
  let dir: string;
  beforeAll(() => {
    dir = project('127.0.0.1:9');
  });
  // `oep45 check` asks no registry today, so its SARIF has had no answer to carry: this holds it to
  // that when a rule starts asking one (FROM digests, say), with the same credentials given.
  it('oep45 check --format sarif, given the credentials, writes none of them', async () => {
    const sarif = await sarifSurface(dir, `${PASSWORD}\n`, ['--registry', '127.0.0.1:9/ns', '--registry-username', USER, '--password-stdin']);
    expect(JSON.parse(sarif)).toMatchObject({ version: '2.1.0', runs: [expect.objectContaining({ tool: expect.any(Object) })] });
    expect(leaks({ SARIF: sarif }, credentialLeakForms(USER, PASSWORD, []))).toEqual([]);
  });
});
