// The upgrade notes of one settings package read against an operator's YAML file: every line is
// about that file, with the line of the key it talks about — "you set OLD_KEY (line 12), which
// teak no longer reads", "teak requires NEW_SECRET, which you do not set". A required setting the
// file does not set means the new release would not start: the command exits 1 for it.

import { locate, type YamlSource } from '../config/yaml-source.js';
import { defaultText, type PackageUpgrade, type UpgradeItem } from './upgrade.js';

/** `missing`: the new release will not start; `dead`: set but no longer read; `act`: worth a change; `relies`: the default moves under you; `fine`: nothing to do. */
export type OperatorVerdict = 'missing' | 'dead' | 'act' | 'relies' | 'fine';

export interface OperatorLine {
  verdict: OperatorVerdict;
  /** The setting the line is about. */
  name: string;
  /** Line of the operator's file that sets it, when it does. */
  line?: number;
  message: string;
  item?: UpgradeItem;
}

/** The top-level keys of the operator's file, each with its line. */
export function operatorKeys(src: YamlSource): Map<string, number> {
  const keys = new Map<string, number>();
  const value = src.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return keys;
  for (const key of Object.keys(value)) keys.set(key, locate(src, [key], true).line ?? 1);
  return keys;
}

function lineOf(line: number): string {
  return `(line ${line})`;
}

/** Lines for one package; `to` names the new release as an operator does (`teak`). */
export function operatorLines(pkg: PackageUpgrade, keys: ReadonlyMap<string, number>, to: string): OperatorLine[] {
  const out: OperatorLine[] = [];
  const mentioned = new Set<string>();
  const at = (name: string): number | undefined => keys.get(name);
  for (const item of pkg.items) {
    const { name } = item;
    const line = at(name);
    const push = (verdict: OperatorVerdict, message: string, about = name, where = line): void => {
      out.push({ verdict, name: about, ...(where !== undefined ? { line: where } : {}), message, item });
    };
    mentioned.add(name);
    switch (item.kind) {
      case 'layout':
      case 'variable':
        mentioned.delete(name);
        if (item.kind === 'variable') push('act', `${to} reads the path of your file from \`${item.name}\`, no longer from \`${item.oldName}\`: set \`${item.name}\` where the service runs`, item.name, undefined);
        else push('fine', `${to} moves the settings of ${pkg.dir} from the ${item.oldName} layout to the ${item.name} layout; the keys of your file stay as they are`, item.name, undefined);
        break;
      case 'added':
        if (item.required) {
          if (line !== undefined) push('fine', `${to} requires \`${name}\`, new in ${to}; you set it ${lineOf(line)}`);
          else push('missing', `${to} requires \`${name}\`, which you do not set`);
        } else if (line !== undefined) push('fine', `you set \`${name}\` ${lineOf(line)}, which ${to} now reads (new in ${to})`);
        else push('fine', `${to} adds \`${name}\` (default \`${defaultText(item.after)}\`); you do not set it, so the default applies`);
        break;
      case 'now-required':
        if (line !== undefined) push('fine', `${to} requires \`${name}\` (it had the default \`${defaultText(item.before)}\`); you set it ${lineOf(line)}`);
        else push('missing', `${to} requires \`${name}\`, which you do not set (its default \`${defaultText(item.before)}\` is gone)`);
        break;
      case 'renamed': {
        const old = item.oldName!;
        const oldLine = at(old);
        mentioned.add(old);
        const why = item.evidence === 'documentation' ? 'the same documentation' : 'the same default';
        const guess = `\`${old}\` seems renamed \`${name}\` in ${to} (${why}; a guess, check the changelog)`;
        if (oldLine !== undefined && line === undefined) {
          push(item.required ? 'missing' : 'dead', `you set \`${old}\` ${lineOf(oldLine)}, which ${to} no longer reads: ${guess}; move your value to \`${name}\``, old, oldLine);
        } else if (line !== undefined) {
          push('fine', `you set \`${name}\` ${lineOf(line)}: ${guess}${oldLine !== undefined ? `; \`${old}\` ${lineOf(oldLine)} is no longer read, remove it` : ''}`);
        } else if (item.required) {
          push('missing', `${to} requires \`${name}\`, which you do not set: ${guess}`);
        } else {
          push('fine', `${guess}; you set neither, so the default \`${defaultText(item.after)}\` applies`);
        }
        break;
      }
      case 'removed':
        if (pkg.yamlKeys.includes(name)) {
          mentioned.delete(name);
          break; // still read from the YAML by name: not dead
        }
        if (line !== undefined) push('dead', `you set \`${name}\` ${lineOf(line)}, which ${to} no longer reads: remove it`);
        else push('fine', `${to} no longer has \`${name}\`; you do not set it`);
        break;
      case 'default-changed':
        if (line !== undefined) push('fine', `you set \`${name}\` ${lineOf(line)}, so the change of its default (\`${defaultText(item.before)}\` → \`${defaultText(item.after)}\`) does not affect you`);
        else push('relies', `you rely on the default of \`${name}\`, which changes from \`${defaultText(item.before)}\` to \`${defaultText(item.after)}\` in ${to}; set it to keep the old behaviour`);
        break;
      case 'now-default':
        if (line !== undefined) push('fine', `\`${name}\` is no longer required in ${to} (default \`${defaultText(item.after)}\`); you set it ${lineOf(line)}, which still wins`);
        else push('fine', `\`${name}\` is no longer required in ${to}; its default \`${defaultText(item.after)}\` applies`);
        break;
    }
  }
  // The operator's other keys: read as they were, or unknown to both releases.
  const known = new Set([...pkg.settings, ...pkg.yamlKeys]);
  for (const [key, line] of keys) {
    if (mentioned.has(key)) continue;
    if (known.has(key)) out.push({ verdict: 'fine', name: key, line, message: `your \`${key}\` ${lineOf(line)} is fine: ${to} reads it as before` });
  }
  return out;
}

/** True when the file would not start the new release. */
export function missingRequired(lines: readonly OperatorLine[]): boolean {
  return lines.some((l) => l.verdict === 'missing');
}
