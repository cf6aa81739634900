import { describe, expect, it } from 'vitest';
import { parseRunnerMapping, runnerFor } from '../../src/plan/runners.js';

describe('runnerFor: the most specific platform prefix wins, then the default', () => {
  const cases: Array<[string, string, unknown]> = [
    ['linux/amd64', '', 'ubuntu-24.04'],
    ['linux/arm64', '', 'ubuntu-24.04-arm'],
    ['linux/arm64/v8', '', 'ubuntu-24.04-arm'],
    // No native runner built in: an amd64 runner, and the leg sets up QEMU.
    ['linux/arm/v7', '', 'ubuntu-24.04'],
    ['linux/ppc64le', '', 'ubuntu-24.04'],
    ['linux/s390x', '', 'ubuntu-24.04'],
    ['linux/arm64', 'linux/arm64=my-arm', 'my-arm'],
    ['linux/arm64/v8', 'linux/arm64=my-arm', 'my-arm'],
    ['linux/amd64', '*=big-x86', 'big-x86'],
    ['linux/amd64', 'default=big-x86', 'big-x86'],
    // The default is for platforms no rule names: the built-in arm64 rule is more specific.
    ['linux/arm64', '*=big-x86', 'ubuntu-24.04-arm'],
    ['linux/amd64', 'linux/amd64=a\n*=b', 'a'],
    ['linux/ppc64le', '*=b', 'b'],
    // A prefix matches whole parts: linux/arm is not a prefix of linux/arm64.
    ['linux/arm/v7', 'linux/arm=ubuntu-24.04-arm', 'ubuntu-24.04-arm'],
    ['linux/arm64', 'linux/arm=ubuntu-24.04-arm', 'ubuntu-24.04-arm'],
    ['linux/arm64', 'linux/arm=pi', 'ubuntu-24.04-arm'],
    ['linux/arm/v6', 'linux/arm=pi\nlinux/arm/v6=old-pi', 'old-pi'],
    ['linux/riscv64', 'linux=any-linux', 'any-linux'],
    // The caller's rule beats the built-in one of the same specificity; later lines win.
    ['linux/arm64', 'linux/arm64=first\nlinux/arm64=second', 'second'],
    // An empty label (an input left empty) keeps the built-in runner.
    ['linux/arm64', 'linux/arm64=\n*=', 'ubuntu-24.04-arm'],
    // Self-hosted fleets: label lists and runner groups, as runs-on takes them.
    ['linux/arm64', 'linux/arm64=["self-hosted", "arm64"]', ['self-hosted', 'arm64']],
    ['linux/amd64', '*={"group": "builders", "labels": ["x64"]}', { group: 'builders', labels: ['x64'] }],
    ['linux/amd64', '*={"group": "builders"}', { group: 'builders' }],
  ];
  it.each(cases)('%s with %j runs on %j', (platform, text, runner) => {
    expect(runnerFor(platform, parseRunnerMapping(text))).toEqual(runner);
  });
});

describe('parseRunnerMapping refuses what runs-on could not take', () => {
  const bad: Array<[string, RegExp]> = [
    ['linux/arm64', /is not PLATFORM=RUNNER/],
    ['=x', /is not PLATFORM=RUNNER/],
    ['__proto__=x', /"__proto__" is not a platform/],
    ['Linux/AMD64=x', /is not a platform/],
    ['linux/arm64/v8/extra=x', /is not a platform/],
    ['*=[]', /empty list/],
    ['*=[1]', /non-empty string/],
    ['*=["a", ""]', /non-empty string/],
    ['*={"name": "x"}', /runner group is/],
    ['*={}', /runner group is/],
    ['*={"group": 3}', /non-empty string/],
    ['*=[oops', /must be JSON/],
  ];
  it.each(bad)('%j', (text, message) => {
    expect(() => parseRunnerMapping(text)).toThrow(message);
  });

  it('ignores blank lines and comments, and never splits a JSON list on its commas', () => {
    const m = parseRunnerMapping('# builders\n\n linux/arm64 = ["self-hosted","arm64"] \n');
    expect([...m.rules]).toEqual([['linux/arm64', ['self-hosted', 'arm64']]]);
  });
});
