// A starter workflow as `oep45 init` writes it into a service: the starter's own text, with the
// reusable workflow pinned to the running release, the secrets named for the registry the
// service publishes to, the images to choose from on a manual run, and a first comment that says
// what the file does and what to adjust. The starter's own how-to-copy comment is left out: init
// did the copying and says the rest.

import type { RepositoryFacts } from './detect.js';
import { docsUrl, imageNames } from './config-text.js';
import type { RunningRelease } from './running-release.js';
import { REUSABLE_CALL, STARTERS, type StarterName } from './starters.js';

interface Secrets {
  user: string;
  password: string;
  /** Says what each secret holds. */
  help: [string, string];
}

/** The repository secrets the publishing starters log in with, by registry host. */
export function secretsFor(registry: string): Secrets {
  const host = registry.split('/')[0]!;
  if (host === 'docker.io') {
    return { user: 'DOCKERHUB_USERNAME', password: 'DOCKERHUB_PASSWORD', help: ['the Docker Hub user that pushes the images', 'an access token of that user with read and write access'] };
  }
  if (host === 'ghcr.io') {
    return {
      user: 'GHCR_USERNAME',
      password: 'GHCR_TOKEN',
      // The called workflow's jobs hold `contents: read` only, so GITHUB_TOKEN cannot push packages.
      help: ['the GitHub user that pushes the images', 'a token of that user with the write:packages scope'],
    };
  }
  return { user: 'REGISTRY_USERNAME', password: 'REGISTRY_PASSWORD', help: [`the ${host} user that pushes the images`, 'its password or access token'] };
}

/** The starter's first comment paragraph: what the workflow does. */
function purpose(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#') || line.trim() === '#') break;
    out.push(line);
  }
  return out;
}

/** The starter from its first line that is not a comment. */
function body(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.slice(first < 0 ? lines.length : first).join('\n');
}

function adjustments(name: StarterName, facts: RepositoryFacts, secrets: Secrets, images: string[]): string[] {
  const branch = facts.defaultBranch ? `${facts.defaultBranch}, the default branch` : 'the default branch';
  const width = Math.max(secrets.user.length, secrets.password.length);
  const [first, second] = facts.registry.registries;
  const secretLines = [
    `# - create the repository secrets (Settings → Secrets and variables → Actions) for ${first!.split('/')[0]}:`,
    `#     ${secrets.user.padEnd(width)}  ${secrets.help[0]}`,
    `#     ${secrets.password.padEnd(width)}  ${secrets.help[1]}`,
    ...(second && second.split('/')[0] !== first!.split('/')[0]
      ? [`# - log in to ${second.split('/')[0]} too: \`registry-2: ${second.split('/')[0]}\` under \`with:\`, and secrets registry-2-username/-password;`]
      : []),
  ];
  switch (name) {
    case 'pull-request':
      return [
        '# - nothing to create: a pull request, from a fork or not, never logs in and never pushes;',
        '# - `on.pull_request.branches` limits it to some base branches, if you want that.',
      ];
    case 'nightly':
      return [
        ...secretLines,
        `# - the schedule (cron, UTC): a scheduled run builds ${branch};`,
        ...(facts.owner ? [] : ["# - the owner in `if: github.repository_owner == 'openedx'` (forks do not publish);"]),
        images.length
          ? `# - the images a manual run can build alone (inputs.image.options): ${images.join(', ')}.`
          : '# - the images a manual run can build alone (inputs.image.options).',
      ];
    case 'release':
      return [...secretLines, '# - the tag and branch patterns: both Open edX schemes (open-release/*, release/*) are listed.'];
  }
}

function withSecrets(text: string, secrets: Secrets): string {
  return text.replace(/secrets\.DOCKERHUB_USERNAME\b/g, `secrets.${secrets.user}`).replace(/secrets\.DOCKERHUB_PASSWORD\b/g, `secrets.${secrets.password}`);
}

/** The nightly publishes only in the repository's own owner's copy: forks do not publish. */
function withOwner(text: string, owner: string | undefined): string {
  if (!owner) return text;
  return text
    .replace(/^([ \t]*)# Forks do not publish: replace openedx[^\n]*\n/m, `$1# Forks do not publish: the jobs run in ${owner}'s repository only.\n`)
    .replace(/github\.repository_owner == 'openedx'/g, `github.repository_owner == '${owner.replace(/'/g, "''")}'`);
}

/** The manual run's choice lists every image after `all` (the starter's hint to do so goes). */
function withImageChoice(text: string, images: string[]): string {
  if (!images.length) return text;
  return text
    .replace(/^[ \t]*# List your images here[^\n]*\n/m, '')
    .replace(/^([ \t]*)(options:\n)([ \t]*)- all\n/m, (_, indent: string, options: string, item: string) => {
      const list = ['all', ...images].map((n) => `${item}- ${n}\n`).join('');
      return `${indent}# Every image of .oep45.yml; keep the list in step with it.\n${indent}${options}${list}`;
    });
}

export function workflowText(name: StarterName, facts: RepositoryFacts, release: RunningRelease): string {
  const starter = STARTERS[name];
  const secrets = secretsFor(facts.registry.registries[0]!);
  const images = imageNames(facts);
  const header = [
    ...purpose(starter),
    '#',
    `# Written by \`oep45 init\` from oep45-action's workflows/${name}.yml (${release.label}).`,
    '# Registries and images come from .oep45.yml; the workflow is explained in',
    `# ${docsUrl(release, 'docs/workflows.md')}`,
    '# Adjust:',
    ...adjustments(name, facts, secrets, images),
  ];
  let text = body(starter).replace(REUSABLE_CALL, (_, head: string) => `${head}${release.commit} # ${release.label}`);
  text = withOwner(withImageChoice(withSecrets(text, secrets), images), facts.owner);
  return `${header.join('\n')}\n${text}`;
}
