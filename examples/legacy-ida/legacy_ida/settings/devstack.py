"""Development settings for devstack."""

from legacy_ida.settings.base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ['*']
LMS_ROOT_URL = 'http://localhost:18000'
DATABASES['default']['HOST'] = 'legacy_ida.mysql'
FEATURES['ENABLE_REPORTS'] = True
