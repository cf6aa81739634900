# credentials: issues and shares learners' program certificates.
# Built from the repository root:
#   docker build -f dockerfiles/credentials.Dockerfile --target dev .
# BASE_IMAGE is any image with a POSIX shell; the tests build it on a local busybox.
ARG BASE_IMAGE=docker.io/library/python:3.12-slim-bookworm

# Stage base: the runtime environment shared by every target (settings path, folders, port).
FROM ${BASE_IMAGE} AS base
ENV CREDENTIALS_CFG_PATH=/edx/etc/credentials.yml \
    DJANGO_SETTINGS_MODULE=credentials.settings.production \
    PYTHONUNBUFFERED=1
WORKDIR /edx/app/credentials
RUN mkdir -p /edx/var/credentials/media /edx/var/credentials/staticfiles
COPY configs/credentials.yml /edx/etc/credentials.yml
EXPOSE 18150

# Stage production: the image operators run; the web process is its default command.
FROM base AS production
USER 1000:1000
CMD ["gunicorn", "--workers=2", "--bind=0.0.0.0:18150", "credentials.wsgi:application"]

# Stage dev: the devstack image, with development settings and the auto-reloading server.
FROM base AS dev
ENV DJANGO_SETTINGS_MODULE=credentials.settings.devstack
USER 1000:1000
CMD ["python", "manage.py", "runserver", "0.0.0.0:18150"]
