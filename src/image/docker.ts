// The docker adapter: every docker command line is run here (built by command.ts), through the
// client docker-client.ts chose. Build logs stream line by line to the log; passwords go to
// `docker login` on stdin only; a private DOCKER_CONFIG keeps logins out of the user's own file.
// The builder client can be chosen lazily (`ready()`, before the first build), and what it can do
// is read then, once (capabilities.ts): until then, questions that do not build (inspect, pull,
// login) go to the engine client, so that a run which reuses every image starts no probe.
// What the engine says reaches the log and errors only through the run's Secrets (every line) and
// registry/answer.ts (the line an error quotes): a registry's echo of a credential stays out.

import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegistryCredential } from '../config/inputs.js';
import { engineExcerpt, excerpt } from '../registry/answer.js';
import { dockerConfigDir } from '../registry/credentials.js';
import { Secrets } from '../registry/secrets.js';
import { UserError } from '../util/errors.js';
import { exec, ExecError } from '../util/exec.js';
import type { Log } from '../util/log.js';
import { buildCommand, buildFailure, countSteps, type BuildRequest } from './command.js';
import { builderCapabilities, describeBuilder, parseBuildxInspect, parseDriverStatus, type BuilderCapabilities, type BuilderFacts } from './capabilities.js';
import { engineClientProgram, type DockerClient } from './docker-client.js';
import { engineSocket, inspectOverSocket } from './engine-api.js';

/** True when a Docker engine answers (the CLI's demo asks before building). */
export async function engineAvailable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  for (const program of env.OEP45_DOCKER ? [env.OEP45_DOCKER] : ['docker', '/usr/bin/docker']) {
    try {
      const r = await exec(program, ['version', '--format', '{{.Server.Version}}'], { env, allowFailure: true, timeoutMs: 10_000 });
      if (r.code === 0 && r.stdout.trim().length > 0) return true;
    } catch {
      // not installed: try the next
    }
  }
  return false;
}

export interface BuildOutcome {
  /** Local image id (`docker build`, or buildx with --load). */
  imageId?: string;
  /** Registry digest (buildx --push or push-by-digest, from its metadata file). */
  digest?: string;
  totalSteps: number;
  cachedSteps: number;
}

export interface LocalImage {
  id: string;
  repoDigests: string[];
}

/** Splits streamed chunks into whole lines. */
function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk).split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const line of parts) emit(line);
    },
    flush() {
      if (rest) emit(rest);
      rest = '';
    },
  };
}

/** The answers of `docker buildx inspect` and `docker info` (stdout; undefined when it failed). */
interface BuilderAnswers {
  inspect: Promise<string | undefined>;
  info: Promise<string | undefined>;
}

/** The builder client, or how to choose it when the first build needs it. */
export type ClientChoice = DockerClient | (() => Promise<DockerClient>);

export class Docker {
  private chosen?: DockerClient;
  private readying?: Promise<void>;
  private capabilitiesRead?: BuilderCapabilities;
  private readonly choose?: () => Promise<DockerClient>;
  private readonly engineProgram: string;

  constructor(
    client: ClientChoice,
    private env: NodeJS.ProcessEnv,
    private readonly log: Log,
    /** The run's secrets (shared with the registry client). */
    readonly secrets: Secrets = new Secrets((form) => log.secret(form)),
  ) {
    if (typeof client === 'function') this.choose = client;
    else this.chosen = client;
    this.engineProgram = this.chosen?.program ?? engineClientProgram(env);
  }

  /**
   * Chooses the builder client (when it was given lazily) and reads what it can do, once.
   * Everything that builds or pushes, or reads `client`, `kind` or `capabilities`, awaits it first.
   */
  ready(): Promise<void> {
    this.readying ??= (async () => {
      // The builder's own questions go out with the client's probes, to the client the choice will
      // most likely be (OEP45_DOCKER, else `docker`: on a runner, the one with buildx), instead of
      // after them: each is a process start, a few hundred milliseconds on a loaded machine, on the
      // way to every first build. Asked again of the chosen client when the choice is another.
      const likely = this.chosen?.program ?? (this.env.OEP45_DOCKER || 'docker');
      const asked = this.askBuilder(likely);
      this.chosen ??= await this.choose!();
      const answers = this.chosen.program === likely ? asked : this.askBuilder(this.chosen.program);
      this.capabilitiesRead = builderCapabilities(await this.builderFacts(answers));
      this.log.debug(`builder: ${describeBuilder(this.chosen.program, this.capabilitiesRead)}`);
    })();
    return this.readying;
  }

