"""
Production settings: base.py's values, overridden by the YAML file named by LEGACY_IDA_CFG.
"""

from os import environ

import yaml

from legacy_ida.settings.base import *  # noqa: F401,F403

DEBUG = False

CONFIG_FILE = environ['LEGACY_IDA_CFG']
with open(CONFIG_FILE, encoding='utf-8') as config_file:
    config_from_yaml = yaml.safe_load(config_file) or {}

# Features are merged, not replaced, so that the YAML file may set only some of them.
FEATURES.update(config_from_yaml.pop('FEATURES', {}))
vars().update(config_from_yaml)

# Migrations run with their own database user when DB_MIGRATION_USER is set.
if environ.get('DB_MIGRATION_USER'):
    DATABASES['default']['USER'] = environ['DB_MIGRATION_USER']
    DATABASES['default']['PASSWORD'] = environ.get('DB_MIGRATION_PASS', '')
