// How an answer becomes text (src/registry/answer.ts): which part of a body is shown, made
// printable, redacted, cut; withheld when it would show a secret; a cut-off body loses its tail;
// the line of an engine's output an error quotes.
import { describe, expect, it } from 'vitest';
import { bodyText, describeAnswer, engineExcerpt, EXCERPT_CHARS, excerpt, printable, WITHHELD } from '../../src/registry/answer.js';
import { REDACTED, Secrets } from '../../src/registry/secrets.js';

const PASSWORD = 'hunter2-Qx9';
const BASIC = Buffer.from(`ci:${PASSWORD}`).toString('base64');
const secrets = new Secrets();
secrets.addCredential({ username: 'ci', password: PASSWORD });

describe('bodyText: the part of an error body worth showing', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['a registry error (distribution, GHCR)', '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied","detail":{"x":1}}]}', 'DENIED: requested access to the resource is denied'],
    ['only the first of several errors', '{"errors":[{"code":"A"},{"code":"B","message":"b"}]}', 'A'],
    ["Docker Hub's token service", '{"details":"incorrect username or password"}', 'incorrect username or password'],
    ['an OAuth2 error', '{"error":"invalid_grant","error_description":"bad password"}', 'invalid_grant: bad password'],
    ['a message field', '{"message":"rate limited"}', 'rate limited'],
    ['JSON of nothing known (an echo of headers) says nothing', '{"headers":{"authorization":"Basic abc"},"url":"/token"}', undefined],
    ['a JSON array says nothing', '[1,2]', undefined],
    ['an HTML error page: its title', '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><pre>Authorization: Basic x</pre></body></html>', '502 Bad Gateway'],
    ['an HTML page without a title: its text', '<html><body><h1>Service down</h1><script>var a=1</script></body></html>', 'Service down'],
    ['plain text: the first line', '\n\nupstream timed out\nheaders: authorization=Basic x\n', 'upstream timed out'],
    ['JSON cut off: read as text', '{"errors":[{"code":"DENIED","mess', '{"errors":[{"code":"DENIED","mess'],
    ['an empty body', '  ', undefined],
  ];
  for (const [name, body, expected] of cases) it(name, () => expect(bodyText(body)).toBe(expected));
});

describe('printable', () => {
  const cases: Array<[string, string, string]> = [
    ['terminal escapes out', '\x1b[31mred\x1b[0m \x1b]0;title\x07done', 'red done'],
    ['newlines and tabs folded (no second line for a workflow command)', 'a\n::error::injected\r\n\tb', 'a ::error::injected b'],
    ['control characters out', 'a\x00\x07b\x7fc', 'a b c'],
    ['zero-width and bidi characters removed, so they neither hide nor split a secret', 'hun\u200bter2\u202e-Qx9', 'hunter2-Qx9'],
  ];
  for (const [name, text, expected] of cases) it(name, () => expect(printable(text)).toBe(expected));
});

describe('excerpt', () => {
  it('replaces every secret, including one split by an invisible character', () => {
    expect(excerpt(`you sent Basic ${BASIC} (ci:hun\u200bter2-Qx9)`, secrets)).toBe(`you sent ${REDACTED} (${REDACTED})`);
  });
  // `pw: ` is 4 characters: the password's base64 is at another alignment than any known form.
  it('withholds a text that still shows a secret once decoded', () => {
    expect(excerpt(`debug ${Buffer.from(`pw: ${PASSWORD}`).toString('base64')}`, secrets)).toBe(WITHHELD);
  });
  it(`cuts to ${EXCERPT_CHARS} characters after redaction`, () => {
    const text = excerpt(`${'word '.repeat(100)}${PASSWORD}`, secrets)!;
    expect(Array.from(text)).toHaveLength(EXCERPT_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });
  it('says nothing of nothing', () => {
    expect(excerpt(undefined, secrets)).toBeUndefined();
    expect(excerpt('\x1b[0m', secrets)).toBeUndefined();
  });
});

describe('describeAnswer', () => {
  it('the status and the excerpt, never a header or the rest of the body', () => {
    const body = JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `you sent authorization=Basic ${BASIC}` }], echo: { password: PASSWORD } });
    expect(describeAnswer({ status: 500, body }, secrets)).toBe(`HTTP 500: UNKNOWN: you sent authorization=${REDACTED}`);
  });
  it('a status alone when the body says nothing', () => {
    expect(describeAnswer({ status: 502, body: Buffer.alloc(0) }, secrets)).toBe('HTTP 502');
  });
  it('a body cut off where reading stopped loses its tail, where part of a secret may be', () => {
    const body = `upstream said: authorization=${BASIC.slice(0, 10)}`;
    expect(describeAnswer({ status: 400, body, truncated: true }, secrets)).not.toContain(BASIC.slice(0, 6));
    const long = describeAnswer({ status: 400, body: `${'x'.repeat(50)} ${'y'.repeat(300)} ${BASIC.slice(0, 10)}`, truncated: true }, secrets);
    expect(long).toMatch(/^HTTP 400: x{50} y+…$/);
    expect(long).not.toContain(BASIC.slice(0, 6));
  });
});

describe('engineExcerpt', () => {
  const output = [
    '#5 [2/3] RUN make',
    '#5 DONE 0.1s',
    `#6 ERROR: failed to push 127.0.0.1:5000/ns/app:1: denied: you sent Basic ${BASIC}`,
    '------',
    ' > exporting to image:',
  ].join('\n');
  it('the last line that says what failed, its step prefix out, secrets out', () => {
    expect(engineExcerpt(output, secrets, (l) => /error:|failed/i.test(l))).toBe(`ERROR: failed to push 127.0.0.1:5000/ns/app:1: denied: you sent ${REDACTED}`);
  });
  it('by default the last line', () => {
    expect(engineExcerpt(`Error response from daemon: Get "http://127.0.0.1:5000/v2/": unauthorized: ci:${PASSWORD}\n`, secrets)).toBe(
      `Error response from daemon: Get "http://127.0.0.1:5000/v2/": unauthorized: ${REDACTED}`,
    );
  });
  it('nothing when no line is picked', () => expect(engineExcerpt('all good\n', secrets, () => false)).toBeUndefined());
  it('a long line keeps its start and its end, where a Go error chain names the cause', () => {
    const line = `ERROR: failed to solve: failed to push 127.0.0.1:5000/ns/app:inputs-${'a'.repeat(64)}: unexpected status from HEAD request to http://127.0.0.1:5000/v2/ns/app/blobs/sha256:${'b'.repeat(64)}: 403 Forbidden`;
    const text = engineExcerpt(line, secrets)!;
    expect(text).toMatch(/^ERROR: failed to solve: failed to push 127\.0\.0\.1:5000\/ns\/app:inputs-a+ … .*b+: 403 Forbidden$/);
    expect(Array.from(text).length).toBeLessThanOrEqual(EXCERPT_CHARS);
  });
});