  /** The builder client (after `ready()`). */
  get client(): DockerClient {
    if (!this.chosen) throw new Error('internal: the docker client is not chosen yet (await ready() first)');
    return this.chosen;
  }

  get kind(): DockerClient['kind'] {
    return this.client.kind;
  }

  /** What the builder can do (after `ready()`). */
  get capabilities(): BuilderCapabilities {
    if (!this.capabilitiesRead) throw new Error('internal: the builder is not read yet (await ready() first)');
    return this.capabilitiesRead;
  }

  private runEnv(): NodeJS.ProcessEnv {
    return { ...this.env, DOCKER_BUILDKIT: '1' };
  }

  private run(args: string[], options: { cwd?: string; input?: string; onLine?: (line: string) => void; allowFailure?: boolean; timeoutMs?: number } = {}) {
    const lines = options.onLine ? lineSplitter(options.onLine) : undefined;
    // Before the builder is chosen only engine questions run (inspect, pull, login): any client answers them.
    return exec(this.chosen?.program ?? this.engineProgram, args, {
      cwd: options.cwd,
      env: this.runEnv(),
      input: options.input,
      allowFailure: options.allowFailure,
      timeoutMs: options.timeoutMs,
      onOutput: lines ? (chunk) => lines.push(chunk) : undefined,
    }).finally(() => lines?.flush());
  }

