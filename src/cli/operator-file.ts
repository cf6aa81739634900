// The operator's own configuration file (`--config`), read the same way by `config check` and
// `config upgrade`: wherever it is (it is the operator's, not repository content, so it is not
// confined to the project), but bounded, so that a FIFO or /dev/zero is refused instead of read.

import { resolve } from 'node:path';
import { readBounded } from '../files/bounded-read.js';
import { describeRefusal } from '../files/repo-files.js';
import { SIZE_LIMITS } from '../files/limits.js';
import { UserError } from '../util/errors.js';

export function readOperatorFile(file: string, cwd: string): string {
  const got = readBounded(resolve(cwd, file), SIZE_LIMITS.config);
  if ('refused' in got) throw new UserError(describeRefusal(file, got.refused, 'config'));
  if ('missing' in got) throw new UserError(`cannot read ${file}: ${got.code}`);
  return got.text;
}
