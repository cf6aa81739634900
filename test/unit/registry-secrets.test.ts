// The run's secrets (src/registry/secrets.ts): which forms of a password and a token are known,
// that each is announced once, what redaction replaces (known forms and credential-shaped text)
// and leaves alone (English), and which decodings `reveals` sees through.
import { describe, expect, it } from 'vitest';
import { credentialForms, REDACTED, secretForms, Secrets } from '../../src/registry/secrets.js';

const PASSWORD = 'p@ss w0rd/+="x';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('secret forms', () => {
  it('a password: itself, JSON-escaped, percent-encoded (both cases, form-encoded), base64 (padded or not), base64url', () => {
    const forms = secretForms(PASSWORD);
    expect(forms).toEqual(
      expect.arrayContaining([
        PASSWORD,
        'p@ss w0rd/+=\\"x',
        'p%40ss%20w0rd%2F%2B%3D%22x',
        'p%40ss%20w0rd%2f%2b%3d%22x',
        'p%40ss+w0rd%2F%2B%3D%22x',
        b64(PASSWORD),
        b64(PASSWORD).replace(/=+$/, ''),
        Buffer.from(PASSWORD).toString('base64url'),
        encodeURIComponent(b64(PASSWORD)),
      ]),
    );
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('a credential adds the Basic credential of user:password and its forms', () => {
    const forms = credentialForms('ci', PASSWORD);
    expect(forms).toEqual(expect.arrayContaining([PASSWORD, `Basic ${b64(`ci:${PASSWORD}`)}`, b64(`ci:${PASSWORD}`), encodeURIComponent(`ci:${PASSWORD}`)]));
    expect(credentialForms('ci', '')).toEqual([]);
  });

  it('announces each form once, when it is first known', () => {
    const announced: string[] = [];
    const secrets = new Secrets((f) => announced.push(f));
    secrets.addCredential({ username: 'ci', password: PASSWORD });
    const first = announced.length;
    secrets.addCredential({ username: 'ci', password: PASSWORD });
    secrets.add(PASSWORD);
    expect(announced).toHaveLength(first);
    expect(announced).toEqual(credentialForms('ci', PASSWORD));
    secrets.add('tok-1234567890');
    expect(announced.slice(first)).toContain('tok-1234567890');
  });
});

describe('redaction', () => {
  const secrets = new Secrets();
  secrets.addCredential({ username: 'ci', password: PASSWORD });
  secrets.add('tok-Zq81xw0');
  const basic = b64(`ci:${PASSWORD}`);
  const cases: Array<[string, string]> = [
    [`you sent authorization=Basic ${basic}`, `you sent authorization=${REDACTED}`],
    // user:password is itself a form (the decoded Basic credential).
    [`(ci:${PASSWORD})`, `(${REDACTED})`],
    [`password=${encodeURIComponent(PASSWORD)}&user=ci`, `password=${REDACTED}&user=ci`],
    [`got ${encodeURIComponent(PASSWORD).toLowerCase().replace(/%[0-9a-z]{2}/g, (m) => m.toLowerCase())} here`, `got ${REDACTED} here`],
    [`{"p":"${JSON.stringify(PASSWORD).slice(1, -1)}"}`, `{"p":"${REDACTED}"}`],
    ['Bearer tok-Zq81xw0 was sent', `Bearer ${REDACTED} was sent`],
    // Credentials we never held, by their shape.
    ['Authorization: Basic dXNlcjpvdGhlcg==', `Authorization: ${REDACTED} ${REDACTED}`],
    ['then Bearer abc.def-123 expired', `then Bearer ${REDACTED} expired`],
    ['jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln done', `jwt ${REDACTED} done`],
    ['{"token": "opaque-value", "expires_in": 300}', `{"token": "${REDACTED}", "expires_in": 300}`],
    ['client_secret=abc123&x=1', `client_secret=${REDACTED}&x=1`],
    // English stays English.
    ['registry 127.0.0.1:5000: its token service answered HTTP 500', 'registry 127.0.0.1:5000: its token service answered HTTP 500'],
    ['the registry wants Basic authentication for pushing', 'the registry wants Basic authentication for pushing'],
    ['needs credentials for repository:ns/app:pull,push', 'needs credentials for repository:ns/app:pull,push'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text.slice(0, 50))} → ${JSON.stringify(expected.slice(0, 50))}`, () => expect(secrets.redact(text)).toBe(expected));
  }

  it('redactKnown replaces only the known forms (build logs keep their own words)', () => {
    expect(secrets.redactKnown(`token=abc ${PASSWORD}`)).toBe(`token=abc ${REDACTED}`);
  });

  it('a longer form is replaced whole, not around a shorter one inside it', () => {
    const s = new Secrets();
    s.add('abc');
    s.add('xxabcxx');
    expect(s.redact('[xxabcxx]')).toBe(`[${REDACTED}]`);
  });
});

describe('reveals: a secret under an encoding no known form covers', () => {
  const secrets = new Secrets();
  secrets.addCredential({ username: 'ci', password: 'hunter2-Qx9' });
  const cases: Array<[string, boolean]> = [
    ['nothing here', false],
    ['hunter2-Qx9', true],
    // base64 of the password inside a longer text: another alignment than base64(password)
    [`echo ${b64('the password is hunter2-Qx9!')}`, true],
    [`glued x${b64('user=ci pass=hunter2-Qx9')}`, true],
    // percent-encoding of every character, and twice
    [`q=${[...'hunter2-Qx9'].map((c) => '%' + c.charCodeAt(0).toString(16)).join('')}`, true],
    [`q=${encodeURIComponent(encodeURIComponent('hunter2-Qx9 '))}`, true],
    // hex
    [`hex ${Buffer.from('hunter2-Qx9').toString('hex')}`, true],
    [`sha256:${'a'.repeat(64)} is a digest`, false],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text.slice(0, 60))}: ${expected}`, () => expect(secrets.reveals(text)).toBe(expected));
  }
  it('without secrets nothing is revealed', () => expect(new Secrets().reveals('hunter2-Qx9')).toBe(false));
});
