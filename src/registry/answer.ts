// The one place where what a registry, a token service or the Docker engine answered becomes text
// a user sees — in an error, a warning or a debug line. A status, plus at most a short excerpt:
// the part of the body that says what went wrong (a registry's first error, a token service's
// `details`), as one line of printable text, every secret the run holds and everything shaped
// like a credential replaced, cut to EXCERPT_CHARS; an excerpt that still shows a secret once
// decoded is withheld whole. Headers are never copied. Bodies arrive bounded (http.ts reads at
// most ERROR_BODY_BYTES of an error's body, and no longer than ERROR_BODY_MS).
// Hand-written: it is our policy for our own messages, not a format.

import { REDACTED, type Secrets } from './secrets.js';

export const EXCERPT_CHARS = 200;
/** Of an error answer's body no more is read: an excerpt needs the first few hundred characters. */
export const ERROR_BODY_BYTES = 8192;
/** Nor is a slow error body waited for longer than this, once the status has arrived. */
export const ERROR_BODY_MS = 2000;
/** What stands for an excerpt that would show a secret. */
export const WITHHELD = '(its text is not shown: it repeats a credential)';

/** One line of printable text: terminal escapes, invisible and control characters out, whitespace folded. */
export function printable(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b./g, '')
      // Zero-width and bidirectional controls: removed, so that they can neither hide nor split a secret.
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** What a JSON error body says: a registry's first error, a token service's details or OAuth2 error; nothing else of it. */
function jsonText(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== 'object') return undefined;
  const body = parsed as Record<string, unknown>;
  const first = Array.isArray(body.errors) ? (body.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (first && typeof first === 'object') {
    const parts = [str(first.code), str(first.message)].filter(Boolean);
    if (parts.length) return parts.join(': ');
  }
  const oauth = [str(body.error), str(body.error_description)].filter(Boolean);
  return str(body.details) ?? str(body.message) ?? (oauth.length ? oauth.join(': ') : undefined);
}

/** The part of an error body worth showing, before it is made safe (undefined: nothing worth it). */
export function bodyText(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return jsonText(JSON.parse(trimmed));
    } catch {
      // cut off, or not JSON after all: read as text
    }
  }
  if (/^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)</i.exec(trimmed)?.[1];
    const text = (title ?? trimmed.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/&[a-z]+;|&#\d+;/gi, ' ');
    return text.trim() || undefined;
  }
  return trimmed.split('\n').find((line) => line.trim());
}

/**
 * Text from an answer made safe to show: printable, secrets replaced, cut to EXCERPT_CHARS (its
 * end kept too with `keepEnd`: an engine's error chain ends with its cause). Undefined when
 * nothing is left; WITHHELD when it would show a secret even so.
 */
export function excerpt(text: string | undefined, secrets: Secrets, options: { keepEnd?: boolean } = {}): string | undefined {
  if (!text) return undefined;
  const safe = secrets.redact(printable(text));
  if (!safe || safe === REDACTED) return safe || undefined;
  if (secrets.reveals(safe)) return WITHHELD;
  const chars = Array.from(safe);
  if (chars.length <= EXCERPT_CHARS) return safe;
  if (!options.keepEnd) return `${chars.slice(0, EXCERPT_CHARS - 1).join('').trimEnd()}…`;
  const half = Math.floor((EXCERPT_CHARS - 3) / 2);
  return `${chars.slice(0, half).join('').trimEnd()} … ${chars.slice(-half).join('').trimStart()}`;
}

/**
 * A body cut off where reading stopped may end in the first part of a secret's form, which no
 * redaction recognises: that much is dropped from its end.
 */
function uncut(body: string, truncated: boolean, secrets: Secrets): string {
  return truncated ? body.slice(0, Math.max(0, body.length - secrets.longest - 8)) : body;
}

export interface AnswerLike {
  status: number;
  /** As much of the body as was read. */
  body?: Buffer | string;
  /** Whether reading stopped before the body's end. */
  truncated?: boolean;
}

/** `HTTP 500`, or `HTTP 500: <excerpt>`: how every registry and token-service error names an answer. */
export function describeAnswer(answer: AnswerLike, secrets: Secrets): string {
  const raw = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : answer.body.toString('utf8');
  const shown = excerpt(bodyText(uncut(raw, Boolean(answer.truncated), secrets)), secrets);
  return `HTTP ${answer.status}${shown ? `: ${shown}` : ''}`;
}

/**
 * The line of a docker command's output that says what went wrong (the last one `pick` accepts:
 * by default the last line), made safe to show, its start and end kept; BuildKit's `#12 ` step
 * prefix left out.
 */
export function engineExcerpt(output: string, secrets: Secrets, pick: (line: string) => boolean = () => true): string | undefined {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.replace(/^#\d+ /, '').trim())
    .filter(Boolean);
  return excerpt(lines.filter(pick).pop(), secrets, { keepEnd: true });
}
