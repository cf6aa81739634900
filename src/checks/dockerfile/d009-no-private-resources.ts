// OEP45-D009: an image published for the whole community must build without anyone's private
// credentials, and must not carry them: build args and ENV values are kept in the image's
// history for anyone who pulls it. This rule reports credentials written into URLs, ARG/ENV
// names that look like secrets (use `RUN --mount=type=secret` instead), private key or
// credential files copied in, and SSH git clones without `RUN --mount=type=ssh`. A name is read
// without the service's own name in front (`CREDENTIALS_CFG` of the credentials service is its
// config file, not credentials), and names that say what they are (`…_REPO`, `…_VERSION`,
// `…_BRANCH`, `…_CFG`, `…_PATH`, `…_URL`) never look like secrets.

import type { RawFinding, Rule } from '../rule.js';
import type { CheckContext } from '../context.js';
import { allCommands } from './shell.js';
import { argumentsOf, column, lineMatching, rawArguments, runScript, usableDockerfiles, type DockerInstruction, type ParsedDockerfile } from './parse.js';

/** `scheme://user:password@host` or `https://token@host` (a user name alone is fine for ssh/git). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/@'"]+)@/gi;
const URL_TOKEN_PARAMETER = /[?&](access_token|private_token|token|api_key|apikey|password|secret|sig)=[^&\s'"]+/i;
const SECRET_PART = /(^|_)(TOKEN|PASSWORD|PASSWD|PASSPHRASE|SECRET|APIKEY|CREDENTIALS?|PRIVATE_KEY|API_KEY|ACCESS_KEY|AUTH_KEY|CLIENT_SECRET)(_|$)/;
/** Names that point at a secret, or say they are something else. */
const NOT_A_SECRET = /(_(FILE|PATH|DIR|ROOT|ID|NAME|URL|URI|HOST|PORT|USER|USERNAME|LENGTH|TTL|EXPIRY|EXPIRATION|TIMEOUT|HEADER|TYPE|BACKEND|HASHERS?|REPO|REPOSITORY|VERSION|BRANCH|REF|TAG|CFG|CONFIG|CONF|MODE|ENABLED|REGION|BUCKET))$/;
const SECRET_FILES = /(^|\/)(id_(rsa|dsa|ecdsa|ed25519)|\.ssh|\.netrc|\.git-credentials|\.pypirc|\.npmrc|\.aws\/credentials|\.docker\/config\.json)(\/|$)/;

/** `credentials-dev` → `CREDENTIALS_DEV`: a service or image name as it starts a variable. */
function asPrefix(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The service's own names, as they start its variables: the project, its app prefix, its images. */
export function serviceNames(ctx: CheckContext): string[] {
  const { project } = ctx;
  const names = [project.name, project.appName, ...project.images.flatMap((i) => [i.name, i.variantOf ?? '', i.description ?? ''])];
  return [...new Set(names.map(asPrefix).filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length);
}

export function looksSecret(name: string, services: readonly string[] = []): boolean {
  let upper = name.toUpperCase();
  for (const service of services) {
    if (upper.startsWith(`${service}_`)) {
      upper = upper.slice(service.length + 1);
      break;
    }
  }
  return SECRET_PART.test(upper) && !NOT_A_SECRET.test(upper);
}

function credentialInUrl(text: string): string | undefined {
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const [, scheme, userinfo] = match;
    const sshLike = /^(ssh|git|git\+ssh|sftp)$/i.test(scheme!);
    if (userinfo!.includes(':') || !sshLike) return `${scheme}://${userinfo!.includes(':') ? 'user:password' : 'credential'}@…`;
  }
  if (URL_TOKEN_PARAMETER.test(text)) return 'a token in a URL parameter';
  return undefined;
}

interface Props {
  getProperties(): { getName(): string; getValue(): string | null; getNameRange(): { start: { character: number } } }[];
}

/** Whether every mention of $NAME in the file is inside a `--mount=type=secret` option. */
function onlyInSecretMounts(df: ParsedDockerfile, name: string): boolean {
  const mention = new RegExp(`\\$\\{?${name}\\b`);
  let mentioned = false;
  for (const instruction of df.instructions) {
    if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') continue;
    const flags = instruction.keyword === 'RUN' ? (instruction.node as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags() : [];
    const inSecretFlag = flags.some((f) => f.getName() === 'mount' && /type=secret/.test(f.getValue() ?? '') && mention.test(f.getValue() ?? ''));
    const rest = rawArguments(instruction);
    if (mention.test(rest)) return false;
    if (inSecretFlag) mentioned = true;
  }
  return mentioned;
}

function secretNames(df: ParsedDockerfile, instruction: DockerInstruction, services: readonly string[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const property of (instruction.node as unknown as Props).getProperties()) {
    const name = property.getName();
    if (!looksSecret(name, services)) continue;
    if (instruction.keyword === 'ARG' && property.getValue() === null && onlyInSecretMounts(df, name)) continue;
    const where = instruction.keyword === 'ARG' ? 'a build arg, kept in the image history' : 'an ENV value, stored in the image';
    out.push({
      message: `${instruction.keyword} ${name} looks like a secret passed as ${where}`,
      file: df.file,
      line: instruction.line,
      column: column(property.getNameRange().start),
      equivalent: { buildkit: 'SecretsUsedInArgOrEnv' },
    });
  }
  return out;
}

function privateIn(df: ParsedDockerfile, services: readonly string[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const instruction of df.instructions) {
    const { keyword } = instruction;
    const raw = rawArguments(instruction);
    const credential = credentialInUrl(raw);
    if (credential) {
      out.push({ message: `${keyword} has credentials in a URL (${credential})`, file: df.file, line: lineMatching(df, instruction, /:\/\/[^\s/]*@|[?&](access_token|private_token|token|api_key|apikey|password|secret|sig)=/i) });
    }
    if (keyword === 'ARG' || keyword === 'ENV') out.push(...secretNames(df, instruction, services));
    if ((keyword === 'COPY' || keyword === 'ADD') && !raw.includes('<<')) {
      const args = argumentsOf(instruction);
      const secret = args.slice(0, -1).find((a) => SECRET_FILES.test(a));
      if (secret) out.push({ message: `${keyword} copies ${secret}, a credential file, into the image`, file: df.file, line: instruction.line });
    }
    if (keyword === 'RUN') {
      const script = runScript(df, instruction);
      const sshMount = script.mounts.some((m) => m.type === 'ssh');
      const clone = allCommands(script.commands).find((c) => c.name === 'git' && ['clone', 'fetch', 'submodule', 'ls-remote'].includes(c.args[0] ?? '') && c.args.some((a) => /^(git@[^:]+:|ssh:\/\/)/.test(a)));
      if (clone && !sshMount) {
        out.push({ message: 'git over SSH needs a private key in the build; none is mounted', file: df.file, line: lineMatching(df, instruction, /git@|ssh:\/\//), help: 'Clone over HTTPS for public repositories; for private ones use `RUN --mount=type=ssh` with `docker build --ssh default`.' });
      }
    }
  }
  return out;
}

export const d009NoPrivateResources: Rule = {
  meta: {
    id: 'OEP45-D009',
    title: 'no private resources or credentials in the build',
    severity: 'error',
    area: 'dockerfile',
    help: 'Take secrets from `RUN --mount=type=secret,id=…` (`docker build --secret`), never from ARG, ENV, URLs or copied files; build from public sources.',
  },
  check(ctx) {
    const services = serviceNames(ctx);
    return usableDockerfiles(ctx).flatMap((df) => privateIn(df, services));
  },
};
