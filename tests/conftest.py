import os

import pytest


def service_missing(reason):
    """Skip with a visible reason on a laptop; fail in CI, where every service must run."""
    if os.environ.get("NEWSROOM_REQUIRE_SERVICES"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of a test go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def redis_url(worker_id):
    """A Redis database of its own for the test, emptied before and after.

    REDIS_URL_TESTS names the database of a plain run; each pytest-xdist worker takes
    the one below it (gw0: 15, gw1: 14, …) so that parallel tests never flush each other.
    """
    import redis

    base, _, number = os.environ.get("REDIS_URL_TESTS", "redis://127.0.0.1:6379/15").rpartition("/")
    if worker_id != "master":
        number = str(int(number) - int(worker_id.removeprefix("gw")))
    url = f"{base}/{number}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        service_missing(f"Redis is not reachable at {url} ({error})")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def postgres(db):
    """Marks a test that needs PostgreSQL; skipped on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")


@pytest.fixture(autouse=True)
def _reads_sent_by_the_request(settings):
    """A read is registered by the request that made it, so a test sees it at once; the
    queue of reads (sent by a thread) has its own tests and a "queued" mode in test_reads."""
    settings.READS_QUEUE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Factories hash a password per user: the default hasher is slow by design."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
