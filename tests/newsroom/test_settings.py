"""Production settings: what an operator relies on when DEBUG is off."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    ignored = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="www.example.org,example.org",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_an_error_when_debug_is_off():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


PROXY_CHECK = """
import django
django.setup()
from django.test import Client
client = Client()
behind_proxy = client.get("/robots.txt", HTTP_HOST="www.example.org", HTTP_X_FORWARDED_PROTO="https")
plain_http = client.get("/robots.txt", HTTP_HOST="www.example.org")
print(not behind_proxy.get("Location", "").startswith("https://"), plain_http.status_code, plain_http.get("Location", ""))
print(behind_proxy.get("Strict-Transport-Security", ""))
"""


@pytest.mark.django_db
def test_https_behind_proxy_is_not_redirected_and_plain_http_is():
    result = subprocess.run(
        [sys.executable, "-c", PROXY_CHECK], cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    first, hsts = result.stdout.strip().splitlines()
    not_redirected, status, location = first.split(" ", 2)
    assert not_redirected == "True"
    assert status == "301" and location == "https://www.example.org/robots.txt"
    assert "max-age=31536000" in hsts


def test_the_redis_cache_shares_one_client_between_calls(redis_url):
    """newsroom.redis_cache: Django builds a redis.Redis per call; ours keeps one per pool."""
    from newsroom.redis_cache import RedisCache

    cache = RedisCache(redis_url, {"KEY_PREFIX": "t"})
    assert cache.get_or_set("answer", 42) == 42
    assert cache.incr("answer") == 43 and cache.get("answer") == 43
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client
    cache.close()


def test_postgresql_binds_parameters_on_the_server_and_prepares_nothing(postgres):
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int + 1", [41])
        assert cursor.fetchone() == (42,)
        # psycopg's own cursor, not the ClientCursor Django uses by default...
        assert not isinstance(cursor.cursor, psycopg.ClientCursor)
    # ...and no prepared statement, which pgbouncer's transaction pooling would break.
    assert connection.connection.prepare_threshold is None
