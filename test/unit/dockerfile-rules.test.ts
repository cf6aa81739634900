// Every Dockerfile rule, two ways: a broken service per rule under test/fixtures/dockerfile (all
// Dockerfile rules run; only that rule may report, on exactly these lines), and a table of small
// Dockerfiles per rule, failing and passing, run through that one rule.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { DOCKERFILE_RULES } from '../../src/checks/dockerfile/index.js';
import type { Rule } from '../../src/checks/rule.js';
import { checkDir, checkFiles } from '../helpers/dockerfile-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/dockerfile');
const SAMPLE = resolve(import.meta.dirname, '../../examples/sample-ida');

function rule(id: string): Rule {
  const found = DOCKERFILE_RULES.find((r) => r.meta.id === id);
  if (!found) throw new Error(`no rule ${id} in DOCKERFILE_RULES`);
  return found;
}

describe('Dockerfile rules on the broken fixtures', () => {
  const cases: Array<{ fixture: string; rule: string; findings: Array<[file: string, line: number, message: RegExp, severity?: string]> }> = [
    { fixture: 'd001-missing-dockerfile', rule: 'OEP45-D001', findings: [['.oep45.yml', 0, /docker\/Dockerfile does not exist/]] },
    {
      fixture: 'd002-bad-syntax',
      rule: 'OEP45-D002',
      findings: [
        ['Dockerfile', 7, /unknown instruction "RUNN"/],
        ['Dockerfile', 8, /COPY needs a source and a destination/],
        ['Dockerfile', 10, /CMD looks like a JSON exec form/],
      ],
    },
    {
      fixture: 'd003-ansible',
      rule: 'OEP45-D003',
      findings: [
        ['Dockerfile', 3, /COPY brings Ansible playbooks/],
        ['Dockerfile', 5, /installs Ansible with pip/],
      ],
    },
    { fixture: 'd004-pipe-to-shell', rule: 'OEP45-D004', findings: [['Dockerfile', 4, /downloaded with curl is run by bash/]] },
    {
      fixture: 'd005-downloaded-script',
      rule: 'OEP45-D005',
      findings: [
        ['Dockerfile', 5, /runs \/tmp\/install-tools.sh, which the build fetched \(ADD from a URL, line 3\)/],
        ['Dockerfile', 8, /runs \/tmp\/agent.sh, which the build fetched \(downloaded with curl, line 8\)/],
      ],
    },
    {
      fixture: 'd006-arg-without-default',
      rule: 'OEP45-D006',
      findings: [
        ['Dockerfile', 2, /ARG PYTHON_VERSION has no default but FROM on line 5 uses it: a plain build names no base image/],
        ['Dockerfile', 6, /ARG SERVICE_PORT has no default but EXPOSE on line 7 uses it: a plain build makes the image with it empty/, 'warning'],
        ['Dockerfile', 10, /ARG WORKERS has no default but every use brings its own fallback \(ENV on line 11\): optional by design/, 'notice'],
      ],
    },
    {
      fixture: 'd007-no-cmd',
      rule: 'OEP45-D007',
      findings: [
        ['dockerfiles/two.Dockerfile', 2, /the last stage \(image two\) has no CMD or ENTRYPOINT/],
        ['images-data.json', 18, /image one-dev: target "devstack" is not a stage of dockerfiles\/one.Dockerfile \(stages: app, dev\)/],
      ],
    },
    {
      fixture: 'd008-uncommented',
      rule: 'OEP45-D008',
      findings: [
        ['Dockerfile', 3, /stage "app" .* has no comment above it/],
        ['Dockerfile', 6, /this RUN does several things and has no comment/],
        ['Dockerfile', 10, /this RUN does several things and has no comment/],
      ],
    },
    {
      fixture: 'd009-private-resources',
      rule: 'OEP45-D009',
      findings: [
        ['Dockerfile', 3, /ARG NPM_TOKEN looks like a secret/],
        ['Dockerfile', 4, /ENV DATABASE_PASSWORD looks like a secret/],
        ['Dockerfile', 5, /COPY copies deploy\/id_rsa, a credential file/],
        ['Dockerfile', 8, /credentials in a URL \(git\+https:\/\/user:password@…\)/],
        ['Dockerfile', 10, /git over SSH needs a private key/],
      ],
    },
    {
      fixture: 'd010-unpinned-base',
      rule: 'OEP45-D010',
      findings: [
        ['Dockerfile', 5, /base image node has no tag/],
        ['Dockerfile', 12, /base image ubuntu:latest \(\$\{BASE_IMAGE\} resolves to it by default\) is pinned to "latest"/],
      ],
    },
    { fixture: 'd011-apt-update-split', rule: 'OEP45-D011', findings: [['Dockerfile', 3, /apt-get update without apt-get install in the same RUN; the install on line 5/]] },
    {
      fixture: 'd012-source-before-install',
      rule: 'OEP45-D012',
      findings: [
        ['Dockerfile', 5, /pip installs dependencies after COPY \. \(line 4\)/],
        ['Dockerfile', 13, /pip installs dependencies after COPY source_first \(line 12\)/],
      ],
    },
    {
      fixture: 'd013-install-cache',
      rule: 'OEP45-D013',
      findings: [
        ['Dockerfile', 5, /apt-get installs without a cache mount/],
        ['Dockerfile', 7, /pip installs without a cache mount/],
      ],
    },
    { fixture: 'd014-consecutive-runs', rule: 'OEP45-D014', findings: [['Dockerfile', 4, /4 RUN instructions in a row \(lines 4–8\)/]] },
  ];

  it('has one fixture per Dockerfile rule', () => {
    expect(cases.map((c) => c.rule)).toEqual(DOCKERFILE_RULES.map((r) => r.meta.id));
  });

  it.each(cases)('$fixture: only $rule reports, at file:line', async ({ fixture, rule: id, findings: expected }) => {
    const findings = await checkDir(resolve(FIXTURES, fixture), DOCKERFILE_RULES);
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual(expected.map(([file, line]) => [id, file, line]));
    findings.forEach((f, i) => {
      expect(f.message).toMatch(expected[i]![2]);
      expect(f.severity).toBe(expected[i]![3] ?? rule(id).meta.severity);
      expect(f.help.length).toBeGreaterThan(10);
    });
  });

  it('passes the sample IDA with no finding at all', async () => {
    expect(await checkDir(SAMPLE, DOCKERFILE_RULES)).toEqual([]);
  });
});

