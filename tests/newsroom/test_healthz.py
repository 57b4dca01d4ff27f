"""/healthz/ against real services, up, down and hanging."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings

from tests.conftest import free_port

pytestmark = pytest.mark.django_db

URL = "/healthz/"


def redis_cache(location):
    return {"default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": location}}


def probe_beside_a_silent_service(client, settings, point_at):
    """GET /healthz/ (HEALTHZ_TIMEOUT 0.5 s) while ``point_at(port)`` has sent a service to a
    listener that accepts connections and never answers: (the response, seconds taken)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        point_at(silent.getsockname()[1])
        settings.HEALTHZ_TIMEOUT = 0.5
        started = time.monotonic()
        response = client.get(URL)
        return response, time.monotonic() - started


def test_all_up_is_ok_and_never_cached(client, settings, redis_url):
    settings.CACHES = redis_cache(redis_url)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_no_https_redirect_behind_a_plain_http_prober(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(URL).status_code == 200
    assert client.get("/").status_code == 301  # the rest of the site is redirected


def test_redis_down_is_degraded_but_still_200(client, settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "error", "storage": "ok"}}


def test_hanging_redis_costs_the_prober_seconds_not_minutes(client, settings):
    response, elapsed = probe_beside_a_silent_service(
        client, settings, lambda port: setattr(settings, "CACHES", redis_cache(f"redis://127.0.0.1:{port}/0"))
    )
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "timeout"
    assert elapsed < 2


def test_database_down_is_503():
    """A fresh process whose PostgreSQL does not answer (nothing listens on its port)."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/absent",
        "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz/'); print(r.status_code); print(r.content.decode())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stdout.strip().splitlines()
    assert lines[-2] == "503", done.stderr
    body = json.loads(lines[-1])
    assert body["status"] == "down" and body["checks"]["database"] == "error"


def s3_storages(endpoint):
    from common.storage import media_storages

    return media_storages(
        bucket="newsroom-absent", endpoint_url=endpoint, access_key="k", secret_key="s", region="eu-west-3"
    )


def test_s3_down_is_degraded_but_still_200(client, settings):
    settings.STORAGES = {**settings.STORAGES, **s3_storages(f"http://127.0.0.1:{free_port()}")}  # refused
    started = time.monotonic()
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "ok", "storage": "error"}}
    assert time.monotonic() - started < 3


def test_hanging_s3_costs_the_prober_seconds_not_minutes(client, settings):
    response, elapsed = probe_beside_a_silent_service(
        client,
        settings,
        lambda port: setattr(settings, "STORAGES", {**settings.STORAGES, **s3_storages(f"http://127.0.0.1:{port}")}),
    )
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "timeout"
    assert response.json()["status"] == "degraded"
    assert elapsed < 2


def test_s3_calls_are_bounded_in_time():
    """Uploads and renditions wait seconds for a bucket that hangs, never botocore's minutes."""
    from common.storage import S3_CONNECT_TIMEOUT, S3_MAX_ATTEMPTS, S3_READ_TIMEOUT

    config = s3_storages("http://127.0.0.1:9")["default"]["OPTIONS"]["client_config"]
    assert (config.connect_timeout, config.read_timeout) == (S3_CONNECT_TIMEOUT, S3_READ_TIMEOUT)
    assert config.retries == {"max_attempts": S3_MAX_ATTEMPTS, "mode": "standard"}
