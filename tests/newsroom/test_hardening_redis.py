"""Redis is an accelerator: refused or hanging, the site still answers, quickly, without flooding the logs."""

import logging
import socket
import threading
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.forms import make_token
from comments.models import Reaction
from newsroom import redis_cache
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE_SECONDS = 1.0  # the target: every page within 1 s with Redis down


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


def test_pages_and_admin_login_answer_within_a_second(settings, dead_redis_url, site, caplog):
    anonymous = Client(raise_request_exception=False)
    section = site.category
    urls = [
        reverse("home"),
        site.get_absolute_url(),
        reverse("articles:category", kwargs={"category_path": section.path}),
        reverse("articles:category", kwargs={"category_path": section.parent.path}),
        reverse("admin:login"),
    ]
    # The clock is for what a dead Redis costs, so the time to build each page with a
    # working, empty cache is taken off (it is a few milliseconds on an idle machine, much
    # more when the machine is shared by parallel test runs).
    build = {}
    for url in urls:
        for _ in range(3):
            cache.clear()
            response, seconds = timed(anonymous.get, url)
            assert response.status_code == 200
            build[url] = max(seconds, build.get(url, 0))
    use_redis(settings, dead_redis_url)
    with caplog.at_level(logging.WARNING, logger="newsroom.redis_cache"):
        for _round in range(3):
            for url in urls:
                response, seconds = timed(anonymous.get, url)
                assert response.status_code == 200, url
                assert seconds - build[url] < PAGE_SECONDS, (url, seconds, build[url])

        editor = Client(raise_request_exception=False)
        response, seconds = timed(
            editor.post,
            reverse("admin:login"),
            {"username": "redaction", "password": "demo-newsroom", "next": "/admin/"},
        )
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert seconds < PAGE_SECONDS
        response = editor.get("/admin/")
        assert response.status_code == 200 and "Tableau de bord" in response.text

    # Sixteen pages, dozens of cache calls: one line in the log, not one per call.
    reports = [r for r in caplog.records if r.name == "newsroom.redis_cache"]
    assert len(reports) == 1
    assert "unavailable" in reports[0].getMessage()


def test_an_open_breaker_skips_redis_so_a_hanging_one_costs_one_timeout(settings, silent_redis):
    url, accepted = silent_redis
    use_redis(settings, url)
    _result, first = timed(cache.get, "une", "défaut")
    assert 0.4 < first < PAGE_SECONDS  # the socket timeout, once
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
    response, seconds = timed(
        Client(raise_request_exception=False).post, reverse("comments:post", kwargs={"article_id": article.pk}), data
    )
    assert response.status_code == 302
    assert seconds < PAGE_SECONDS
    reaction = Reaction.objects.get(article=article)
    assert reaction.email == "claire@example.org"
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
