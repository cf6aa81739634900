// OEP45-D003: OEP-45 retires the Ansible-based configuration (edx/configuration playbooks) in
// favour of plain Dockerfiles: an image built by running Ansible inside it is slow, opaque and
// hard to reproduce. This rule finds Ansible installed, run or fetched during the build.

import type { RawFinding, Rule } from '../rule.js';
import { allCommands } from './shell.js';
import { argumentsOf, lineMatching, runScript, runs, usableDockerfiles, type ParsedDockerfile } from './parse.js';
import { dependencyInstall } from './commands.js';

const ANSIBLE_PROGRAM = /^ansible(-playbook|-galaxy|-pull|-vault)?$/;
const ANSIBLE_PACKAGE = /^ansible(-core|-base|-lint)?([=<>~!].*)?$/;
/** The repository that held edx's Ansible playbooks. */
const CONFIGURATION_REPO = /(edx|openedx)\/configuration(\.git)?(\b|$)/;

function ansibleIn(df: ParsedDockerfile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of runs(df)) {
    const script = runScript(df, run);
    for (const command of allCommands(script.commands)) {
      let what: string | undefined;
      if (ANSIBLE_PROGRAM.test(command.name)) what = `runs ${command.name}`;
      else if (dependencyInstall(command) && command.args.some((a) => ANSIBLE_PACKAGE.test(a))) what = `installs Ansible with ${command.name}`;
      else if (command.name === 'git' && command.args.some((a) => CONFIGURATION_REPO.test(a))) what = 'clones the Ansible configuration repository';
      if (what) {
        out.push({ message: `the build ${what}`, file: df.file, line: lineMatching(df, run, /ansible|configuration/i) });
        break;
      }
    }
  }
  for (const instruction of df.instructions) {
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && argumentsOf(instruction).some((a) => /(^|\/)(playbooks?|ansible)(\/|$)|\.ansible\.ya?ml$/.test(a))) {
      out.push({ message: `${instruction.keyword} brings Ansible playbooks into the image`, file: df.file, line: instruction.line });
    }
    if (instruction.keyword === 'ADD' && argumentsOf(instruction).some((a) => CONFIGURATION_REPO.test(a))) {
      out.push({ message: 'ADD fetches the Ansible configuration repository', file: df.file, line: instruction.line });
    }
  }
  return out;
}

export const d003NoAnsible: Rule = {
  meta: {
    id: 'OEP45-D003',
    title: 'no Ansible in the build',
    severity: 'error',
    area: 'dockerfile',
    help: 'Write the steps the playbook did as plain, commented Dockerfile instructions (packages with apt-get, Python dependencies with pip, files with COPY).',
  },
  check(ctx) {
    return usableDockerfiles(ctx).flatMap(ansibleIn);
  },
};
