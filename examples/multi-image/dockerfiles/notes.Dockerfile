# edx-notes-api: stores learners' notes and highlights.
# Built from the repository root:
#   docker build -f dockerfiles/notes.Dockerfile --target dev .
# BASE_IMAGE is any image with a POSIX shell; the tests build it on a local busybox.
ARG BASE_IMAGE=docker.io/library/python:3.12-slim-bookworm

# Stage base: the runtime environment shared by every target (settings path, folders, port).
FROM ${BASE_IMAGE} AS base
ENV EDXNOTES_CONFIG_ROOT=/edx/etc \
    DJANGO_SETTINGS_MODULE=notesserver.settings.yaml_config \
    PYTHONUNBUFFERED=1
WORKDIR /edx/app/notes
COPY configs/notes.yml /edx/etc/notes.yml
EXPOSE 8120

# Stage production: the image operators run; the web process is its default command.
FROM base AS production
USER 1000:1000
CMD ["gunicorn", "--workers=2", "--bind=0.0.0.0:8120", "notesserver.wsgi:application"]

# Stage dev: the devstack image, with development settings and the auto-reloading server.
FROM base AS dev
ENV DJANGO_SETTINGS_MODULE=notesserver.settings.devstack
USER 1000:1000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8120"]
