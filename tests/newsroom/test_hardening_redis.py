"""Redis is an accelerator: refused or hanging, the site still answers, quickly, without flooding the logs."""

import logging
import socket
import threading
import time
from datetime import timedelta

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleRendering
from comments.forms import make_token
from comments.models import Reaction
from comments.moderation import reaction_approve, reaction_submit
from newsroom import redis_cache
from tests.factories import ArticleFactory, UserFactory, moderator

pytestmark = pytest.mark.django_db


def closed_port():
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_redis():
    """A listener that accepts connections and never answers (a Redis frozen or swapped out)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture(autouse=True)
def _fresh_breakers():
    redis_cache._breakers.clear()
    yield
    redis_cache._breakers.clear()


def use_redis(settings, url, **options):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, **options},
        }
    }
    # The read buffer has its own client and fallback (reads); these tests are the cache's.
    settings.READS_BUFFER = False
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(params=["refused", "hanging"])
def dead_redis_url(request):
    if request.param == "refused":
        return f"redis://127.0.0.1:{closed_port()}/0"
    return request.getfixturevalue("silent_redis")[0]


@pytest.fixture
def dead_redis(settings, dead_redis_url):
    use_redis(settings, dead_redis_url)


@pytest.fixture
def site(db):
    article = ArticleFactory()
    UserFactory(username="redaction", groups=["Rédaction en chef"])
    return article


def timed(function, *args, **kwargs):
    start = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - start


class TimedConnection(redis.Connection):
    """A Redis connection that adds the wall time it spends connecting, sending and
    waiting to ``WAITED``: what Redis costs a request, whatever the machine's load.
    (Connecting sends and reads a handshake: nested calls are counted once.)"""

    def _timed(self, method, *args, **kwargs):
        DEPTH[0] += 1
        start = time.monotonic()
        try:
            return method(*args, **kwargs)
        finally:
            DEPTH[0] -= 1
            if not DEPTH[0]:
                WAITED[0] += time.monotonic() - start

    def connect(self, *args, **kwargs):
        return self._timed(super().connect, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._timed(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        return self._timed(super().read_response, *args, **kwargs)


DEPTH = [0]
WAITED = [0.0]


def waited(function, *args, **kwargs):
    """(result, seconds spent on Redis, wall seconds) of one request."""
    WAITED[0] = 0.0
    result, seconds = timed(function, *args, **kwargs)
    return result, WAITED[0], seconds


def test_pages_and_admin_login_answer_within_a_second(settings, dead_redis_url, site, caplog):
    """The issue's target is each page within 1 s. What a dead Redis adds is measured on
    the connection (at most one socket timeout, 0.5 s, then nothing while the breaker is
    open); the page's own build time is a few hundredths of a second on an idle machine,
    but a wall clock alone fails on a machine shared by parallel test runs."""
    anonymous = Client(raise_request_exception=False)
    section = site.category
    urls = [
        reverse("home"),
        site.get_absolute_url(),
        reverse("articles:category", kwargs={"category_path": section.path}),
        reverse("articles:category", kwargs={"category_path": section.parent.path}),
        reverse("admin:login"),
    ]
    for url in urls:  # templates compiled before the clock starts
        assert anonymous.get(url).status_code == 200
    use_redis(settings, dead_redis_url, connection_class=TimedConnection)
    redis_seconds = []
    with caplog.at_level(logging.WARNING, logger="newsroom.redis_cache"):
        start = time.monotonic()
        for _round in range(3):
            for url in urls:
                response, on_redis, _wall = waited(anonymous.get, url)
                assert response.status_code == 200, url
                redis_seconds.append(on_redis)

        editor = Client(raise_request_exception=False)
        response, on_redis, _wall = waited(
            editor.post,
            reverse("admin:login"),
            {"username": "redaction", "password": "demo-newsroom", "next": "/admin/"},
        )
        assert response.status_code == 302 and response["Location"] == "/admin/"
        redis_seconds.append(on_redis)
        response = editor.get("/admin/")
        assert response.status_code == 200 and "Tableau de bord" in response.text
        elapsed = time.monotonic() - start

    timeout = 0.5
    assert max(redis_seconds) < timeout + 0.2, redis_seconds  # never more than one timeout
    # One probe per breaker period at most: a dead Redis costs next to nothing per request.
    probes = 1 + int(elapsed / settings.REDIS_CIRCUIT_SECONDS)
    assert sum(redis_seconds) < probes * (timeout + 0.2), (redis_seconds, elapsed)
    assert sum(1 for s in redis_seconds if s > 0.05) <= probes

    # Sixteen pages, dozens of cache calls: one line in the log, not one per call.
    reports = [r for r in caplog.records if r.name == "newsroom.redis_cache"]
    assert len(reports) == 1
    assert "unavailable" in reports[0].getMessage()


def test_an_open_breaker_skips_redis_so_a_hanging_one_costs_one_timeout(settings, silent_redis):
    url, accepted = silent_redis
    use_redis(settings, url)
    _result, first = timed(cache.get, "une", "défaut")
    assert 0.4 < first < 1.5  # the socket timeout (0.5 s), once, and some scheduling slack
    start = time.monotonic()
    for n in range(200):
        assert cache.get(f"cle-{n}", "défaut") == "défaut"
        cache.set(f"cle-{n}", "valeur")
    assert time.monotonic() - start < 0.5  # 400 calls skipped, where one timeout costs 0.5 s
    assert len(accepted) == 1  # nothing went to Redis while the breaker was open


def test_cache_calls_answer_as_an_empty_cache(settings):
    use_redis(settings, f"redis://127.0.0.1:{closed_port()}/0")
    assert cache.get("cle", "défaut") == "défaut"
    assert cache.add("cle", 1) is False
    cache.set("cle", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == []
    assert cache.delete("cle") is False
    assert cache.has_key("cle") is False
    assert cache.touch("cle") is False
    with pytest.raises(ValueError):
        cache.incr("cle")
    cache.delete_many(["a", "b"])
    cache.clear()


def test_after_the_pause_one_call_probes_and_a_live_redis_closes_the_breaker(settings, redis_url, caplog):
    settings.REDIS_CIRCUIT_SECONDS = 0.2
    use_redis(settings, redis_url)
    breaker = redis_cache.breaker_for([redis_url])
    with caplog.at_level(logging.WARNING, logger="newsroom.redis_cache"):
        breaker.failed(ConnectionError("simulated outage"), trip=True)
        cache.set("cle", "valeur")  # skipped: the breaker is open
        assert cache.get("cle") is None
        time.sleep(0.25)
        cache.set("cle", "valeur")  # the probe reaches Redis and closes the breaker
        assert cache.get("cle") == "valeur"
    assert not breaker.failing
    assert "answers again" in caplog.records[-1].getMessage()


def test_reactions_are_accepted_while_redis_is_down(dead_redis, settings):
    """Rate limits fail open when the cache is down (the reaction still waits for a moderator)."""
    settings.REACTIONS_QUEUE_ALERT = 0
    article = ArticleFactory()
    data = {
        "name": "Claire Dubois",
        "email": "claire@example.org",
        "message": "Merci pour cet article très complet.",
        "website": "",
        "token": make_token(article.pk, now=time.time() - 10),
    }
    response = Client(raise_request_exception=False).post(
        reverse("comments:post", kwargs={"article_id": article.pk}), data
    )
    assert response.status_code == 302
    reaction = Reaction.objects.get(article=article)
    assert reaction.email == "claire@example.org"
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_a_page_copy_held_by_the_process_is_not_served_once_redis_is_gone(settings, redis_url, dead_redis_url, site):
    """The local copy is only good while the stamp and the counter vouch for it: with
    Redis refused or hanging nothing can, so the page is built (its newest text shows)."""
    use_redis(settings, redis_url)
    url = site.get_absolute_url()
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"  # from this process's copy
    Article.objects.filter(pk=site.pk).update(title="Titre changé pendant la panne")
    use_redis(settings, dead_redis_url)
    response, seconds = timed(reader.get, url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "Titre changé pendant la panne" in response.content.decode()
    assert seconds < 1.5


@pytest.mark.parametrize("change", ["title", "reaction approved"])
def test_an_archive_articles_change_made_while_redis_is_down_shows_once_it_is_back(
    settings, redis_url, dead_redis_url, site, change
):
    """The invalidation is lost with Redis, and the versions of the article's tags come
    back unchanged; its parts kept in the database went with the change."""
    settings.ARTICLE_PAGE_CACHE_SECONDS = 0
    published = timezone.now() - timedelta(days=20)
    Article.objects.filter(pk=site.pk).update(publish_at=published, first_published_at=published)
    article = Article.objects.get(pk=site.pk)
    use_redis(settings, redis_url)
    reaction = reaction_submit(article=article, name="Odile", email="odile@example.org", message="Quel refuge !")
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert ArticleRendering.objects.filter(article=article).exists()
    use_redis(settings, dead_redis_url)
    if change == "title":
        article.title = "Titre corrigé pendant la panne"
        article.save()
        expected = '<h1 class="article__title">Titre corrigé pendant la panne</h1>'  # not only in <title>
    else:
        reaction_approve(reaction=reaction, user=moderator())
        expected = "Quel refuge !"
    use_redis(settings, redis_url)
    assert expected in reader.get(article.get_absolute_url()).content.decode()
