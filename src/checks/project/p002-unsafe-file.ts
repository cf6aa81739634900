// OEP45-P002: a repository is untrusted input (a pull request from a fork controls it). A file the
// checks would read that is a symbolic link out of the repository (to /etc/passwd, to the runner's
// credentials), a FIFO or a device (which would hang the run or feed it bytes forever), or is over
// the size limit of its kind was not read (src/files/repo-files.ts); this rule says so, once per
// cause, so that the missing checks of that file are not taken for a clean result. It runs after
// the other rules (`after`), when every file they read has been read.

import type { Rule } from '../rule.js';
import { describeRefusal } from '../../files/repo-files.js';

export const p002UnsafeFile: Rule = {
  meta: {
    id: 'OEP45-P002',
    title: 'Every file read is a regular file inside the repository, within its size limit',
    severity: 'error',
    area: 'project',
    help: 'Commit the file itself instead of a symbolic link that leaves the repository, replace a FIFO or device with a regular file, or split a file over its size limit (docs/configuration.md#file-limits).',
  },
  after: true,
  check(ctx) {
    return (ctx.files?.refusals() ?? []).map(({ file, refusal }) => ({
      message: describeRefusal(file, refusal),
      file,
      line: 0,
    }));
  },
};
