// Values of images-data.json and .oep45.yml images that become docker arguments, matrix entries or
// report lines: each bad one is one error at its file:line:column (src/config/image-values.ts).

import { describe, expect, it } from 'vitest';
import { parseImagesData } from '../../src/config/images-data.js';
import { parseOep45Yml } from '../../src/config/oep45-yml.js';
import { UserError } from '../../src/util/errors.js';

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (caught) {
    expect(caught).toBeInstanceOf(UserError);
    return String(caught);
  }
  return 'no error';
}

const entries = (entry: object): string => `[\n  {"image_name": "ok"},\n  ${JSON.stringify(entry)}\n]\n`;

describe('images-data.json values', () => {
  const cases: Array<[string, object, RegExp]> = [
    ['__proto__ platform', { image_name: 'lms', os_platform: '__proto__' }, /^images-data\.json:3:\d+: image "lms": platform "__proto__" is not os\/arch\[\/variant\]/],
    ['constructor platform', { image_name: 'lms', os_platform: 'linux/amd64,constructor' }, /^images-data\.json:3:\d+: image "lms": platform "constructor" is not os\/arch/],
    ['a platform with a newline', { image_name: 'lms', os_platform: 'linux/amd64\n::error::x' }, /platform "linux\/amd64\\n::error::x" is not/],
    ['upper-case platform', { image_name: 'lms', os_platform: 'Linux/AMD64' }, /platform "Linux\/AMD64" is not/],
    ['a shell target', { image_name: 'lms', target: 'app;touch /tmp/x' }, /^images-data\.json:3:\d+: image "lms": target "app;touch \/tmp\/x" is not a build stage's name/],
    ['a build arg name with =', { image_name: 'lms', build_args: { 'A=B': 'x' } }, /^images-data\.json:3:\d+: image "lms": build arg "A=B" is not an ARG name/],
    ['a build arg name with $()', { image_name: 'lms', build_args: { '$(id)': 'x' } }, /build arg "\$\(id\)" is not an ARG name/],
    ['an owner on two lines', { image_name: 'lms', owning_team_email: 'a@b\n::warning::x' }, /^images-data\.json:3:\d+: image "lms": owning_team_email "a@b\\n::warning::x" holds a line break/],
    ['a name with an escape', { image_name: 'lms', name: 'lms\u001b[2J' }, /name "lms\\u001b\[2J" holds a line break or a control character/],
    ['an image name with a shell', { image_name: 'lms;id' }, /^images-data\.json:3:\d+: `1\.image_name` must match/],
  ];
  for (const [name, entry, want] of cases) it(name, () => expect(error(() => parseImagesData('images-data.json', entries(entry), ['linux/amd64']))).toMatch(want));

  it('keeps what services write, and build args values as they are', () => {
    const images = parseImagesData(
      'images-data.json',
      entries({ image_name: 'lms-dev', os_platform: 'linux/amd64, linux/arm64/v8,linux/arm/v7', target: 'development', owning_team_email: 'Team <team@example.com>', build_args: { SERVICE_VARIANT: 'lms', X: '$(touch /tmp/x); `id`' } }),
      ['linux/amd64'],
    );
    expect(images[1]!.platforms).toEqual(['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']);
    expect(images[1]!.buildArgs).toEqual({ SERVICE_VARIANT: 'lms', X: '$(touch /tmp/x); `id`' });
    expect(images[1]!.owner).toBe('Team <team@example.com>');
  });

  it('a __proto__ build arg is an own value, and nothing reaches Object.prototype', () => {
    expect(error(() => parseImagesData('images-data.json', '[{"image_name": "a", "build_args": {"__proto__": {"polluted": "yes"}}}]', ['linux/amd64']))).toMatch(/`0\.build_args\.__proto__` must be a string/);
    const images = parseImagesData('images-data.json', '[{"image_name": "a", "build_args": {"__proto__": "yes"}}]', ['linux/amd64']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(images[0]!.buildArgs)).toBe(Object.prototype);
    expect(Object.entries(images[0]!.buildArgs)).toEqual([['__proto__', 'yes']]);
  });
});

describe('.oep45.yml image values', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['__proto__ platform', 'images:\n  - name: app\n    platforms: [__proto__]\n', /^\.oep45\.yml:3:\d+: `images\.0\.platforms\.0` must match/],
    ['a dev suffix with a newline', 'images:\n  - name: app\n    dev:\n      target: dev\n      suffix: "-dev\\n::error::x"\n', /^\.oep45\.yml:5:\d+: image name "app-dev\\n::error::x" is not a Docker repository name/],
    ['a dev suffix with upper case', 'images:\n  - name: app\n    dev:\n      target: dev\n      suffix: _Dev\n', /^\.oep45\.yml:5:\d+: image name "app_Dev" is not a Docker repository name/],
    ['a dev target with a space', 'images:\n  - name: app\n    dev:\n      target: "dev --push"\n', /^\.oep45\.yml:4:\d+: image "app": target "dev --push" is not a build stage's name/],
    ['a target with backticks', 'images:\n  - name: app\n    target: "`id`"\n', /^\.oep45\.yml:3:\d+: image "app": target "`id`" is not/],
    ['a build arg name with a space', 'images:\n  - name: app\n    build-args:\n      "A B": x\n', /^\.oep45\.yml:4:7: image "app": build arg "A B" is not an ARG name/],
    ['an owner with a carriage return', 'images:\n  - name: app\n    owner: "a\\r::error::x"\n', /^\.oep45\.yml:3:\d+: image "app": owner "a\\r::error::x" holds a line break/],
  ];
  for (const [name, text, want] of cases) it(name, () => expect(error(() => parseOep45Yml('.oep45.yml', text))).toMatch(want));

  it('accepts what services write', () => {
    const yml = parseOep45Yml('.oep45.yml', 'images:\n  - name: credentials\n    target: app\n    platforms: [linux/amd64, linux/arm64]\n    build-args:\n      PYTHON_VERSION: "3.12"\n    dev:\n      target: dev\n    owner: team@example.com\n');
    expect(yml.images?.[0]?.name).toBe('credentials');
  });
});
