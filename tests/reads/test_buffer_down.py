"""Redis is an accelerator, never a single point of failure for reads.

With the read buffer refused (a closed port) or hanging (a listener that accepts and
never answers), pages are served within a second and every read lands in the database.
"""

import socket
import threading
import time

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from articles.models import Article
from reads import buffer
from reads.models import ReadDay
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


class SilentRedis:
    """A TCP listener on loopback that accepts connections and never says a word."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.url = f"redis://127.0.0.1:{self.sock.getsockname()[1]}/0"
        self.accepted = 0
        self._open = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            self._open.append(connection)

    def close(self):
        self._stop.set()
        self._thread.join()
        for connection in self._open:
            connection.close()
        self.sock.close()


@pytest.fixture(autouse=True)
def _fresh_breaker(settings):
    settings.READS_REDIS_TIMEOUT = 0.3
    settings.READS_REDIS_COOLDOWN = 5
    buffer.BREAKER.reset()
    yield
    buffer.BREAKER.reset()


@pytest.fixture
def hanging(settings):
    server = SilentRedis()
    settings.READS_BUFFER, settings.READS_REDIS_URL = True, server.url
    yield server
    server.close()


@pytest.fixture
def refused(settings):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there any more: connections are refused
    settings.READS_BUFFER, settings.READS_REDIS_URL = True, f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def article():
    return ArticleFactory()


def read(client, article, n):
    client.cookies.clear()
    started = time.monotonic()
    response = client.get(article.get_absolute_url(), headers={"user-agent": f"{FIREFOX} reader-{n}"})
    return response, time.monotonic() - started


def fresh_render_seconds(client, article):
    """How long the page takes to render here and now, Redis aside: the yardstick of a
    loaded test machine, where a render alone may approach a second."""
    cache.clear()
    client.cookies.clear()
    started = time.monotonic()
    client.get(article.get_absolute_url(), headers={"user-agent": "Mozilla/5.0 yardstick"})
    return time.monotonic() - started


@pytest.mark.parametrize("down", ["refused", "hanging"])
def test_reads_land_in_the_database_while_the_buffer_is_down(client, article, down, request, settings):
    settings.READS_ENABLED = False
    fresh_render_seconds(client, article)  # warm-up: templates, connection
    render = fresh_render_seconds(client, article)
    cache.clear()
    settings.READS_ENABLED = True
    request.getfixturevalue(down)
    for n in range(4):
        response, seconds = read(client, article, n)
        assert response.status_code == 200
        # At most one short Redis timeout (0.3 s) on top of the render; under 1 s in all.
        assert seconds < max(1, render + 0.6), f"request {n} took {seconds:.2f} s (a render: {render:.2f} s)"
    assert Article.objects.get(pk=article.pk).reads == 4
    assert ReadDay.objects.get(article=article).count == 4
    client.cookies.clear()
    cache.clear()  # the page as rendered now, not as the page cache kept it
    html = client.get(article.get_absolute_url(), headers={"user-agent": "Mozilla/5.0 other"}).content.decode()
    assert "article lu 4 fois" in html  # the database figure, shown without the buffer


def test_a_hanging_buffer_costs_one_timeout_then_is_skipped(client, article, hanging, settings):
    for n in range(5):
        read(client, article, n)
    assert hanging.accepted == 1  # the first call timed out; the others did not try
    settings.READS_REDIS_COOLDOWN = 0.1
    buffer.BREAKER.reset()
    read(client, article, 5)
    time.sleep(0.2)
    read(client, article, 6)
    assert hanging.accepted == 3  # tried again once per cooldown
    assert Article.objects.get(pk=article.pk).reads == 7


def test_flush_reads_says_so_when_redis_is_down(refused):
    with pytest.raises(CommandError, match="Redis"):
        call_command("flush_reads")
