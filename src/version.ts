// The tool's version, from package.json, baked into the bundle.

import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