  async build(request: BuildRequest, cwd: string): Promise<BuildOutcome> {
    await this.ready();
    const dir = await mkdtemp(join(tmpdir(), 'oep45-build-'));
    try {
      const iidfile = join(dir, 'iid');
      const metadataFile = join(dir, 'metadata.json');
      const args = buildCommand({ ...request, iidfile, ...(this.capabilities.pushesItself ? { metadataFile } : {}) });
      this.log.debug(this.secrets.redactKnown(`${this.client.program} ${args.join(' ')}`));
      let progress = '';
      try {
        const r = await this.run(args, { cwd, onLine: (line) => this.log.info(this.secrets.redactKnown(line)) });
        progress = r.stderr + r.stdout;
      } catch (error) {
        if (error instanceof ExecError) {
          const failed = excerpt(buildFailure(error.result.stderr + error.result.stdout), this.secrets, { keepEnd: true });
          throw new UserError(`docker build failed${failed ? `: ${failed}` : ` with exit code ${error.result.code}`}`);
        }
        throw error;
      }
      const steps = countSteps(progress);
      const outcome: BuildOutcome = { totalSteps: steps.total, cachedSteps: steps.cached };
      if (existsSync(iidfile)) outcome.imageId = (await readFile(iidfile, 'utf8')).trim() || undefined;
      if (existsSync(metadataFile)) {
        const meta = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
        const digest = meta['containerimage.digest'];
        if (typeof digest === 'string') outcome.digest = digest;
      }
      return outcome;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** `docker push`; resolves the digest it printed. */
  async push(ref: string): Promise<string | undefined> {
    await this.ready();
    try {
      const r = await this.run(['push', ref], { onLine: (line) => this.log.debug(this.secrets.redactKnown(line)) });
      return /digest: (sha256:[0-9a-f]{64})/.exec(r.stdout + r.stderr)?.[1];
    } catch (error) {
      if (error instanceof ExecError) throw new UserError(`docker push ${ref} failed: ${engineExcerpt(error.result.stderr || error.result.stdout, this.secrets) ?? `exit code ${error.result.code}`}`);
      throw error;
    }
  }

  /** Removes a local tag (the image stays while other tags name it). */
  async untag(ref: string): Promise<void> {
    await this.run(['image', 'rm', '--no-prune', ref], { allowFailure: true });
  }

  async pull(ref: string): Promise<void> {
    const r = await this.run(['pull', '--quiet', ref], { allowFailure: true });
    if (r.code !== 0) throw new UserError(`docker pull ${ref} failed: ${engineExcerpt(r.stderr || r.stdout, this.secrets) ?? `exit code ${r.code}`}`);
  }

  async inspectImage(ref: string): Promise<LocalImage | undefined> {
    // The engine's own socket when the CLI would use it (engine-api.ts says why); the CLI otherwise.
    const socket = engineSocket(this.env);
    if (socket) {
      const answer = await inspectOverSocket(socket, ref);
      if (answer !== undefined) return answer ?? undefined;
    }
    const r = await this.run(['image', 'inspect', '--format', '{{json .Id}} {{json .RepoDigests}}', ref], { allowFailure: true, timeoutMs: 30_000 }).catch(() => undefined);
    if (!r || r.code !== 0) return undefined;
    const m = /^(\S+) (.*)$/.exec(r.stdout.trim());
    if (!m) return undefined;
    return { id: JSON.parse(m[1]!) as string, repoDigests: (JSON.parse(m[2]!) as string[] | null) ?? [] };
  }

  /** Image config label of a local image, for reading back what a build stored. */
  async imageLabel(ref: string, label: string): Promise<string | undefined> {
    const r = await this.run(['image', 'inspect', '--format', `{{ index .Config.Labels ${JSON.stringify(label)} }}`, ref], { allowFailure: true });
    const value = r.stdout.trim();
    return r.code === 0 && value && value !== '<no value>' ? value : undefined;
  }

  /** `docker buildx inspect` and `docker info`'s storage driver type, asked of `program` at once. */
  private askBuilder(program: string): BuilderAnswers {
    const ask = (args: string[]) =>
      exec(program, args, { env: this.runEnv(), allowFailure: true, timeoutMs: 30_000 }).then(
        (r) => (r.code === 0 ? r.stdout : undefined),
        () => undefined,
      );
    const answers = { inspect: ask(['buildx', 'inspect']), info: ask(['info', '--format', '{{json .DriverStatus}}']) };
    return answers;
  }

  /**
   * What the builder says about itself: `docker buildx inspect`, and `docker info`'s storage driver
   * type when the docker driver's worker does not name its snapshotter. Unanswered questions leave
   * facts unknown, which the capabilities read the cautious way.
   */
  private async builderFacts(answers: BuilderAnswers): Promise<BuilderFacts> {
    const kind = this.client.kind;
    if (kind !== 'buildx') return { kind, platforms: [] };
    const facts: BuilderFacts = { kind, ...parseBuildxInspect((await answers.inspect) ?? '') };
    if ((facts.driver ?? 'docker') === 'docker' && facts.containerdStore === undefined) {
      const info = await answers.info;
      const containerd = info === undefined ? undefined : parseDriverStatus(info);
      if (containerd !== undefined) facts.containerdStore = containerd;
    }
    return facts;
  }

  /** `docker login --password-stdin`: the password never reaches argv or the log. */
  async login(credential: RegistryCredential): Promise<void> {
    this.secrets.addCredential(credential);
    const r = await this.run(['login', '--username', credential.username, '--password-stdin', credential.registry], { input: credential.password, allowFailure: true, timeoutMs: 60_000 });
    if (r.code !== 0) {
      const why = engineExcerpt(r.stderr || r.stdout, this.secrets) ?? `exit code ${r.code}`;
      throw new UserError(`docker login to ${credential.registry} as "${credential.username}" failed: ${why}`);
    }
    this.log.info(`Logged in to ${credential.registry} as ${credential.username}`);
  }

  /**
   * Logs in with the given credentials inside a private copy of the docker config (the user's
   * other entries, plugins and buildx builders stay reachable through links); the copy is
   * removed afterwards, so no password stays on disk.
   */
  async withLogins<T>(credentials: readonly RegistryCredential[], fn: () => Promise<T>): Promise<T> {
    if (!credentials.length) return fn();
    const original = dockerConfigDir(this.env);
    const dir = await mkdtemp(join(tmpdir(), 'oep45-docker-config-'));
    const previous = this.env;
    try {
      if (existsSync(original)) {
        for (const entry of await readdir(original)) {
          if (entry === 'config.json') await cp(join(original, entry), join(dir, entry));
          else await symlink(join(original, entry), join(dir, entry));
        }
      }
      this.env = { ...previous, DOCKER_CONFIG: dir };
      for (const credential of credentials) await this.login(credential);
      return await fn();
    } finally {
      this.env = previous;
      await rm(dir, { recursive: true, force: true });
    }
  }
}
