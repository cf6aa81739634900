// What an image of `.oep45.yml` or `images-data.json` may say, checked where it is read, so that a
// bad value is one error at its file:line:column rather than a surprise further on: each value
// becomes an argument of docker, a job or artifact name of the reusable workflow's matrix, a
// runner lookup or a line of a report. A platform is `os/arch[/variant]` (once `__proto__`, which
// made a leg without a runner), a name (with its dev suffix) a Docker repository name, a target a
// build stage's name, a build arg's name an ARG name; display strings (the owning team, the
// entry's name) are one line. Build args' values may hold anything: they reach docker only as
// one argv element each (src/util/exec.ts, no shell), and reports show them escaped.

import { checkImageName, isPlatform } from '../plan/platform.js';
import { hasControlCharacters } from '../report/escape/text.js';
import { UserError } from '../util/errors.js';
import { locate, type YamlSource } from './yaml-source.js';

/** A Dockerfile stage name, as BuildKit's parser accepts it. */
const STAGE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
/** An ARG a Dockerfile can refer to (`$NAME`, `${NAME}`). */
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Path = readonly (string | number)[];

const show = (value: string): string => JSON.stringify(value);

/** Checks the values of one image, named in every message, at their place in `src`. */
export class ImageValueChecker {
  constructor(
    private readonly src: YamlSource,
    private readonly image: string,
  ) {}

  private fail(path: Path, message: string, atKey = false): never {
    throw new UserError(`image ${show(this.image)}: ${message}`, locate(this.src, path, atKey));
  }

  platform(value: string, path: Path): void {
    if (!isPlatform(value)) this.fail(path, `platform ${show(value)} is not os/arch[/variant] (e.g. linux/amd64, linux/arm64, linux/arm/v7)`);
  }

  name(value: string, path: Path): void {
    try {
      checkImageName(value);
    } catch (error) {
      throw new UserError((error as Error).message, locate(this.src, path));
    }
  }

  target(value: string | undefined, path: Path): void {
    if (value !== undefined && !STAGE.test(value)) this.fail(path, `target ${show(value)} is not a build stage's name (a letter, then letters, digits, _ . -)`);
  }

  buildArgs(args: Record<string, unknown> | undefined, path: Path): void {
    for (const name of Object.keys(args ?? {})) {
      if (!ARG_NAME.test(name)) this.fail([...path, name], `build arg ${show(name)} is not an ARG name (a letter or _, then letters, digits, _)`, true);
    }
  }

  oneLine(value: string | undefined, path: Path, what: string): void {
    if (value !== undefined && hasControlCharacters(value)) this.fail(path, `${what} ${show(value)} holds a line break or a control character`);
  }
}
