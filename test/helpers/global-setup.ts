// Before any test file: make sure an engine answers when one can be started, once for the run.

import { ensureEngine } from './docker-engine.js';

export default function setup(): void {
  process.env.OEP45_ENGINE = ensureEngine() ? 'yes' : 'no';
}
