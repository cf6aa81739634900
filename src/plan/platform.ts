// What may go into the reusable workflow's matrices, checked before it gets there: a value there
// becomes a job name, an artifact name, a runner lookup and an action input, so a platform that
// is not `os/arch[/variant]` (once `__proto__`, which found a runner on Object.prototype) or an
// image name that is not a Docker repository name stops the plan with the image it came from.
// Written by hand: the grammars are two regular expressions (the OCI image spec's platform
// fields, the distribution reference grammar's path components).

import { UserError } from '../util/errors.js';

/** `linux/amd64`, `linux/arm/v7`, `linux/arm64/v8`, `windows/amd64`: lower-case, two or three parts. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** The distribution reference grammar's path: components of `[a-z0-9]` joined by `.`, `_`, `__` or dashes. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY_PATH = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);

/** Docker's own limit on a repository name. */
const NAME_MAX = 255;

export function isPlatform(platform: string): boolean {
  return PLATFORM.test(platform);
}

export function checkPlatform(platform: string, image: string): string {
  if (!isPlatform(platform)) {
    throw new UserError(`image ${JSON.stringify(image)}: platform ${JSON.stringify(platform)} is not os/arch[/variant] (e.g. linux/amd64, linux/arm64, linux/arm/v7)`);
  }
  return platform;
}

export function checkImageName(name: string): string {
  if (name.length > NAME_MAX || !REPOSITORY_PATH.test(name)) {
    throw new UserError(
      `image name ${JSON.stringify(name)} is not a Docker repository name: lower-case letters, digits and . _ - between them, / between parts, at most ${NAME_MAX} characters`,
    );
  }
  return name;
}

/** A display string (an owning team) that may not carry a line break or a control character. */
export function checkOneLine(value: string, what: string, image: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new UserError(`image ${JSON.stringify(image)}: ${what} holds a line break or a control character`);
  return value;
}

/** `linux/arm64/v8` is `linux/arm64`: one platform, whichever way it is written. */
export function normalizePlatform(platform: string): string {
  return platform === 'linux/arm64/v8' ? 'linux/arm64' : platform;
}
