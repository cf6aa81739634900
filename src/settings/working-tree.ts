// The files of a project's working tree as the settings model and project discovery read them:
// a file's text (undefined when it is missing or not a file) and a folder's names. The one place
// outside the check context that reads project files for them.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileSource } from './model.js';

export function workingTree(root: string): FileSource {
  const texts = new Map<string, string | undefined>();
  const lists = new Map<string, string[]>();
  return {
    read(rel) {
      if (!texts.has(rel)) {
        let text: string | undefined;
        try {
          const abs = join(root, rel);
          text = statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
        } catch {
          text = undefined;
        }
        texts.set(rel, text);
      }
      return texts.get(rel);
    },
    list(rel) {
      let names = lists.get(rel);
      if (!names) {
        try {
          names = readdirSync(join(root, rel)).sort();
        } catch {
          names = [];
        }
        lists.set(rel, names);
      }
      return names;
    },
  };
}
