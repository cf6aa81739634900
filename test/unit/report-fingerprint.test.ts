// Fingerprints: what the normalised content of a finding's line is, that it ignores what an edit
// elsewhere or a reworded message changes, and that it never copies a credential.
import { describe, expect, it } from 'vitest';
import { CONTENT_LIMIT, fingerprint, findingKey, normalisedContent } from '../../src/model/fingerprint.js';

describe('normalisedContent', () => {
  const cases: Array<[name: string, file: string, line: string, content: string]> = [
    ['a Python setting is its name', 'svc/settings/base.py', "TIME_ZONE = 'UTC'", 'TIME_ZONE ='],
    ['whatever its value', 'svc/settings/base.py', "TIME_ZONE = 'America/New_York'  # the office", 'TIME_ZONE ='],
    ['an indented one', 'svc/settings/base.py', "    DEBUG = True", 'DEBUG ='],
    ['an annotated one', 'svc/settings/base.py', 'PAGE_SIZE: int = 20', 'PAGE_SIZE ='],
    ['an augmented one', 'svc/settings/production.py', "COMPRESS_CSS_FILTERS += ['x']", 'COMPRESS_CSS_FILTERS +='],
    ['a subscript', 'lms/envs/common.py', "FEATURES['ENABLE_DISCUSSION'] = False", "FEATURES['ENABLE_DISCUSSION'] ="],
    ['a nested subscript', 'svc/settings/production.py', "LOGGING['handlers']['local']['level'] = 'INFO'", "LOGGING['handlers']['local']['level'] ="],
    ['a tuple target', 'svc/settings/base.py', 'A,B = 1, 2', 'A, B ='],
    ['a comparison is not an assignment', 'svc/settings/base.py', 'if DEBUG == True:', 'if DEBUG == True:'],
    ['a keyword before a colon is not a target', 'svc/settings/base.py', 'else: X = 1', 'else: X = 1'],
    ['a call is the line', 'svc/settings/base.py', "path.append(DJANGO_ROOT)", 'path.append(DJANGO_ROOT)'],
    ['a comment annotation is the line', 'svc/settings/base.py', '# ..  setting_name:   FOO', '# .. setting_name: FOO'],
    ['a Python secret is its name only', 'svc/settings/base.py', "SECRET_KEY = 'hunter2'", 'SECRET_KEY ='],
    ['a Python dict entry with a secret is masked', 'svc/settings/base.py', "        'PASSWORD': 'hunter2',", "'PASSWORD': '***',"],
    ['a docstring line is about the file', 'svc/settings/production.py', '"""Production settings and globals."""', ''],
    ['so is the line that opens a longer one', 'svc/settings/base.py', '"""', ''],
    ['a raw docstring', 'svc/settings/base.py', "r'''Settings.", ''],
    ['a Dockerfile line, whitespace collapsed', 'Dockerfile', 'RUN   apt-get update &&   \\', 'RUN apt-get update &&'],
    ['a Dockerfile line keeps its value', 'Dockerfile', 'FROM ubuntu:focal as app', 'FROM ubuntu:focal as app'],
    ['an ENV secret is masked', 'Dockerfile', 'ENV NPM_TOKEN=abc123 OTHER=1', 'ENV NPM_TOKEN=*** OTHER=1'],
    ['a legacy ENV secret is masked', 'Dockerfile', 'ENV AWS_SECRET_ACCESS_KEY abc123', 'ENV AWS_SECRET_ACCESS_KEY ***'],
    ['a variable reference is not a secret', 'Dockerfile', 'RUN echo $NPM_TOKEN', 'RUN echo $NPM_TOKEN'],
    ['a URL credential is masked', 'Dockerfile', 'RUN git clone https://bot:ghp_x1@github.com/org/private.git', 'RUN git clone https://***@github.com/org/private.git'],
    ['a token in a query is masked', 'Dockerfile', 'ADD https://example.com/a.tgz?token=s3cr3t&x=1 /a', 'ADD https://example.com/a.tgz?token=***&x=1 /a'],
    ['a YAML line', '.github/workflows/ci.yml', '      - uses:  actions/checkout@v4', '- uses: actions/checkout@v4'],
    ['a YAML secret is masked', '.github/workflows/ci.yml', '      API_TOKEN: abcdef', 'API_TOKEN: ***'],
    ['a changelog heading', 'CHANGELOG.rst', '[3.1.0] - 2025-06-02', '[3.1.0] - 2025-06-02'],
  ];
  it.each(cases)('%s', (_name, file, line, content) => {
    expect(normalisedContent(file, `first line\n${line}\nlast line\n`, 2)).toBe(content);
  });

  it('is empty for a whole-file finding, a missing file, a line past the end', () => {
    expect(normalisedContent('Dockerfile', 'FROM x\n', 0)).toBe('');
    expect(normalisedContent('Dockerfile', undefined, 3)).toBe('');
    expect(normalisedContent('Dockerfile', 'FROM x\n', 9)).toBe('');
  });

  it('reads CRLF files like LF files', () => {
    expect(normalisedContent('Dockerfile', 'FROM x\r\nRUN y\r\n', 2)).toBe('RUN y');
  });

  it(`keeps at most ${CONTENT_LIMIT} characters`, () => {
    expect(normalisedContent('Dockerfile', `RUN ${'x'.repeat(500)}`, 1)).toHaveLength(CONTENT_LIMIT);
  });
});

describe('fingerprint', () => {
  const text = "DEBUG = False\nTIME_ZONE = 'UTC'\n";
  const base = { rule: 'OEP45-S008', file: 'svc/settings/base.py', line: 2 };

  it('does not change when lines are added above, the value changes, or the message is reworded', () => {
    const before = fingerprint(findingKey(base, text));
    const after = fingerprint(findingKey({ ...base, line: 4 }, `"""Settings."""\n\nDEBUG = False\nTIME_ZONE = 'Europe/Paris'\n`));
    expect(after).toBe(before);
    expect(before).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs by rule, file and content', () => {
    const one = fingerprint(findingKey(base, text));
    expect(fingerprint(findingKey({ ...base, rule: 'OEP45-S011' }, text))).not.toBe(one);
    expect(fingerprint(findingKey({ ...base, file: 'svc/settings/production.py' }, text))).not.toBe(one);
    expect(fingerprint(findingKey({ ...base, line: 1 }, text))).not.toBe(one);
  });
});
