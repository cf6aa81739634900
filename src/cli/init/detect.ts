// What `oep45 init` finds in a repository before it writes anything: what builds its images (a
// root Dockerfile and its stages, a Dockerfile in a usual other place, an images-data.json), the
// settings package and the changelog (as the checks find them), the name and owner from the
// GitHub remote, the default branch, and where its images go today, read from its own workflows
// (Docker Hub, the usual registry of Open edX images, or GHCR).

import { readRequired, repoFiles, type RepoFiles } from '../../files/repo-files.js';
import { basename } from 'node:path';
import { findChangelog } from '../../config/autodetect.js';
import { discoverSettings } from '../../settings/discover.js';
import { workingTree } from '../../settings/working-tree.js';
import { parseImagesData } from '../../config/images-data.js';
import { parseDockerfile } from '../../checks/dockerfile/parse.js';
import { Git } from '../../git/git.js';

/** What publishes the service's images: one Dockerfile (with the stages picked), or a matrix. */
export type ImageSource =
  | { kind: 'dockerfile'; dockerfile: string; stages: string[]; target?: string; devTarget?: string }
  | { kind: 'images-data'; file: string; names: string[] }
  /** The images a .oep45.yml that is kept (--no-config) declares. */
  | { kind: 'config'; file: string; names: string[] };

export interface RegistryGuess {
  /** Hosts and namespaces, e.g. `docker.io/openedx`; the publishing starters log in to the first. */
  registries: string[];
  /** Why: a file they were read from, or the rule that chose them. */
  from: string;
}

export interface RepositoryFacts {
  name: string;
  owner?: string;
  defaultBranch?: string;
  images?: ImageSource;
  /** The settings packages the checks find (edx-platform has several); shared ones left out. */
  settingsDirs: string[];
  changelog?: string;
  hasOperationsManual: boolean;
  registry: RegistryGuess;
  /** Workflows that run oep45-action already (a starter copied by hand): init's would run it twice. */
  callers: string[];
}

/** Stage names services publish, most specific first (credentials: production; discovery: prod). */
const APP_STAGES = ['production', 'prod', 'app'];
const DEV_STAGES = ['dev', 'development', 'devstack'];
/** Where a service keeps its one Dockerfile when not at the root. */
const OTHER_DOCKERFILES = ['docker/Dockerfile', '.docker/Dockerfile', 'docker/app.Dockerfile'];


/** A name as the schema allows it for the service and its image. */
export function safeName(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name || 'service';
}

/** `git@github.com:openedx/credentials.git`, `https://github.com/openedx/credentials` → owner, repo. */
export function githubRemote(url: string | undefined): { owner: string; repo: string } | undefined {
  const m = /github\.com[:/]+([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url ?? '');
  return m ? { owner: m[1]!, repo: m[2]! } : undefined;
}

function dockerfileImages(files: RepoFiles): ImageSource | undefined {
  const dockerfile = ['Dockerfile', ...OTHER_DOCKERFILES].find((f) => files.entry(f) !== 'missing');
  if (!dockerfile) return undefined;
  const stages = parseDockerfile(dockerfile, files.read(dockerfile) ?? '')
    .stages.map((s) => s.name)
    .filter((s): s is string => Boolean(s));
  const target = APP_STAGES.find((s) => stages.includes(s));
  const devTarget = target ? DEV_STAGES.find((s) => stages.includes(s)) : undefined;
  return { kind: 'dockerfile', dockerfile, stages, ...(target ? { target } : {}), ...(devTarget ? { devTarget } : {}) };
}

function imagesData(files: RepoFiles): ImageSource | undefined {
  const file = 'images-data.json';
  const text = readRequired(files, file, 'config');
  if (text === undefined) return undefined;
  return { kind: 'images-data', file, names: parseImagesData(file, text, ['linux/amd64']).map((i) => i.name) };
}

/** The workflows' texts, by path. */
function workflowTexts(files: RepoFiles): [string, string][] {
  const dir = '.github/workflows';
  const names = files.list(dir).filter((f) => /\.ya?ml$/.test(f));
  return names.map((f) => [`${dir}/${f}`, files.read(`${dir}/${f}`) ?? '']);
}

/**
 * Where the repository's images go today, from its own workflows: an explicit `ghcr.io/<owner>`
 * or `docker.io/<namespace>`, or the Docker Hub namespace of an image a Docker Hub login pushes
 * (`repository: openedx/credentials`, `tags: openedx/notes:latest`). Else Docker Hub under the
 * GitHub owner, the Open edX way (`docker.io/openedx`).
 */
export function guessRegistry(workflows: [string, string][], owner: string | undefined): RegistryGuess {
  for (const [file, text] of workflows) {
    const ghcr = /ghcr\.io\/(\$\{\{\s*github\.repository_owner\s*\}\}|[A-Za-z0-9_.-]+)/.exec(text);
    if (ghcr) return { registries: [`ghcr.io/${(ghcr[1]!.startsWith('$') ? (owner ?? 'openedx') : ghcr[1]!).toLowerCase()}`], from: file };
    const hub = /(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/([a-z0-9_.-]+)\//.exec(text);
    if (hub) return { registries: [`docker.io/${hub[1]}`], from: file };
    if (/DOCKERHUB_|DOCKER_HUB_|docker\/login-action/.test(text)) {
      const image = /^\s*(?:repository|images?|tags):\s*["']?([a-z0-9_.-]+)\/[a-z0-9_.-]+/m.exec(text);
      if (image) return { registries: [`docker.io/${image[1]}`], from: file };
    }
  }
  return { registries: [`docker.io/${(owner ?? 'openedx').toLowerCase()}`], from: owner ? `Docker Hub under the GitHub owner ${owner}` : 'Docker Hub under openedx, the default' };
}

async function defaultBranch(git: Git): Promise<string | undefined> {
  const remote = await git.remoteHead();
  if (remote) return remote;
  const head = (await git.headRef())?.replace(/^refs\/heads\//, '');
  if (head === 'master' || head === 'main') return head;
  for (const branch of ['master', 'main']) if (await git.revParse(`refs/heads/${branch}`)) return branch;
  return undefined;
}

const CALLS_OEP45 = /uses:\s*["']?openedx\/oep45-action(?:\/\.github\/workflows\/oep45-images\.ya?ml)?@/;

export async function detectRepository(root: string): Promise<RepositoryFacts> {
  const git = new Git(root);
  // Read as the checks read them (src/files/repo-files.ts): confined to the repository, bounded.
  const files = repoFiles(root);
  const tree = workingTree(files);
  const workflows = workflowTexts(files);
  const inGit = await git.isRepository();
  const remote = inGit ? githubRemote(await git.remoteUrl()) : undefined;
  const branch = inGit ? await defaultBranch(git) : undefined;
  return {
    name: safeName(remote?.repo ?? basename(root)),
    ...(remote ? { owner: remote.owner } : {}),
    ...(branch ? { defaultBranch: branch } : {}),
    images: imagesData(files) ?? dockerfileImages(files),
    settingsDirs: discoverSettings(tree).packages.filter((p) => !p.shared).map((p) => p.dir),
    changelog: findChangelog(tree),
    hasOperationsManual: files.entry('docs/operations') === 'directory',
    registry: guessRegistry(workflows, remote?.owner),
    callers: workflows.filter(([, text]) => CALLS_OEP45.test(text)).map(([file]) => file),
  };
}
