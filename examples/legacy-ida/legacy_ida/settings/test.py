"""Settings for the test suite."""

from legacy_ida.settings.base import *  # noqa: F401,F403

LMS_ROOT_URL = 'http://lms.test'
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': ':memory:',
    },
}
