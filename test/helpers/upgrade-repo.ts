// A real git repository of an OEP-45 service with two named releases, for `oep45 config upgrade`:
// open-release/sumac.3, then release/teak.1 where settings are added (NEW_SECRET required,
// ENABLE_REPORTS with a default), removed (OLD_FEATURE_FLAG), renamed (LOGGING_LEVEL → LOG_LEVEL,
// same documentation), whose default changed (PAGE_SIZE 20 → 50), moved to required
// (LMS_ROOT_URL) and out of it (SUPPORT_EMAIL). Teak's changelog entry names some of them and is
// silent on ENABLE_REPORTS and SUPPORT_EMAIL.

import { makeRepo, type TestRepo } from './git.js';

const MANAGE = `#!/usr/bin/env python3
import os
import sys

if __name__ == '__main__':
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'upgrade_ida.settings')
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`;

const INIT = `import os

import yaml

from .required import *  # noqa: F401,F403
from .defaults import *  # noqa: F401,F403

CONFIG_FILE = os.environ.get('UPGRADE_IDA_CFG_PATH')
with open(CONFIG_FILE, encoding='utf-8') as config_file:
    globals().update(yaml.safe_load(config_file) or {})
`;

function setting(name: string, value: string, description: string): string {
  return `# .. setting_name: ${name}\n# .. setting_default: ${value}\n# .. setting_description: ${description}\n${name} = ${value}\n\n`;
}

const SUMAC_REQUIRED =
  setting('SECRET_KEY', 'None', "Django's cryptographic signing key, different for every installation.") +
  setting('DATABASES', 'None', 'Django database connections; default must point at MySQL 8.') +
  setting('SUPPORT_EMAIL', 'None', 'Address that learners write to for help with this service.');

const SUMAC_DEFAULTS =
  setting('TIME_ZONE', "'UTC'", 'Time zone of stored and displayed dates.') +
  setting('LOGGING_LEVEL', "'INFO'", 'Lowest level of the messages the service logs.') +
  setting('OLD_FEATURE_FLAG', 'False', 'Turns on the old reports page.') +
  setting('LMS_ROOT_URL', "'http://localhost:18000'", 'Root URL of the LMS this service belongs to.') +
  setting('PAGE_SIZE', '20', 'Number of results in one page of the API.');

const TEAK_REQUIRED =
  setting('SECRET_KEY', 'None', "Django's cryptographic signing key, different for every installation.") +
  setting('DATABASES', 'None', 'Django database connections; default must point at MySQL 8.') +
  setting('LMS_ROOT_URL', 'None', 'Root URL of the LMS this service belongs to.') +
  setting('NEW_SECRET', 'None', 'Key that signs the tokens of the reports API.');

const TEAK_DEFAULTS =
  setting('TIME_ZONE', "'UTC'", 'Time zone of stored and displayed dates.') +
  setting('LOG_LEVEL', "'INFO'", 'Lowest level of the messages the service logs.') +
  setting('SUPPORT_EMAIL', "'support@example.com'", 'Address that learners write to for help with this service.') +
  setting('PAGE_SIZE', '50', 'Number of results in one page of the API.') +
  setting('ENABLE_REPORTS', 'False', 'Turns on the reports API <beta> & its *pages*.');

const OLD_ENTRY = `[1.0.0] - 2020-01-12
********************

Added
=====

* Setting \`\`TIME_ZONE\`\` and \`\`PAGE_SIZE\`\`.
`;

function changelog(withTeak: boolean): string {
  const teak = `[2.0.0] - ${new Date().toISOString().slice(0, 10)}
********************

Settings
========

* New required setting \`\`NEW_SECRET\`\` signs the reports API's tokens.
* \`\`LOGGING_LEVEL\`\` is now \`\`LOG_LEVEL\`\`.
* \`\`PAGE_SIZE\`\` now defaults to 50.
* \`\`LMS_ROOT_URL\`\` has no default any more.
* \`\`OLD_FEATURE_FLAG\`\` is gone with the old reports page.

`;
  return `Change Log\n##########\n\nUnreleased\n**********\n\n${withTeak ? teak : ''}${OLD_ENTRY}`;
}

export interface UpgradeRepo {
  repo: TestRepo;
  from: string;
  to: string;
}

/**
 * `hostile`: teak also adds a setting whose default is HTML and Markdown, for the escaping tests;
 * `files`: more files in both releases (a Dockerfile, a .oep45.yml); `under`: a folder to put the
 * service in, the repository holding more than it.
 */
export function makeUpgradeRepo(options: { hostile?: boolean; files?: Record<string, string>; under?: string } = {}): UpgradeRepo {
  const made = makeRepo({ branch: 'master' });
  // `under`: the service in a folder of a larger repository.
  const repo: TestRepo = options.under ? { ...made, write: (path, text) => made.write(`${options.under}/${path}`, text) } : made;
  for (const [file, text] of Object.entries(options.files ?? {})) repo.write(file, text);
  repo.write('manage.py', MANAGE);
  repo.write('upgrade_ida/__init__.py', '');
  repo.write('upgrade_ida/settings/__init__.py', INIT);
  repo.write('upgrade_ida/settings/required.py', SUMAC_REQUIRED);
  repo.write('upgrade_ida/settings/defaults.py', SUMAC_DEFAULTS);
  repo.write('CHANGELOG.rst', changelog(false));
  repo.commit('sumac');
  repo.tag('open-release/sumac.3');
  repo.write('upgrade_ida/settings/required.py', TEAK_REQUIRED);
  const hostile = options.hostile ? setting('WELCOME_BANNER', "'<img src=x onerror=alert(1)> | *teak* [x](http://e.x) `c`'", 'Banner above the dashboard.') : '';
  repo.write('upgrade_ida/settings/defaults.py', TEAK_DEFAULTS + hostile);
  repo.write('CHANGELOG.rst', changelog(true));
  repo.commit('teak');
  repo.tag('release/teak.1');
  return { repo, from: 'open-release/sumac.3', to: 'release/teak.1' };
}

/** An operator's file for sumac: line numbers matter to the tests. */
export const SUMAC_OPERATOR_FILE = `SECRET_KEY: not-a-real-key
DATABASES:
  default:
    ENGINE: django.db.backends.mysql
SUPPORT_EMAIL: help@example.org
LOGGING_LEVEL: DEBUG
OLD_FEATURE_FLAG: true
TIME_ZONE: Europe/Paris
`;
