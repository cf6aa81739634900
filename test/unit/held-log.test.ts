// heldLog: what the image steps say while the checks run waits for the gate, in order; a closed
// gate drops it; secrets are registered at once.
import { describe, expect, it } from 'vitest';
import { heldLog } from '../../src/util/held-log.js';
import { recordingLog } from '../helpers/build-fixtures.js';

function gate(): { promise: Promise<boolean>; open: (go: boolean) => void } {
  let open: (go: boolean) => void = () => {};
  const promise = new Promise<boolean>((resolve) => (open = resolve));
  return { promise, open };
}

describe('heldLog', () => {
  const cases: Array<{ name: string; go: boolean; expected: string[] }> = [
    { name: 'an open gate says what it held, in order, then the rest at once', go: true, expected: ['one', 'warning: two', 'debug: three', 'four'] },
    { name: 'a closed gate drops what it held and what comes after', go: false, expected: [] },
  ];
  for (const { name, go, expected } of cases) {
    it(name, async () => {
      const target = recordingLog();
      const g = gate();
      const log = heldLog(target, g.promise);
      log.info('one');
      log.warning('two');
      log.debug('three');
      expect(target.lines).toEqual([]);
      g.open(go);
      await g.promise;
      log.info('four');
      expect(target.lines).toEqual(expected);
    });
  }

  it('registers secrets at once, before the gate opens', () => {
    const target = recordingLog();
    heldLog(target, gate().promise).secret('hunter2');
    expect(target.secrets).toEqual(['hunter2']);
  });

  it('a group waits for the gate, then is the real group (open) or runs its function silently (closed)', async () => {
    for (const go of [true, false]) {
      const target = recordingLog();
      const g = gate();
      const log = heldLog(target, g.promise);
      log.info('before');
      const grouped = log.group('Build app', async () => 'built');
      expect(target.groups).toEqual([]);
      g.open(go);
      expect(await grouped).toBe('built');
      expect(target.lines).toEqual(go ? ['before', 'group: Build app'] : []);
    }
  });
});
