"""
Settings for sample-ida, OEP-45 style.

Every setting lives in exactly one of two modules:

* ``required.py``: settings with no default; an operator must set them in the YAML file.
* ``defaults.py``: production-ready defaults; an operator may override them.

The YAML file is named by the ``SAMPLE_IDA_CFG_PATH`` environment variable. Development and
test values are YAML files too (``config/devstack.yml``, ``config/test.yml``), not settings modules.
"""

import os

import yaml
from django.core.exceptions import ImproperlyConfigured

from .required import *  # noqa: F401,F403
from .defaults import *  # noqa: F401,F403
from . import required as _required

CONFIG_FILE = os.environ.get('SAMPLE_IDA_CFG_PATH')
if not CONFIG_FILE:
    raise ImproperlyConfigured('Set SAMPLE_IDA_CFG_PATH to the path of the YAML configuration file.')

if not os.path.isfile(CONFIG_FILE):
    raise ImproperlyConfigured(f'SAMPLE_IDA_CFG_PATH names {CONFIG_FILE}, which does not exist: mount the configuration there.')

with open(CONFIG_FILE, encoding='utf-8') as config_file:
    _overrides = yaml.safe_load(config_file) or {}

globals().update(_overrides)

_missing = [name for name in dir(_required) if name.isupper() and globals().get(name) is None]
if _missing:
    raise ImproperlyConfigured('Required settings are not set: ' + ', '.join(sorted(_missing)))
