// A log that holds what it is told until a gate opens, then says it all, in order, and anything
// after at once; when the gate closes instead, what it held is dropped. The image steps of a build
// or publish start while the checks still run, so that their look-ups (input keys, the registry)
// overlap the checks' work; they must not speak before the checks have passed, as a publish whose
// checks fail says nothing about its images. Secrets are registered at once, whatever the gate.

import type { Log } from './log.js';

export function heldLog(log: Log, gate: Promise<boolean>): Log {
  let state: 'held' | 'open' | 'closed' = 'held';
  const held: Array<() => void> = [];
  // Registered first, so that it runs before whatever else waits for the gate.
  void gate.then(
    (open) => {
      state = open ? 'open' : 'closed';
      if (open) for (const say of held) say();
      held.length = 0;
    },
    () => {
      state = 'closed';
      held.length = 0;
    },
  );
  const say = (line: () => void): void => {
    if (state === 'open') line();
    else if (state === 'held') held.push(line);
  };
  return {
    info: (message) => say(() => log.info(message)),
    warning: (message) => say(() => log.warning(message)),
    debug: (message) => say(() => log.debug(message)),
    async group(title, fn) {
      if (state === 'held') await gate.catch(() => false);
      return state === 'open' ? log.group(title, fn) : fn();
    },
    secret: (value) => log.secret(value),
  };
}
