"""The dependency-following page cache, on bare views (the site's pages have their own tests)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom import cache as page_cache
from tests.conftest import cache_backend
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom import cache_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.newsroom.cache_urls")]


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def backend(request, settings):
    """Every test on the local-memory cache (no REDIS_URL) and on Redis (production)."""
    return cache_backend(request, settings)


@pytest.fixture(autouse=True)
def _reset():
    cache_urls.CALLS["n"] = 0
    cache_urls.BEHAVIOUR.clear()


def calls():
    return cache_urls.CALLS["n"]


def test_second_request_is_served_from_cache_until_a_tag_is_invalidated(client):
    cache_urls.BEHAVIOUR["tags"] = {"home", "category:1"}
    assert client.get("/page/").content == b"page 1"
    second = client.get("/page/")
    assert second.content == b"page 1" and second["X-Page-Cache"] == "hit"
    assert "public" in second["Cache-Control"]
    page_cache.invalidate_tags("category:2")
    assert client.get("/page/").content == b"page 1"
    page_cache.invalidate_tags("category:1")
    assert client.get("/page/").content == b"page 2"


def test_pages_differ_by_query_string(client):
    assert client.get("/page/?page=1").content == b"page 1"
    assert client.get("/page/?page=2").content == b"page 2"
    assert client.get("/page/?page=1").content == b"page 1"


@pytest.mark.parametrize(
    "behaviour",
    [{"tags": None}, {"status": 404}, {"status": 400}, {"cache_control": "no-cache"}, {"cache_control": "private"}],
    ids=["no-tags", "404", "form-error", "no-cache", "private"],
)
def test_uncacheable_responses_are_never_stored(client, behaviour):
    cache_urls.BEHAVIOUR.update(behaviour)
    client.get("/page/")
    client.get("/page/")
    assert calls() == 2


def test_logged_in_users_are_never_served_nor_stored(client):
    staff = UserFactory()
    client.force_login(staff)
    client.get("/page/")
    client.logout()
    client.get("/page/")
    client.force_login(staff)
    client.get("/page/")
    assert calls() == 3


def test_a_known_page_is_served_before_its_url_is_resolved(client, monkeypatch):
    from django.core.handlers.base import BaseHandler

    resolved = []
    original = BaseHandler.resolve_request
    monkeypatch.setattr(
        BaseHandler, "resolve_request", lambda self, request: resolved.append(1) or original(self, request)
    )
    client.get("/page/")
    assert len(resolved) == 1
    for _ in range(3):
        assert client.get("/page/")["X-Page-Cache"] == "hit"
    assert len(resolved) == 1
    page_cache.invalidate_tags("home")
    assert client.get("/page/").content == b"page 2"  # the early lookup follows invalidations too
    assert len(resolved) == 2


def test_a_reader_with_a_session_cookie_is_looked_up_once_their_user_is_known(client):
    client.get("/page/")
    client.cookies["sessionid"] = "expired-or-forged"
    response = client.get("/page/")
    assert response["X-Page-Cache"] == "hit" and calls() == 1


def test_post_is_never_served_from_cache(client):
    client.get("/page/")
    client.post("/page/")
    assert calls() == 2


def test_invalidation_during_build_is_not_stored(client):
    cache_urls.BEHAVIOUR["during_build"] = lambda: page_cache.invalidate_tags("elsewhere")
    client.get("/page/")
    client.get("/page/")
    assert calls() == 2
    client.get("/page/")
    assert calls() == 2


def test_entry_does_not_outlive_next_scheduled_publication(client, time_machine, backend):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(publish_at=timezone.now() + timedelta(seconds=30))
    client.get("/page/")
    if backend == "redis":
        # Redis expires keys on its own clock, which time travel cannot move: check the
        # lifetime the entry was given instead.
        from django.core.cache import cache

        client_ = cache._cache.get_client()
        ttls = [client_.ttl(key) for key in client_.keys("newsroom:*page*") if not key.endswith(b":valid-at")]
        assert len(ttls) == 1 and 0 < ttls[0] <= 31
        return
    time_machine.shift(timedelta(seconds=20))
    client.get("/page/")
    assert calls() == 1
    time_machine.shift(timedelta(seconds=15))
    client.get("/page/")
    assert calls() == 2


def test_cached_form_gets_each_reader_a_working_csrf_token():
    from django.test import Client

    first = Client(enforce_csrf_checks=True).get("/form/")
    reader = Client(enforce_csrf_checks=True)
    second = reader.get("/form/")
    assert second["X-Page-Cache"] == "hit"
    assert first.content != second.content
    assert page_cache.CSRF_PLACEHOLDER not in second.content
    token = second.content.decode().split('value="')[1].split('"')[0]
    # The token served from the cache goes with the cookie this reader was given.
    assert reader.post("/form/", {"csrfmiddlewaretoken": token}).status_code == 200
    assert reader.post("/form/", {"csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_a_zero_timeout_turns_caching_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/page/")
    client.get("/page/")
    assert calls() == 2
