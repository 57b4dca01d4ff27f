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

    from newsroom.cache import forget_views

    for cache in caches.all():
        cache.clear()
    forget_views()
    yield


def cache_backend(request, settings) -> str:
    """For a fixture parametrized with ``["locmem", "redis"]``: the default cache in this
    process's memory (no REDIS_URL) or in Redis (production). Returns the name."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.redis_cache.RedisCache",
                "LOCATION": request.getfixturevalue("redis_url"),
                "KEY_PREFIX": "newsroom",
            }
        }
    return request.param


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


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 API (moto's server mode) on a free loopback port, for the whole session.

    Its endpoint URL; boto3 talks HTTP to it as to any S3-compatible service. Missing in
    CI is a failure (``service_missing``).
    """
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        service_missing(f"moto[server] is not installed ({error})")
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def public_renditions_policy(bucket):
    import json

    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRenditions",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/renditions/*",
                }
            ],
        }
    )


@pytest.fixture
def s3_media(s3_server, settings):
    """Media on a fresh bucket of the S3 server, configured as settings.py does from AWS_*.

    Returns the settings of ``common.storage.media_storages`` (bucket, endpoint, keys).
    """
    import uuid

    import boto3

    from common.storage import media_storages

    config = {
        "bucket": f"newsroom-{uuid.uuid4().hex[:12]}",
        "endpoint_url": s3_server,
        "access_key": "newsroom-test",
        "secret_key": "newsroom-test-secret",
        "region": "eu-west-3",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=config["access_key"],
        aws_secret_access_key=config["secret_key"],
        region_name=config["region"],
    )
    client.create_bucket(Bucket=config["bucket"], CreateBucketConfiguration={"LocationConstraint": config["region"]})
    # As the README asks of operators: renditions are public, originals are not.
    client.put_bucket_policy(Bucket=config["bucket"], Policy=public_renditions_policy(config["bucket"]))
    settings.STORAGES = {**settings.STORAGES, **media_storages(**config)}
    yield {**config, "client": client}


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
