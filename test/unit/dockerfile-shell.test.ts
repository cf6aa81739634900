// The shell reading behind the RUN rules: commands, pipelines, substitutions, wrappers.
import { describe, expect, it } from 'vitest';
import { allCommands, hasOption, parseShell, type ShellCommand } from '../../src/checks/dockerfile/shell.js';
import { dependencyInstall } from '../../src/checks/dockerfile/commands.js';

/** `name arg…`, `| ` before a command piped into, `[…]` around substitutions. */
function show(commands: ShellCommand[]): string[] {
  return commands.map((c) => {
    const subs = c.substitutions.length ? ` [${show(c.substitutions).join('; ')}]` : '';
    return `${c.index > 0 ? '| ' : ''}${[c.name, ...c.args].join(' ')}${subs}`;
  });
}

describe('parseShell', () => {
  const cases: Array<[script: string, expected: string[]]> = [
    ['apt-get update && apt-get install -y a b', ['apt-get update', 'apt-get install -y a b']],
    ['curl -fsSL https://x | sh -s -- -y', ['curl -fsSL https://x', '| sh -s -- -y']],
    ['a; b || c & d', ['a', 'b', 'c', 'd']],
    ['set -e\ncurl x | bash # a comment\necho done', ['set -e', 'curl x', '| bash', 'echo done']],
    ['sh -c "$(curl -fsSL https://x)"', ['sh -c $(curl -fsSL https://x) [curl -fsSL https://x]']],
    ['echo $(wget -qO- y | head -1)', ['echo [wget -qO- y; | head -1]']],
    ['eval `curl -s z`', ['eval [curl -s z]']],
    ['bash <(curl -s x)', ['bash [curl -s x]']],
    ['A=1 B=2 sudo -E -u app env C=3 /usr/bin/pip3 install x', ['pip3 install x']],
    ['if [ -f x ]; then ./x.sh; fi', ['[ -f x ]', 'x.sh']],
    ['(cd /tmp && ./y.sh) || { echo no; }', ['cd /tmp', 'y.sh', 'echo no']],
    ['make 2>&1 > /tmp/log', ['make']],
    ["echo 'it''s' \"a 'b'\" `date`", ["echo its a 'b' [date]"]],
    ['echo "unterminated', ['echo unterminated']],
    ['', []],
  ];
  it.each(cases)('%j', (script, expected) => {
    expect(show(parseShell(script))).toEqual(expected);
  });

  it('keeps redirection targets and assignments apart from arguments', () => {
    const [curl] = parseShell('FOO=bar curl -s https://x > /tmp/x.sh');
    expect(curl).toMatchObject({ name: 'curl', args: ['-s', 'https://x'], redirects: ['/tmp/x.sh'], assignments: { FOO: 'bar' } });
  });

  it('lists substitution commands with allCommands', () => {
    expect(allCommands(parseShell('echo $(a $(b))')).map((c) => c.name)).toEqual(['echo', 'a', 'b']);
  });

  it.each([
    ['pip install --no-cache-dir x', '--no-cache-dir', true],
    ['pip install --no-cache-dir=1 x', '--no-cache-dir', true],
    ['tar -xzf a', '-z', true],
    ['tar --zip a', '-z', false],
    ['apk add --no-cache x', '--no-cache-dir', false],
  ])('hasOption(%j, %s) is %s', (script, option, expected) => {
    expect(hasOption(parseShell(script)[0]!, option)).toBe(expected);
  });
});

describe('dependencyInstall', () => {
  const cases: Array<[script: string, expected: ReturnType<typeof dependencyInstall>]> = [
    ['pip install -r requirements/base.txt', { manager: 'pip', localOnly: false }],
    ['pip3 install --no-deps -e .', { manager: 'pip', localOnly: true }],
    ['python3.12 -m pip install .[dev]', { manager: 'pip', localOnly: true }],
    ['python -m pip list', undefined],
    ['uv pip install -r r.txt', { manager: 'uv', localOnly: false }],
    ['npm ci', { manager: 'npm', localOnly: false }],
    ['npm run build', undefined],
    ['yarn', { manager: 'yarn', localOnly: false }],
    ['yarn --frozen-lockfile', { manager: 'yarn', localOnly: false }],
    ['yarn build', undefined],
    ['apt-get -y install curl', { manager: 'apt', localOnly: false }],
    ['apt-get update', undefined],
    ['apk add --no-cache curl', { manager: 'apk', localOnly: false }],
    ['pip-sync requirements.txt', { manager: 'pip', localOnly: false }],
  ];
  it.each(cases)('%j', (script, expected) => {
    expect(dependencyInstall(parseShell(script)[0]!)).toEqual(expected);
  });
});
