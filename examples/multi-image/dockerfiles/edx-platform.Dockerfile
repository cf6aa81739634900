# edx-platform: one Dockerfile for both of its services, chosen by build arguments
# (images-data.json gives lms and cms their own SERVICE_VARIANT and SERVICE_PORT):
#   docker build -f dockerfiles/edx-platform.Dockerfile --target development \
#     --build-arg SERVICE_VARIANT=lms --build-arg SERVICE_PORT=18000 .
# BASE_IMAGE is any image with a POSIX shell; the tests build it on a local busybox.
ARG BASE_IMAGE=docker.io/library/python:3.11-slim-bookworm

# Stage base: the runtime environment shared by every target (settings path, folders, port).
FROM ${BASE_IMAGE} AS base
ARG SERVICE_VARIANT=lms
ARG SERVICE_PORT=18000
ENV SERVICE_VARIANT=${SERVICE_VARIANT} \
    SERVICE_PORT=${SERVICE_PORT} \
    EDX_PLATFORM_SETTINGS=production \
    CONFIG_ROOT=/edx/etc \
    PYTHONUNBUFFERED=1
WORKDIR /edx/app/edx-platform
RUN mkdir -p /edx/var/edxapp/media /edx/var/edxapp/staticfiles
COPY configs/${SERVICE_VARIANT}.yml /edx/etc/${SERVICE_VARIANT}.yml
EXPOSE ${SERVICE_PORT}

# Stage production: the image operators run; the web process is its default command.
FROM base AS production
USER 1000:1000
CMD ["sh", "-c", "exec gunicorn --workers=2 --bind=0.0.0.0:${SERVICE_PORT} ${SERVICE_VARIANT}.wsgi:application"]

# Stage development: the devstack image, with development settings and the auto-reloading server.
FROM base AS development
ENV EDX_PLATFORM_SETTINGS=devstack
USER 1000:1000
CMD ["sh", "-c", "exec python manage.py ${SERVICE_VARIANT} runserver 0.0.0.0:${SERVICE_PORT}"]
