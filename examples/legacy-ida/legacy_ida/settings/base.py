"""
Settings every environment of legacy-ida starts from.

production.py overrides them from the YAML file named by LEGACY_IDA_CFG; devstack.py and test.py
set development and test values.
"""

import os
from os.path import abspath, dirname, join

# Folder of the legacy_ida package; other paths are relative to it.
PROJECT_ROOT = dirname(dirname(abspath(__file__)))

# .. setting_name: SECRET_KEY
# .. setting_default: 'insecure-secret-key'
# .. setting_description: Django's cryptographic signing key. Production must set its own.
SECRET_KEY = 'insecure-secret-key'

# .. setting_name: DEBUG
# .. setting_default: False
# .. setting_description: Show detailed error pages. Never enable it in production.
DEBUG = False

# .. setting_name: ALLOWED_HOSTS
# .. setting_default: []
# .. setting_description: Host names this service answers to.
ALLOWED_HOSTS = []

# .. setting_name: INSTALLED_APPS
# .. setting_default: Django's auth and contenttypes, and legacy_ida
# .. setting_description: Django applications of this service.
INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'legacy_ida',
]

# .. setting_name: ROOT_URLCONF
# .. setting_default: 'legacy_ida.urls'
# .. setting_description: URL configuration module.
ROOT_URLCONF = 'legacy_ida.urls'

WSGI_APPLICATION = 'legacy_ida.wsgi.application'

# .. setting_name: DATABASES
# .. setting_default: a local MySQL database named legacy_ida
# .. setting_description: Django database connections. Production sets them in the YAML file.
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.mysql',
        'NAME': 'legacy_ida',
        'USER': 'legacy001',
        'PASSWORD': 'password',
        'HOST': 'localhost',
        'PORT': '3306',
        'ATOMIC_REQUESTS': True,
    },
}

# .. setting_name: TIME_ZONE
# .. setting_default: 'UTC'
# .. setting_description: Time zone of stored and displayed dates.
TIME_ZONE = 'UTC'

# .. setting_name: STATIC_ROOT
# .. setting_default: PROJECT_ROOT/assets
# .. setting_description: Folder that collectstatic fills.
STATIC_ROOT = join(PROJECT_ROOT, 'assets')

# .. setting_name: LMS_ROOT_URL
# .. setting_default: None
# .. setting_description: Root URL of the LMS this service belongs to, e.g. https://courses.example.com.
# .. setting_warning: Required: the service cannot sign users in through the LMS without it.
LMS_ROOT_URL = None

# .. setting_name: SOCIAL_AUTH_EDX_OAUTH2_KEY
# .. setting_default: 'legacy-ida-sso-key'
# .. setting_description: OAuth2 client id of this service at the LMS, for single sign-on.
SOCIAL_AUTH_EDX_OAUTH2_KEY = 'legacy-ida-sso-key'

# .. setting_name: SOCIAL_AUTH_EDX_OAUTH2_SECRET
# .. setting_default: 'legacy-ida-sso-secret'
# .. setting_description: OAuth2 client secret of this service at the LMS.
SOCIAL_AUTH_EDX_OAUTH2_SECRET = 'legacy-ida-sso-secret'

# .. setting_name: CELERY_BROKER_URL
# .. setting_default: 'redis://localhost:6379/0'
# .. setting_description: Broker of the asynchronous workers.
CELERY_BROKER_URL = os.environ.get('CELERY_BROKER_URL', 'redis://localhost:6379/0')

# .. setting_name: API_PAGE_SIZE
# .. setting_default: 20
# .. setting_description: Number of items per page in the API.
API_PAGE_SIZE = 20

FEATURES = {
    # .. toggle_name: FEATURES['ENABLE_REPORTS']
    # .. toggle_implementation: DjangoSetting
    # .. toggle_default: False
    # .. toggle_description: Turns on the reports API, which needs the async workers running.
    # .. toggle_use_cases: open_edx
    # .. toggle_creation_date: 2025-11-04
    'ENABLE_REPORTS': False,
}
