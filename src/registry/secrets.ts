// The secrets one run holds — registry passwords, the Basic credential made of them, the bearer
// tokens a token service hands out — with the forms each takes on the wire or in a careless
// server's echo (base64, base64url, percent-encoded, form-encoded, JSON-escaped), and the
// redaction every error, log line and answer excerpt goes through. Each form is announced once,
// when it is first known (the action masks it with `core.setSecret`, the CLI scrubs its log with
// it), so that it is masked before the request that sends it.
// Hand-written: no library knows which forms our own requests give a secret.

export const REDACTED = '***';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
/** Percent-encoding with lower-case hex, as some servers write it. */
const lowerPercent = (encoded: string): string => encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** The forms a secret value can take when it is sent or echoed (the value first). */
export function secretForms(value: string): string[] {
  if (!value) return [];
  const uri = encodeURIComponent(value);
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    uri,
    lowerPercent(uri),
    uri.replace(/%20/g, '+'),
    base64(value),
    base64(value).replace(/=+$/, ''),
    base64url(value),
    encodeURIComponent(base64(value)),
  ];
  return [...new Set(forms)];
}

/**
 * The forms of a username and password: the password's own, and those of the Basic credential
 * (`base64(user:password)`, as the Authorization header and docker's config.json carry it).
 */
export function credentialForms(username: string, password: string): string[] {
  if (!password) return [];
  const pair = `${username}:${password}`;
  return [...new Set([...secretForms(password), ...secretForms(pair), `Basic ${base64(pair)}`])];
}

/** Credentials we never held can still be echoed: the shapes that always carry one. */
const GENERIC: ReadonlyArray<[RegExp, string]> = [
  // An Authorization header's value, whatever the scheme says.
  // (a digit or `+/=` in it: a credential, not an English word after "basic").
  [/\b(basic|bearer)(\s+)(?=[A-Za-z0-9+/=._~%-]*[0-9+/=])[A-Za-z0-9+/=._~%-]{6,}/gi, `$1$2${REDACTED}`],
  // A JSON Web Token, alone or in a sentence.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // `password=…`, `"token": "…"`, `authorization: …`: keep the name, drop the value.
  [/\b(authorization|password|passwd|secret|client_secret|token|access_token|refresh_token|id_token)(["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi, `$1$2${REDACTED}`],
];

/** Runs of characters that may be an encoding of something: decoded to look for a secret inside. */
const ENCODED_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){4,}\b/g;

export class Secrets {
  /** Every form, longest first (so a longer form is replaced before a value it contains). */
  private forms: string[] = [];
  private readonly known = new Set<string>();
  /** The plain values, for `reveals`. */
  private readonly values = new Set<string>();

  constructor(private readonly announce: (form: string) => void = () => {}) {}

  /** A password or token. */
  add(value: string | undefined): void {
    if (!value) return;
    this.values.add(value);
    this.remember(secretForms(value));
  }

  /** A username and password: the password and the Basic credential made of both. */
  addCredential(credential: { username: string; password: string } | undefined): void {
    if (!credential?.password) return;
    this.values.add(credential.password);
    this.remember(credentialForms(credential.username, credential.password));
  }

  private remember(forms: readonly string[]): void {
    let added = false;
    for (const form of forms) {
      if (this.known.has(form)) continue;
      this.known.add(form);
      this.announce(form);
      added = true;
    }
    if (added) this.forms = [...this.known].sort((a, b) => b.length - a.length);
  }

  /** The longest form's length: how much of a cut-off text may hold part of one. */
  get longest(): number {
    return this.forms[0]?.length ?? 0;
  }

  /** Every known form replaced (cheap: for streamed lines such as build logs). */
  redactKnown(text: string): string {
    let out = text;
    for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /** Every known form, and everything shaped like a credential, replaced. */
  redact(text: string): string {
    let out = this.redactKnown(text);
    for (const [pattern, replacement] of GENERIC) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * Whether `text` still shows a secret once decoded (percent-escapes, base64 or hex runs, at any
   * alignment a known form does not cover): such a text is withheld, not shown.
   */
  reveals(text: string): boolean {
    if (!this.values.size) return false;
    const views = new Set<string>([text, text.toLowerCase()]);
    for (let view = text, i = 0; i < 2; i++) {
      view = view.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      });
      views.add(view);
    }
    for (const run of text.match(ENCODED_RUN) ?? []) {
      for (let shift = 0; shift < 4 && shift < run.length; shift++) views.add(Buffer.from(run.slice(shift), 'base64').toString('latin1'));
    }
    for (const run of text.match(HEX_RUN) ?? []) views.add(Buffer.from(run, 'hex').toString('latin1'));
    for (const view of views) {
      for (const value of this.values) if (view.includes(value) || view.includes(Buffer.from(value, 'utf8').toString('latin1'))) return true;
    }
    return false;
  }
}

/** A run's secrets, the given credentials already in (their forms announced at once). */
export function secretsFor(credentials: ReadonlyArray<{ username: string; password: string }>, announce: (form: string) => void): Secrets {
  const secrets = new Secrets(announce);
  for (const credential of credentials) secrets.addCredential(credential);
  return secrets;
}
