"""What a page costs the cache, what it leaves in it, and what a CDN in front sees."""

import pytest
from django.core.cache import cache as django_cache
from django.test import Client
from django.urls import reverse

from articles.models import Article
from common import tagcache
from newsroom import cache as page_cache
from tests.conftest import cache_backend
from tests.factories import ArticleFactory
from tests.newsroom import cache_urls

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    return cache_backend(request, settings)


class CountingCache:
    """The real cache, with a count of the calls made through it (one call, one round trip
    to Redis: ``get_many`` is one MGET)."""

    def __init__(self, real):
        self.real = real
        self.calls = []
        self.arguments = []

    def __getattr__(self, name):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def counted(*args, **kwargs):
            self.calls.append(name)
            self.arguments.append(args[0] if args else None)
            return attribute(*args, **kwargs)

        return counted


@pytest.fixture
def round_trips(monkeypatch, backend):
    counting = CountingCache(django_cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    monkeypatch.setattr(tagcache, "cache", counting)
    return counting.calls


def stored_keys(backend):
    if backend == "redis":
        return len(django_cache._cache.get_client().keys("*"))
    return len(django_cache._cache)


@pytest.fixture
def bare_views(settings):
    settings.ROOT_URLCONF = "tests.newsroom.cache_urls"
    cache_urls.CALLS["n"] = 0
    cache_urls.BEHAVIOUR.clear()


def test_a_hit_is_one_round_trip(client, bare_views, round_trips):
    client.get("/page/")
    round_trips.clear()
    response = client.get("/page/")
    assert response["X-Page-Cache"] == "hit"
    assert round_trips == ["get_many"]


def test_after_an_unrelated_invalidation_one_more_round_trip_then_one_again(client, bare_views, round_trips):
    client.get("/page/")
    page_cache.invalidate_tags("category:99")
    round_trips.clear()
    assert client.get("/page/")["X-Page-Cache"] == "hit"
    assert len(round_trips) == 3  # page + stamp + counter, the page's tag versions, the new stamp
    round_trips.clear()
    assert client.get("/page/")["X-Page-Cache"] == "hit"
    assert round_trips == ["get_many"]


def test_a_page_served_lately_fetches_only_its_stamp_and_the_counter(client, bare_views, monkeypatch, backend):
    """The process's copy is served: the page itself does not cross the network again."""
    client.get("/page/")
    counting = CountingCache(django_cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    assert client.get("/page/").content == b"page 1"
    assert counting.calls == ["get_many"]
    (asked,) = counting.arguments
    assert sorted(asked) == sorted([page_cache.SEQUENCE_KEY, page_cache.stamp_key(page_cache.LOCAL.last_key())])


def test_a_local_copy_never_hides_a_page_another_process_built(client, bare_views):
    client.get("/page/")
    key = page_cache.LOCAL.last_key()
    old_copy = page_cache.LOCAL.get(key)
    page_cache.invalidate_tags("home")
    page_cache.LOCAL.clear()  # another process: it rebuilds and stores the page
    assert client.get("/page/").content == b"page 2"
    page_cache.LOCAL.clear()
    page_cache.LOCAL.keep(key, old_copy)  # this process still holds the first build
    response = client.get("/page/")
    assert response.content == b"page 2" and response["X-Page-Cache"] == "hit"
    assert cache_urls.CALLS["n"] == 2


def test_local_copies_stay_within_their_budget(client, bare_views, settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    client.get("/page/")
    assert page_cache.LOCAL.last_key() is None
    assert client.get("/page/")["X-Page-Cache"] == "hit"  # from the shared cache
    settings.PAGE_CACHE_LOCAL_BYTES = len(b"page 1") * 2
    for n in range(1, 4):
        client.get(f"/page/?page={n}")
    assert page_cache.LOCAL._size <= settings.PAGE_CACHE_LOCAL_BYTES
    assert len(page_cache.LOCAL._copies) == 2  # the two pages served last


def test_the_pages_known_to_a_process_stay_within_their_bound(client, bare_views, monkeypatch):
    monkeypatch.setattr(page_cache, "KNOWN_PAGES_MAX", 2)
    for n in range(1, 4):
        client.get(f"/page/?page={n}")
    assert len(page_cache.PageCacheMiddleware.known_pages) == 2  # the oldest forgotten
    assert client.get("/page/?page=1")["X-Page-Cache"] == "hit"  # still served, after its view is known


def test_a_view_without_cache_tags_costs_no_round_trip(client, round_trips):
    client.get("/robots.txt")
    round_trips.clear()
    for _ in range(3):
        assert client.get("/robots.txt").status_code == 200
    assert round_trips == []


def test_with_the_page_cache_off_no_page_is_looked_up_nor_stored(client, bare_views, round_trips, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/page/")
    round_trips.clear()
    client.get("/page/")
    # What remains is reading when the next scheduled article goes public (for Cache-Control).
    assert round_trips == ["get"]
    assert cache_urls.CALLS["n"] == 2


@pytest.mark.parametrize("junk", ["utm_x", "fbclid", "gclid", "mc_cid"])
def test_tracking_parameters_add_no_key(client, bare_views, backend, junk):
    client.get("/page/")
    before = stored_keys(backend)
    for n in range(500 if junk == "utm_x" else 20):
        response = client.get(f"/page/?{junk}={n}")
        assert response.content == b"page 1"
    assert stored_keys(backend) == before
    assert cache_urls.CALLS["n"] == 1


def test_unknown_parameters_are_never_stored(client, bare_views, backend):
    client.get("/page/")
    before = stored_keys(backend)
    for n in range(50):
        assert client.get(f"/page/?x{n}=1").status_code == 200
    assert stored_keys(backend) == before
    assert cache_urls.CALLS["n"] == 51


def test_a_page_number_makes_another_page_only_where_the_view_reads_it(client, backend, db):
    ArticleFactory()
    home = reverse("home")
    client.get(home)
    before = stored_keys(backend)
    for n in range(2, 30):
        assert client.get(f"{home}?page={n}").status_code == 200
    assert stored_keys(backend) == before  # the home page has no page 2


def test_tracking_parameters_are_served_the_page_without_them(client, bare_views):
    client.get("/page/?page=2")
    assert client.get("/page/?utm_source=lettre&page=2&fbclid=abc")["X-Page-Cache"] == "hit"


@pytest.fixture
def article(db):
    return ArticleFactory(title="Le tramway roulera aussi la nuit")


def conditional_headers(response):
    return response["Cache-Control"], response.has_header("ETag")


@pytest.mark.parametrize("page", ["home", "article", "section", "rss"])
def test_cache_control_is_the_same_with_the_page_cache_on_or_off(client, article, settings, page, backend):
    url = {
        "home": reverse("home"),
        "article": article.get_absolute_url(),
        "section": article.category.get_absolute_url(),
        "rss": reverse("site:rss"),
    }[page]
    miss, hit = client.get(url), client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_SECONDS = 0
    settings.ARTICLE_PAGE_CACHE_SECONDS = 0
    off = client.get(url)
    assert "X-Page-Cache" not in off
    assert miss["Cache-Control"] == hit["Cache-Control"] == off["Cache-Control"]
    assert "public" in off["Cache-Control"]


PER_RESPONSE = {"X-Page-Cache", "X-Request-ID", "Date"}


def headers_of(response):
    headers = {name: value for name, value in response.headers.items() if name not in PER_RESPONSE}
    headers["Vary"] = {part.strip() for part in headers.get("Vary", "").split(",")}
    return headers, sorted(response.cookies)


@pytest.mark.parametrize("page", ["home", "article", "section"])
def test_a_page_from_the_cache_carries_the_headers_of_a_page_built(client, article, settings, page, backend):
    """A hit skips the middleware listed after the page cache (CSP, X-Frame-Options…):
    what they add is kept with the page."""
    url = {
        "home": reverse("home"),
        "article": article.get_absolute_url(),
        "section": article.category.get_absolute_url(),
    }[page]
    miss, hit = Client(HTTP_USER_AGENT=FIREFOX).get(url), Client(HTTP_USER_AGENT=FIREFOX).get(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert headers_of(hit) == headers_of(miss)
    assert {"Content-Security-Policy", "X-Frame-Options", "Content-Language"} <= set(hit.headers)
    settings.PAGE_CACHE_SECONDS = 0
    settings.ARTICLE_PAGE_CACHE_SECONDS = 0
    off, built = headers_of(Client(HTTP_USER_AGENT=FIREFOX).get(url)), headers_of(miss)
    # Built afresh, the form's signed time differs, and with it the ETag: only its presence.
    assert off[0].pop("ETag") and built[0].pop("ETag")
    assert off == built


def test_an_unchanged_article_keeps_its_etag_for_every_reader(article):
    url = article.get_absolute_url()
    first = Client(HTTP_USER_AGENT=FIREFOX).get(url)
    second = Client(HTTP_USER_AGENT=FIREFOX).get(url)
    assert second["X-Page-Cache"] == "hit"
    assert first.content != second.content  # each reader has a CSRF token of their own
    assert first["ETag"] == second["ETag"]


def test_a_cdn_revalidating_an_article_gets_a_304_and_the_read_is_counted(article):
    url = article.get_absolute_url()
    etag = Client(HTTP_USER_AGENT=FIREFOX).get(url)["ETag"]
    revalidation = Client(HTTP_USER_AGENT=CHROME).get(url, HTTP_IF_NONE_MATCH=etag)
    assert revalidation.status_code == 304
    assert "csrftoken" in revalidation.cookies  # the reader still gets the form's cookie
    from reads import services as reads

    assert reads.displayed_reads(Article.objects.get(pk=article.pk)) == 2


def test_the_etag_changes_when_the_article_does(article):
    url = article.get_absolute_url()
    etag = Client(HTTP_USER_AGENT=FIREFOX).get(url)["ETag"]
    article.title = "Le tramway roulera aussi le dimanche"
    article.save()
    response = Client(HTTP_USER_AGENT=FIREFOX).get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_a_reader_served_another_readers_copy_posts_with_the_token_of_their_cookie(article):
    """A CDN may hand reader B the copy it kept from reader A: the page's script posts
    the token of B's own cookie (what static/js/site.js does on submit)."""
    url = article.get_absolute_url()
    Client(HTTP_USER_AGENT=FIREFOX).get(url)
    reader = Client(HTTP_USER_AGENT=FIREFOX, enforce_csrf_checks=True)
    reader.get(url)
    cookie_token = reader.cookies["csrftoken"].value
    response = reader.post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        {"csrfmiddlewaretoken": cookie_token, "name": "Jeanne", "email": "x", "message": "Bonjour"},
    )
    assert response.status_code != 403
