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


def free_port() -> int:
    """A TCP port nothing listens on at the moment, on loopback."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpInbox:
    """What a real SMTP server (aiosmtpd) received: one envelope per message."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def messages(self):
        import email
        from email import policy

        return [email.message_from_bytes(envelope.content, policy=policy.default) for envelope in self.envelopes]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; the site's mail goes there."""
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture
def black_hole_smtp(settings):
    """A relay that accepts the connection and never says a word (no banner)."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel completes the handshakes; nobody ever answers
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield listener
    listener.close()


@pytest.fixture
def database_tasks(settings):
    """Tasks as in production: recorded in the database, run by ``db_worker``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> int:
    """Run the due tasks as ``manage.py db_worker`` does; returns how many ran.

    The command itself closes "old" database connections between tasks, which would
    close the test's own transaction on PostgreSQL: its Worker runs each task here.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().get_locked()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran
