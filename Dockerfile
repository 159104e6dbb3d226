# syntax=docker/dockerfile:1
# The redaction job as an image: `docker build -t registry.example.eu/klang-redactor:0.1.0 .`
# Multi-stage: the build stage installs the dependencies and the project into a virtualenv; the
# runtime stage gets only that virtualenv, with the package and its data (the name model in
# redactor/data/sv_klang and the named queries: nothing is downloaded at run time), and runs as an
# unprivileged user.
# See docs/operations.md ("Container").

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /opt/klang-redactor
# Dependencies first (a layer that only changes with pyproject.toml), then the project itself as
# an ordinary (non-editable) install: the model and the queries are package data.
COPY pyproject.toml README.md NOTICE ./
RUN python -m venv .venv \
 && .venv/bin/pip install --upgrade pip setuptools wheel \
 && .venv/bin/python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && .venv/bin/pip install -r /tmp/requirements.txt
COPY redactor ./redactor
COPY recognizers ./recognizers
RUN .venv/bin/pip install --no-deps --no-build-isolation . \
 && .venv/bin/python -m compileall -q .venv/lib

FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="klang-redactor" \
      org.opencontainers.image.description="Swedish PII redaction for Klang.ai call transcripts"
ENV PATH=/opt/klang-redactor/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HOME=/home/redactor \
    REDACTOR_LOG_LEVEL=info
# The same uid/gid as the Kubernetes securityContext (runAsUser 10001).
RUN groupadd --system --gid 10001 redactor \
 && useradd --system --uid 10001 --gid redactor --home-dir /home/redactor --create-home --shell /usr/sbin/nologin redactor \
 && install -d -o redactor -g redactor -m 0700 /var/lib/klang-redactor
COPY --from=build --chown=root:root /opt/klang-redactor/.venv /opt/klang-redactor/.venv
USER 10001:10001
WORKDIR /var/lib/klang-redactor
# Healthy = the code, the recognizers and the name model load offline and find a personnummer
# (a Skatteverket test number, which belongs to no one).
HEALTHCHECK --interval=5m --timeout=60s --start-period=60s --retries=3 \
  CMD echo "personnummer 19880413-2382" | redactor scan - | grep -q SE_PERSONNUMMER || exit 1
ENTRYPOINT ["redactor"]
CMD ["--help"]
