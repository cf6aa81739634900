// The operations manual, read once per run: every RST file under the manual's folder (two levels
// deep) with its headings, for the operations rules.

import type { CheckContext } from '../context.js';
import { parseRst } from '../../markup/rst.js';
import type { Outline } from '../../markup/outline.js';

export interface ManualFile {
  file: string;
  outline: Outline;
}

export interface Manual {
  dir: string;
  files: ManualFile[];
}

export function readManual(ctx: CheckContext): Manual {
  return ctx.memo('operations:manual', () => {
    const dir = ctx.project.operationsDir;
    const files: ManualFile[] = [];
    const visit = (rel: string, depth: number): void => {
      for (const name of ctx.list(rel)) {
        const path = `${rel}/${name}`;
        if (name.startsWith('.')) continue;
        if (ctx.isDirectory(path)) {
          if (depth < 2) visit(path, depth + 1);
        } else if (name.endsWith('.rst')) {
          const text = ctx.readFile(path);
          if (text !== undefined) files.push({ file: path, outline: parseRst(text) });
        }
      }
    };
    if (ctx.isDirectory(dir)) visit(dir, 0);
    return { dir, files };
  });
}

/** The file a finding about the whole manual points at: its index, else its first file. */
export function manualEntryFile(manual: Manual): string {
  return manual.files.find((f) => f.file === `${manual.dir}/index.rst`)?.file ?? manual.files[0]?.file ?? manual.dir;
}
