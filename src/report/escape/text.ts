// One line of text from untrusted input (a ref, a dev suffix, a Dockerfile name, a finding's quote
// of a file) as a terminal, a log or a plain-text report shows it: every control character (C0,
// DEL, C1), line and paragraph separator and bidirectional override is written as an escape
// (`\n`, `\r`, `\x1b`, `\u2028`, `\u202e`), so such a string can never end a line and start
// another (nor move a terminal's cursor or reorder what is read). Tabs stay: they end no line.
// Shown, not meant to be read back: a backslash in the text stays as it is.

/** C0 but tab, DEL, C1, LS/PS, and the bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u000b': '\\v', '\f': '\\f', '\b': '\\b', '\u0000': '\\0' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` on one line, its control characters as escapes. */
export function inlineText(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Whether `text` holds anything `inlineText` would escape. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
