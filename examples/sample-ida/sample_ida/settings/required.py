"""
Required settings: there is no value that would be right for every installation, so the
service refuses to start until the operator's YAML file sets each of them.
"""

# .. setting_name: SECRET_KEY
# .. setting_default: None (required)
# .. setting_description: Django's cryptographic signing key. Use a long random string that is
#   kept secret and differs between installations.
SECRET_KEY = None

# .. setting_name: ALLOWED_HOSTS
# .. setting_default: None (required)
# .. setting_description: Host names this service answers to, e.g. ``["sample.example.com"]``.
ALLOWED_HOSTS = None

# .. setting_name: DATABASES
# .. setting_default: None (required)
# .. setting_description: Django database connections; ``default`` must point at a MySQL 8 database.
DATABASES = None

# .. setting_name: LMS_ROOT_URL
# .. setting_default: None (required)
# .. setting_description: Root URL of the LMS this service belongs to, e.g. ``https://courses.example.com``.
LMS_ROOT_URL = None
