import { describe, expect, it } from 'vitest';
import { parseBoolean, parseKeyValues, parseList } from '../../src/util/lists.js';
import { parseDuration } from '../../src/util/duration.js';

describe('input lists', () => {
  const lists: Array<[string | undefined, boolean, string[]]> = [
    [undefined, true, []],
    ['', true, []],
    ['linux/amd64,linux/arm64', true, ['linux/amd64', 'linux/arm64']],
    ['a\n b \n\n# comment\nc', true, ['a', 'b', 'c']],
    ['type=registry,ref=x\ntype=gha', false, ['type=registry,ref=x', 'type=gha']],
  ];
  for (const [text, commas, expected] of lists) {
    it(`parseList(${JSON.stringify(text)}, ${commas})`, () => expect(parseList(text, commas)).toEqual(expected));
  }

  it('parses KEY=VALUE, keeping = in values', () => {
    expect(parseKeyValues(['A=1', 'B=x=y', 'C='], 'build-args')).toEqual({ A: '1', B: 'x=y', C: '' });
  });
  it('keeps __proto__ and constructor as entries, touching no prototype', () => {
    const map = parseKeyValues(['__proto__=x', 'constructor=y', 'A=1', 'A=2'], 'build-args');
    expect(Object.entries(map)).toEqual([['__proto__', 'x'], ['constructor', 'y'], ['A', '2']]);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });
  it('refuses an entry without =', () => {
    expect(() => parseKeyValues(['A'], 'build-args')).toThrow('build-args: "A" is not KEY=VALUE');
  });

  const booleans: Array<[string | undefined, boolean | undefined]> = [
    [undefined, undefined],
    ['', undefined],
    ['true', true],
    ['False', false],
    ['yes', true],
    ['0', false],
  ];
  for (const [text, expected] of booleans) {
    it(`parseBoolean(${JSON.stringify(text)})`, () => expect(parseBoolean(text, 'push')).toBe(expected));
  }
  it('refuses a boolean it cannot read', () => expect(() => parseBoolean('maybe', 'push')).toThrow('push: "maybe" is not true or false'));

  const durations: Array<[string, number]> = [
    ['12h', 43200],
    ['7d', 604800],
    ['2w', 1209600],
  ];
  for (const [text, seconds] of durations) {
    it(`parseDuration(${text})`, () => expect(parseDuration(text, 'max-age')).toBe(seconds));
  }
  it('refuses a duration without unit', () => expect(() => parseDuration('7', 'max-age')).toThrow(/max-age: "7" is not a duration/));
});
