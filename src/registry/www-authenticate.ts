// Parses a `WWW-Authenticate` header (RFC 7235): `Bearer realm="…",service="…",scope="…"` or
// `Basic realm="…"`. Hand-written: the grammar is one small RFC production, and the npm parsers
// for it are unmaintained; the unit test covers quoting, escapes, several challenges and junk.

export interface Challenge {
  /** Lower-case scheme: `bearer`, `basic`. */
  scheme: string;
  /** Parameters with lower-case names. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Every challenge in the header, in order; an unreadable header gives an empty list. */
export function parseWwwAuthenticate(header: string | null | undefined): Challenge[] {
  if (!header) return [];
  const challenges: Challenge[] = [];
  let s = header.trim();
  let current: Challenge | undefined;
  while (s.length) {
    s = s.replace(/^[\s,]+/, '');
    if (!s.length) break;
    const name = TOKEN.exec(s)?.[0];
    if (!name) break;
    const afterName = s.slice(name.length);
    const param = /^\s*=\s*/.exec(afterName);
    if (param && current) {
      // auth-param: name = token / quoted-string
      s = afterName.slice(param[0].length);
      let value: string;
      if (s.startsWith('"')) {
        let i = 1;
        value = '';
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        s = s.slice(i + 1);
      } else {
        // Leniently up to the next comma: some registries leave URLs unquoted.
        value = /^[^\s,]*/.exec(s)?.[0] ?? '';
        s = s.slice(value.length);
      }
      current.params[name.toLowerCase()] = value;
    } else {
      // A new challenge: scheme, then its parameters.
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      s = afterName;
    }
  }
  return challenges;
}