interface Case {
  name: string;
  dockerfile: string;
  /** Other files of the project (.oep45.yml, images-data.json, …). */
  files?: Record<string, string>;
  /** Lines the rule reports, in order (the file is the Dockerfile unless `file` says otherwise). */
  lines: number[];
  message?: RegExp;
}

const table: Record<string, Case[]> = {
  'OEP45-D002': [
    { name: 'lower-case keywords are valid', dockerfile: 'from debian:12 as app\nrun echo hi\ncmd ["x"]\n', lines: [] },
    { name: 'an instruction before the first FROM', dockerfile: 'ENV A=1\nFROM debian:12\n', lines: [1], message: /ENV before the first FROM/ },
    { name: 'no FROM at all', dockerfile: '# nothing\nARG A=1\n', lines: [2], message: /no FROM instruction/ },
    { name: 'an empty file', dockerfile: '', lines: [0], message: /no FROM instruction/ },
    { name: 'a stage name used twice', dockerfile: 'FROM debian:12 AS app\nFROM debian:12 AS App\n', lines: [2], message: /already used on line 1/ },
    { name: 'FROM with words after the image', dockerfile: 'FROM debian:12 app\n', lines: [1], message: /an image and an optional "AS name"/ },
    { name: 'FROM without an image', dockerfile: 'FROM\n', lines: [1], message: /FROM without arguments/ },
    { name: 'binary junk', dockerfile: 'FROM \u0000\u0001\u0002 debian\n', lines: [0], message: /not text/ },
    { name: 'a valid exec form and heredoc', dockerfile: 'FROM debian:12\nRUN <<EOF\necho hi\nEOF\nCMD ["a", "b"]\n', lines: [] },
  ],
  'OEP45-D003': [
    { name: 'apt-get install ansible', dockerfile: 'FROM debian:12\nRUN apt-get install -y ansible\n', lines: [2], message: /installs Ansible with apt-get/ },
    { name: 'ansible-playbook run', dockerfile: 'FROM debian:12\nRUN cd /tmp && \\\n  ansible-playbook site.yml\n', lines: [3], message: /runs ansible-playbook/ },
    { name: 'the configuration repository cloned', dockerfile: 'FROM debian:12\nRUN git clone https://github.com/openedx/configuration.git /tmp/c\n', lines: [2], message: /clones the Ansible configuration repository/ },
    { name: 'a word that only mentions ansible', dockerfile: 'FROM debian:12\nRUN echo "no ansible here"\n', lines: [] },
  ],
  'OEP45-D004': [
    { name: 'curl piped into sh', dockerfile: 'FROM debian:12\nRUN curl -sSL https://x.example/i.sh | sh -s -- -y\n', lines: [2], message: /curl is run by sh/ },
    { name: 'wget to stdout into python3', dockerfile: 'FROM debian:12\nRUN wget -qO- https://x.example/get.py | python3 -\n', lines: [2], message: /wget is run by python3/ },
    { name: 'through sudo and tee', dockerfile: 'FROM debian:12\nRUN curl -L https://x.example/i | tee /tmp/log | sudo -E bash\n', lines: [2] },
    { name: 'sh -c "$(curl …)"', dockerfile: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x.example/i.sh)"\n', lines: [2] },
    { name: 'bash <(curl …)', dockerfile: 'FROM debian:12\nRUN bash <(curl -s https://x.example/i.sh)\n', lines: [2] },
    { name: 'eval with backticks', dockerfile: 'FROM debian:12\nRUN eval `wget -qO- https://x.example/env`\n', lines: [2] },
    { name: 'on a continuation line', dockerfile: 'FROM debian:12\nRUN set -e && \\\n    curl -sSL https://x.example/i.sh | bash\n', lines: [3] },
    { name: 'curl into tar is fine', dockerfile: 'FROM debian:12\nRUN curl -fsSL https://x.example/a.tgz | tar -xz -C /opt\n', lines: [] },
    { name: 'curl into python -c reads data', dockerfile: 'FROM debian:12\nRUN curl -s https://x.example/v.json | python3 -c "import json,sys; print(json.load(sys.stdin))"\n', lines: [] },
    { name: 'exec form with sh -c', dockerfile: 'FROM debian:12\nRUN ["sh", "-c", "curl -s https://x.example/i | sh"]\n', lines: [2] },
  ],
  'OEP45-D005': [
    { name: 'wget then bash', dockerfile: 'FROM debian:12\nRUN wget https://x.example/install.sh && bash install.sh\n', lines: [2], message: /runs install.sh/ },
    { name: 'git clone then a script in it', dockerfile: 'FROM debian:12\nRUN git clone https://github.com/x/tool /opt/tool && \\\n    cd /opt/tool && ./build.sh\n', lines: [3], message: /git clone/ },
    { name: 'a cloned setup.py run by python', dockerfile: 'FROM debian:12\nRUN git clone --depth 1 https://github.com/x/tool.git && python3 tool/setup.py install\n', lines: [2] },
    { name: 'downloaded in a parent stage, run in a child', dockerfile: 'FROM debian:12 AS base\nADD https://x.example/setup.py /opt/\nFROM base AS app\nRUN python3 /opt/setup.py\n', lines: [4] },
    { name: 'a script copied from the context', dockerfile: 'FROM debian:12\nCOPY scripts/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh\n', lines: [] },
    { name: 'a downloaded file replaced by a COPY', dockerfile: 'FROM debian:12\nRUN curl -o /tmp/x.sh https://x.example/x.sh\nCOPY x.sh /tmp/x.sh\nRUN sh /tmp/x.sh\n', lines: [] },
    { name: 'a downloaded binary (not a script)', dockerfile: 'FROM debian:12\nRUN curl -fsSLo /usr/local/bin/jq https://x.example/jq && chmod +x /usr/local/bin/jq && jq --version\n', lines: [] },
  ],
  'OEP45-D006': [
    { name: 'global ARG with a default', dockerfile: 'ARG BASE=debian:12\nFROM ${BASE}\n', lines: [] },
    { name: 'global ARG with a fallback at its use (a notice)', dockerfile: 'ARG BASE\nFROM ${BASE:-debian:12}\n', lines: [1], message: /every use brings its own fallback \(FROM on line 2\): optional by design/ },
    { name: 'stage ARG used as ${X:-} (a notice)', dockerfile: 'FROM debian:12\nARG EXTRA\nENV OPTS=${EXTRA:-}\n', lines: [2], message: /optional by design/ },
    { name: 'stage ARG used by a child stage', dockerfile: 'FROM debian:12 AS base\nARG VARIANT\nRUN mkdir /srv\nFROM base AS app\nENV DJANGO_SETTINGS_MODULE=${VARIANT}.settings\n', lines: [2], message: /ENV on line 5 \(stage app, built on this one\) uses it/ },
    { name: 'stage ARG run as a command (an error)', dockerfile: 'FROM debian:12\nARG INSTALL\nRUN ${INSTALL} curl\n', lines: [2], message: /RUN on line 3 runs it as a command/ },
    { name: 'space-form default', dockerfile: 'FROM debian:12\nARG VERSION "3.12"\nRUN echo $VERSION\n', lines: [] },
    { name: 'stage ARG inheriting the global default', dockerfile: 'ARG PY=3.12\nFROM debian:12\nARG PY\nRUN echo $PY\n', lines: [] },
    { name: 'stage ARG used implicitly by RUN (a notice)', dockerfile: 'FROM debian:12\nARG VARIANT\nRUN ./build\n', lines: [2], message: /only passed to the environment of the RUNs after it \(line 3\)/ },
    { name: 'ARG that nothing uses', dockerfile: 'FROM debian:12\nARG UNUSED\nCMD ["x"]\n', lines: [] },
    { name: 'BuildKit automatic ARGs', dockerfile: 'FROM debian:12\nARG TARGETARCH\nRUN echo $TARGETARCH\n', lines: [] },
    { name: 'marked operator-required', dockerfile: 'FROM debian:12\n# The index to install from.\n# required: the operator\'s mirror\nARG INDEX\nRUN echo $INDEX\n', lines: [] },
    { name: 'a "required" word that is not the marker', dockerfile: 'FROM debian:12\n# Required packages come from here.\nARG INDEX\nRUN echo $INDEX\n', lines: [3] },
    {
      name: 'config passes it, docker build does not',
      dockerfile: 'FROM debian:12\nARG VARIANT\nRUN echo $VARIANT\n',
      files: { '.oep45.yml': 'images:\n  - name: svc\n    build-args:\n      VARIANT: lms\n' },
      lines: [2],
      message: /the image config passes it for svc/,
    },
  ],
  'OEP45-D007': [
    { name: 'CMD inherited from the parent stage', dockerfile: 'FROM debian:12 AS app\nCMD ["x"]\nFROM app AS dev\nENV A=1\n', lines: [] },
    { name: 'ENTRYPOINT counts', dockerfile: 'FROM debian:12\nENTRYPOINT ["/x"]\n', lines: [] },
    { name: 'CMD in another stage does not count', dockerfile: 'FROM debian:12 AS app\nCMD ["x"]\nFROM debian:12 AS other\nENV A=1\n', lines: [3], message: /the last stage/ },
    {
      name: 'the configured target is the final stage',
      dockerfile: 'FROM debian:12 AS build\nRUN make\nFROM debian:12 AS app\nCMD ["x"]\n',
      files: { '.oep45.yml': 'images:\n  - name: svc\n    target: build\n' },
      lines: [1],
      message: /the target stage "build" \(image svc\)/,
    },
  ],
  'OEP45-D008': [
    { name: 'commented stage and RUN', dockerfile: '# The app.\nFROM debian:12\nENV A=1\n# Why: tools.\nRUN a && b\n', lines: [] },
    { name: 'a trivial RUN needs no comment', dockerfile: '# The app.\nFROM debian:12\nENV A=1\nRUN mkdir -p /srv\n', lines: [] },
    { name: 'a header separated by a blank line documents the group below', dockerfile: '# The app.\nFROM debian:12\nENV A=1\n# Why: tools.\n\nRUN a && b\n', lines: [] },
    { name: 'a header documents one group, not the next', dockerfile: '# The app.\nFROM debian:12\n# The port.\n\nENV A=1\n\nRUN a && b\n', lines: [7] },
    { name: 'a suppression is no explanation', dockerfile: '# The app.\nFROM debian:12\nENV A=1\n# oep45-ignore OEP45-D004 reason\nRUN a | b\n', lines: [5] },
    { name: 'a multi-line RUN is non-trivial', dockerfile: '# The app.\nFROM debian:12\nENV A=1\nRUN apt-get install \\\n  -y x\n', lines: [4] },
    { name: 'a RUN below a commented FROM shares its comment', dockerfile: '# The app and its tools.\nFROM debian:12\nRUN a && b\n', lines: [] },
    { name: 'so does the first step a blank line below it', dockerfile: '# The app and its tools.\nFROM debian:12\n\nRUN a && b\n', lines: [] },
    { name: 'but not the next group', dockerfile: '# The app and its tools.\nFROM debian:12\n\nENV A=1\n\nRUN a && b\n', lines: [6] },
    { name: 'a named variant of an earlier stage is said by its name', dockerfile: '# The app.\nFROM debian:12 AS app\nENV A=1\n\nFROM app AS prod\nRUN pip install x\nFROM prod AS kubernetes\nENV B=2\n', lines: [] },
    { name: 'but its non-trivial RUNs still say why', dockerfile: '# The app.\nFROM debian:12 AS app\nENV A=1\n\nFROM app AS dev\nRUN pip install a && \\\n  pip install b\n', lines: [6] },
    { name: 'an unnamed stage on an earlier one is no named variant', dockerfile: '# The app.\nFROM debian:12 AS app\nENV A=1\n\nFROM app\nENV B=2\n', lines: [5] },
    { name: 'a named stage from an outside image still says what it is for', dockerfile: '# The app.\nFROM debian:12 AS app\nENV A=1\n\nFROM node:20 AS assets\nENV B=2\n', lines: [5] },
  ],
  'OEP45-D009': [
    { name: 'a token in a URL parameter', dockerfile: 'FROM debian:12\nADD https://x.example/a.tgz?access_token=abc /tmp/\n', lines: [2], message: /token in a URL parameter/ },
    { name: 'a variable as URL credential', dockerfile: 'FROM debian:12\nARG REPO_URL=x\nRUN git clone https://${GH}@github.com/x/y\n', lines: [3], message: /credentials in a URL/ },
    { name: 'ssh user alone is no credential, but needs a key', dockerfile: 'FROM debian:12\nRUN git clone ssh://git@github.com/x/y.git\n', lines: [2], message: /git over SSH/ },
    { name: 'git over ssh with an ssh mount', dockerfile: 'FROM debian:12\nRUN --mount=type=ssh git clone git@github.com:x/y.git\n', lines: [] },
    { name: 'names that point at a secret, not hold one', dockerfile: 'FROM debian:12\nENV SECRET_KEY_FILE=/run/secrets/key PASSWORD_HASHERS=argon2 TOKEN_EXPIRY=3600\n', lines: [] },
    { name: 'ARG only in a secret mount option', dockerfile: 'FROM debian:12\nARG NPM_TOKEN\nRUN --mount=type=secret,id=$NPM_TOKEN npm ci\n', lines: [] },
    { name: 'Django SECRET_KEY in ENV', dockerfile: 'FROM debian:12\nENV SECRET_KEY=insecure\n', lines: [2], message: /ENV SECRET_KEY looks like a secret/ },
    { name: '.netrc copied', dockerfile: 'FROM debian:12\nCOPY .netrc /root/.netrc\n', lines: [2] },
  ],
  'OEP45-D010': [
    { name: 'digest', dockerfile: 'FROM debian@sha256:0123456789abcdef\n', lines: [] },
    { name: 'registry port is no tag', dockerfile: 'FROM localhost:5000/team/img\n', lines: [1], message: /has no tag/ },
    { name: 'registry port and a tag', dockerfile: 'FROM localhost:5000/team/img:1.0\n', lines: [] },
    { name: 'scratch and stages', dockerfile: 'FROM scratch AS a\nFROM a AS b\n', lines: [] },
    { name: 'an ARG without default is D006\'s business', dockerfile: 'ARG BASE\nFROM ${BASE}\n', lines: [] },
    { name: 'LATEST in capitals', dockerfile: 'FROM debian:LATEST\n', lines: [1] },
  ],
  'OEP45-D011': [
    { name: 'update and install together', dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y x\n', lines: [] },
    { name: 'update with upgrade', dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n', lines: [] },
    { name: 'apt, not apt-get, alone', dockerfile: 'FROM debian:12\nRUN apt update\nFROM debian:12\nRUN apt install -y x\n', lines: [2], message: /update without apt-get install in the same RUN$/ },
  ],
  'OEP45-D012': [
    { name: 'COPY . . then npm ci', dockerfile: 'FROM node:20\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm npm ci\n', lines: [3], message: /npm installs dependencies after COPY \./ },
    { name: 'manifests first, source last', dockerfile: 'FROM python:3.12\nCOPY requirements /r\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r /r/base.txt\nCOPY . /app\n', lines: [] },
    { name: 'COPY --from is not the source', dockerfile: 'FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=b . /x\nRUN pip install --no-cache-dir x\n', lines: [] },
    { name: 'source copied in the parent stage', dockerfile: 'FROM python:3.12 AS app\nCOPY . /app\nFROM app AS dev\nRUN pip install --no-cache-dir -r /app/requirements/dev.txt\n', lines: [4] },
    { name: 'apt after the source', dockerfile: 'FROM debian:12\nCOPY ./ /app/\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n', lines: [3], message: /apt-get installs dependencies/ },
  ],
  'OEP45-D013': [
    { name: 'pip --no-cache-dir', dockerfile: 'FROM python:3.12\nRUN pip install --no-cache-dir x\n', lines: [] },
    { name: 'python -m pip with a cache mount', dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install x\n', lines: [] },
    { name: 'python -m pip without', dockerfile: 'FROM python:3.12\nRUN python3 -m pip install x\n', lines: [2], message: /python3 installs/ },
    { name: 'PIP_NO_CACHE_DIR in the parent stage', dockerfile: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM a\nRUN pip install x\n', lines: [] },
    { name: 'PIP_NO_CACHE_DIR=0 does not count', dockerfile: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x\n', lines: [3] },
    { name: 'apk --no-cache', dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', lines: [] },
    { name: 'apk without', dockerfile: 'FROM alpine:3.20\nRUN apk add curl\n', lines: [2] },
    { name: 'yarn install', dockerfile: 'FROM node:20\nRUN yarn install --frozen-lockfile\n', lines: [2], message: /yarn installs/ },
    { name: 'apt with lists removed', dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n', lines: [] },
    { name: 'apt with all of /var/lib/apt removed', dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt /var/cache/apt\n', lines: [] },
    { name: 'a clean-up in a later RUN frees nothing', dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y x\nRUN rm -rf /var/lib/apt/lists/*\n', lines: [2], message: /\(the clean-up on line 3 runs in a later layer, which frees nothing\)$/ },
    { name: 'apt-get clean alone keeps the lists', dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y x && apt-get clean\n', lines: [2] },
    { name: 'one finding per manager per RUN', dockerfile: 'FROM python:3.12\nRUN pip install a && pip install b\n', lines: [2] },
    { name: 'a builder stage copied from keeps its cache', dockerfile: 'FROM python:3.12 AS builder\nRUN pip install x\nFROM python:3.12\nCOPY --from=builder /venv /venv\n', lines: [] },
    { name: 'so does one a RUN mounts from, and the stages it is built on', dockerfile: 'FROM debian:12 AS tools\nRUN apt-get update && apt-get install -y x\nFROM tools AS build\nRUN pip install x\nFROM debian:12\nRUN --mount=type=bind,from=build,target=/b cp /b/x /x\n', lines: [] },
    { name: 'a stage the image is built on is the image', dockerfile: 'FROM python:3.12 AS base\nRUN pip install x\nFROM base AS dev\nCOPY --from=base /a /a\n', lines: [2] },
    { name: 'a stage no one copies may be a target', dockerfile: 'FROM python:3.12 AS prod\nRUN pip install x\nFROM python:3.12 AS dev\nRUN pip install --no-cache-dir y\n', lines: [2] },
  ],
  'OEP45-D014': [
    { name: 'three in a row', dockerfile: 'FROM debian:12\nRUN a\n# b\nRUN b\nRUN c\n', lines: [2], message: /3 RUN instructions in a row \(lines 2–5\)/ },
    { name: 'broken by another instruction', dockerfile: 'FROM debian:12\nRUN a\nRUN b\nENV X=1\nRUN c\nRUN d\n', lines: [] },
    { name: 'each stage on its own', dockerfile: 'FROM debian:12 AS a\nRUN a\nRUN b\nFROM a\nRUN c\nRUN d\n', lines: [] },
    { name: 'a builder stage\'s layers are not the image\'s', dockerfile: 'FROM debian:12 AS build\nRUN a\nRUN b\nRUN c\nFROM debian:12\nCOPY --from=build /x /x\n', lines: [] },
  ],
};

describe.each(Object.entries(table))('%s on small Dockerfiles', (id, cases) => {
  it.each(cases)('$name', async ({ dockerfile, files, lines, message }) => {
    const findings = (await checkFiles({ Dockerfile: dockerfile, ...files }, [rule(id)])).filter((f) => f.rule === id);
    expect(findings.map((f) => f.line)).toEqual(lines);
    if (message) expect(findings[0]?.message).toMatch(message);
  });
});

describe('docs/rules.md', () => {
  it('documents every Dockerfile rule and suppression notice under its id, with its title and severity', async () => {
    const { readFileSync } = await import('node:fs');
    const { SUPPRESSION_RULES } = await import('../../src/checks/suppressions.js');
    const docs = readFileSync(resolve(import.meta.dirname, '../../docs/rules.md'), 'utf8');
    for (const meta of [...DOCKERFILE_RULES.map((r) => r.meta), ...SUPPRESSION_RULES]) {
      const section = docs.split(`\n## ${meta.id}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(section, meta.id).toContain(`**${meta.title}** · ${meta.severity}`);
      expect(section, meta.id).toMatch(/Fails/);
      expect(section, meta.id).toMatch(/Fix/);
    }
  });

  it('names each Dockerfile rule\'s BuildKit check and hadolint rule, the ones their skip comments skip', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const docs = readFileSync(resolve(import.meta.dirname, '../../docs/rules.md'), 'utf8');
    const dir = resolve(import.meta.dirname, '../../src/checks/dockerfile');
    for (const meta of DOCKERFILE_RULES.map((r) => r.meta)) {
      const section = docs.split(`\n## ${meta.id}\n`)[1]?.split('\n## ')[0] ?? '';
      const line = /^Equivalent: (.*)$/m.exec(section)?.[1];
      expect(line, `${meta.id} has an "Equivalent:" line`).toBeDefined();
      // What the rule declares, on itself or on some of its findings.
      const file = readdirSync(dir).find((f) => f.startsWith(`${meta.id.slice(6).toLowerCase()}-`))!;
      const source = readFileSync(resolve(dir, file), 'utf8');
      const ids = new Set([...source.matchAll(/buildkit: '(\w+)'/g)].map((m) => m[1]!));
      for (const m of source.matchAll(/'(DL\d{4})'/g)) ids.add(m[1]!);
      for (const id of [meta.equivalent?.buildkit, ...(meta.equivalent?.hadolint ?? [])]) if (id) ids.add(id);
      if (!ids.size) expect(line, meta.id).toMatch(/^none\b/);
      for (const id of ids) expect(line, meta.id).toContain(`\`${id}\``);
    }
  });
});
