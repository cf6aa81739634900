// A finding's identity across runs, for the baseline (.oep45-baseline.json) and for SARIF's
// `partialFingerprints`: the rule, the file, and the normalised content of the line the finding is
// on — never its line number (an edit above it would change it) nor its message (rules reword
// their messages, and some carry counts that change on every run).
//
// The normalised content is the line's text with its whitespace collapsed, except:
// * a Python assignment is its target (`FEATURES['ENABLE_X'] =`): a setting is the same setting
//   whatever its value, and settings files are where values get edited;
// * credentials are masked (`https://***@host`, `token=***`, `API_KEY=***`), so that the
//   baseline never copies a secret out of the file it was found in;
// * a finding about a whole file (line 0), a folder or a missing file has no content, nor has
//   one on a Python docstring line (a summary of the file put on its line 1);
// * at most CONTENT_LIMIT characters are kept.
// Findings with the same rule, file and content are told apart by how many there are, as ESLint's
// bulk suppressions and PHPStan's baseline count theirs.

import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';

/** Names the scheme below; a baseline or SARIF made by another scheme is not compared with it. */
export const FINGERPRINT_SCHEME = 'oep45/v1';

export const CONTENT_LIMIT = 200;

export interface FindingKey {
  rule: string;
  file: string;
  content: string;
}

/** `NAME =`, `NAME: int =`, `NAME += `, `A, B =`, `FEATURES['X'] =`; not `==`, not a call. */
const PYTHON_ASSIGNMENT = /^((?:[A-Za-z_][\w.]*(?:\[[^\]=]*\])*)(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*(?::[^=]*)?([-+*/%&|^@]|\/\/|\*\*|<<|>>)?=(?!=)/;

/** A line that opens or closes a triple-quoted string: `"""Settings."""`, `r'''`, `"""`. */
const PYTHON_DOCSTRING = /^[rRuUbBfF]{0,2}("""|''')|("""|''')$/;

/** Words that start a statement and can be followed by `:` — never an assignment's target. */
const PYTHON_KEYWORD = /^(?:else|elif|if|try|except|finally|with|for|while|def|class|lambda|return|yield|assert|del|global|nonlocal|import|from|raise|pass|break|continue|async|await|not|and|or|in|is|match|case)$/;

/** A name that says it holds a secret, its separator (`=`, `:`, `': '`, spaces), and its value. */
const SECRET_ASSIGNMENT = /\b([\w-]*(?:SECRET|PASSW(?:OR)?D|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[\w-]*)(["']?\s*[=:]\s*|\s+)(["']?)([^\s"',&;]+)/gi;

function maskCredentials(text: string): string {
  return (
    text
      // URL user information: https://user:secret@host, https://token@host
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1***@')
      // query parameters that carry credentials
      .replace(/([?&](?:access_token|private_token|token|api_key|apikey|password|secret|sig)=)[^\s&'"]+/gi, '$1***')
      // NAME=value, NAME: value, 'NAME': 'value' and NAME value, where the name says it is a secret
      // (ENV, ARG, shell, YAML, a Python dict); a reference to a variable ($NAME) stays
      .replace(SECRET_ASSIGNMENT, (all, name: string, sep: string, quote: string, value: string) =>
        value.startsWith('$') ? all : `${name}${sep}${quote}***`,
      )
  );
}

function isPython(file: string): boolean {
  return /\.pyi?$/i.test(file);
}

/** The normalised content of `line` (1-based) in `text`; empty for line 0 or a line not there. */
export function normalisedContent(file: string, text: string | undefined, line: number): string {
  if (!text || line < 1) return '';
  const raw = text.split(/\r?\n/)[line - 1];
  if (raw === undefined) return '';
  let content = raw.trim().replace(/\s*\\$/, '').replace(/\s+/g, ' ');
  if (isPython(file)) {
    // A docstring line describes the module: a rule that points at it (a summary of the whole
    // file on line 1) is about the file, and the docstring's wording is no part of its identity.
    if (PYTHON_DOCSTRING.test(content)) return '';
    const assignment = PYTHON_ASSIGNMENT.exec(content);
    if (assignment && !PYTHON_KEYWORD.test(assignment[1]!)) content = `${assignment[1]!.replace(/\s*,\s*/g, ', ')} ${assignment[2] ?? ''}=`;
    // a Python secret is already reduced to its name; only other lines need masking
    else content = maskCredentials(content);
  } else {
    content = maskCredentials(content);
  }
  return content.length > CONTENT_LIMIT ? content.slice(0, CONTENT_LIMIT) : content;
}

/** The finding's key, reading its line from `text` (the file's content, undefined when there is none). */
export function findingKey(finding: Pick<Finding, 'rule' | 'file' | 'line'>, text: string | undefined): FindingKey {
  return { rule: finding.rule, file: finding.file, content: normalisedContent(finding.file, text, finding.line) };
}

/** One string per key, for maps. */
export function keyId(key: FindingKey): string {
  return `${key.rule}\u0000${key.file}\u0000${key.content}`;
}

/** The fingerprint: 32 hex digits of SHA-256 over the scheme and the key. */
export function fingerprint(key: FindingKey): string {
  return createHash('sha256').update(`${FINGERPRINT_SCHEME}\u0000${keyId(key)}`).digest('hex').slice(0, 32);
}
