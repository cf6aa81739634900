"""
Default settings: production-ready values. An operator overrides any of them in the YAML file
named by SAMPLE_IDA_CFG_PATH.
"""

#: Show detailed error pages. Never enable it in production.
DEBUG = False

#: Django applications of this service.
INSTALLED_APPS = [
    'django.contrib.contenttypes',
    'django.contrib.auth',
    'sample_ida',
]

#: URL configuration module.
ROOT_URLCONF = 'sample_ida.urls'

#: WSGI application that gunicorn serves.
WSGI_APPLICATION = 'sample_ida.wsgi.application'

# .. setting_name: TIME_ZONE
# .. setting_default: 'UTC'
# .. setting_description: Time zone of stored and displayed dates.
TIME_ZONE = 'UTC'

# .. setting_name: LANGUAGE_CODE
# .. setting_default: 'en'
# .. setting_description: Default language of the user interface.
LANGUAGE_CODE = 'en'

# .. setting_name: CACHES
# .. setting_default: local memory cache
# .. setting_description: Django cache configuration. Use memcached or Redis when running more
#   than one web process.
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
    },
}

# .. setting_name: CELERY_BROKER_URL
# .. setting_default: 'redis://localhost:6379/0'
# .. setting_description: Broker of the asynchronous workers.
CELERY_BROKER_URL = 'redis://localhost:6379/0'

# .. setting_name: LOG_LEVEL
# .. setting_default: 'INFO'
# .. setting_description: Lowest level of the messages the service logs.
LOG_LEVEL = 'INFO'

#: Number of items per page in the API.
API_PAGE_SIZE = 20

# .. toggle_name: ENABLE_REPORTS
# .. toggle_implementation: DjangoSetting
# .. toggle_default: False
# .. toggle_description: Turns on the reports API, which needs the async workers running.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2026-03-02
ENABLE_REPORTS = False
