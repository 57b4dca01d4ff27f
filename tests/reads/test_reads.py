"""Read counting: every rule of DESIGN.md §6, in the database mode and the Redis mode."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path
from django.views.decorators.cache import cache_page

from articles.models import Article
from articles.views import article_detail
from reads import chart
from reads import services as reads
from reads.models import ReadDay, ReaderMark
from reads.queries import most_read
from tests.factories import ArticleFactory, UserFactory, editor

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)
SAFARI_MOBILE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
    "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Wget/1.21.4",
    "",
    "   ",
]
COOKIE = "nr_lecteur"
NOON = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["db", "redis", "queued"])
def mode(request, settings, monkeypatch):
    """Runs a test in the default mode, with the Redis buffer, then with the reads
    queued in the worker (sent by ``shown()``, as the queue's thread would)."""
    settings.READS_ENABLED = True
    settings.READS_WINDOW_SECONDS = 1800
    if request.param == "redis":
        settings.READS_BUFFER = True
        settings.READS_REDIS_URL = request.getfixturevalue("redis_url")
    else:
        settings.READS_BUFFER = False
    if request.param == "queued":
        settings.READS_QUEUE_SECONDS = 60
        monkeypatch.setattr(reads, "QUEUE", reads.ReadQueue(thread=False))
    return request.param


@pytest.fixture
def article(db):
    return ArticleFactory(publish_at=NOON - dt.timedelta(days=1))


def shown(article):
    """What the page would show: database + pending buffer (once the queue is sent)."""
    reads.QUEUE.send()
    return reads.displayed_reads(Article.objects.get(pk=article.pk))


def read(client, article, ua=FIREFOX, **kwargs):
    return client.get(article.get_absolute_url(), headers={"user-agent": ua, **kwargs.pop("headers", {})}, **kwargs)


def new_reader(client):
    client.cookies.clear()
    return client


# -- who is counted ----------------------------------------------------------


@pytest.mark.parametrize("ua", [FIREFOX, CHROME, SAFARI_MOBILE])
def test_a_browser_read_is_counted_once_and_gets_a_reader_cookie(client, article, mode, ua):
    with time_machine.travel(NOON, tick=False):
        response = read(client, article, ua=ua)
    assert response.status_code == 200
    assert shown(article) == 1
    morsel = response.cookies[COOKIE]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", morsel.value)
    assert morsel["httponly"] and morsel["samesite"] == "Lax" and not morsel["secure"]
    assert int(morsel["max-age"]) > 365 * 24 * 3600


def test_the_reader_cookie_is_secure_over_https(client, article, mode):
    response = read(client, article, secure=True)
    assert response.cookies[COOKIE]["secure"]


@pytest.mark.parametrize("ua", CRAWLERS)
def test_crawlers_and_empty_user_agents_are_not_counted(client, article, mode, ua):
    response = read(client, article, ua=ua)
    assert response.status_code == 200
    assert shown(article) == 0
    assert COOKIE not in response.cookies


def test_a_request_without_user_agent_header_is_not_counted(client, article, mode):
    assert client.get(article.get_absolute_url()).status_code == 200
    assert shown(article) == 0


def test_head_requests_are_not_counted(client, article, mode):
    assert client.head(article.get_absolute_url(), headers={"user-agent": FIREFOX}).status_code == 200
    assert shown(article) == 0


@pytest.mark.parametrize(
    "header",
    [
        {"sec-purpose": "prefetch"},
        {"sec-purpose": "prefetch;prerender"},
        {"purpose": "prefetch"},
        {"x-moz": "prefetch"},
        {"x-purpose": "preview"},
    ],
)
def test_prefetch_and_prerender_are_not_counted(client, article, mode, header):
    assert read(client, article, headers=header).status_code == 200
    assert shown(article) == 0
    read(client, article)  # the real visit that follows is counted
    assert shown(article) == 1


def test_logged_in_staff_are_not_counted(client, article, mode):
    client.force_login(UserFactory(is_staff=True))
    assert read(client, article).status_code == 200
    assert shown(article) == 0


def test_a_logged_in_reader_who_is_not_staff_is_counted(client, article, mode):
    client.force_login(UserFactory(is_staff=False))
    read(client, article)
    assert shown(article) == 1


def test_a_staff_preview_of_a_draft_is_not_counted(client, db, mode):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor())
    response = read(client, draft)
    assert response.status_code == 200
    assert "X-Article-Id" not in response
    assert shown(draft) == 0


def test_a_scheduled_article_is_a_404_for_readers_and_not_counted(client, db, mode):
    scheduled = ArticleFactory(publish_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    assert read(client, scheduled).status_code == 404
    assert shown(scheduled) == 0


def not_found_with_header(request, pk):
    """A response that carries the article header but is an error: must not count."""
    response = HttpResponse("introuvable", status=404)
    response["X-Article-Id"] = str(pk)
    return response


def ok_with_header(request, pk):
    response = HttpResponse("ok")
    response["X-Article-Id"] = str(pk)
    return response


def cacheable(view):
    """The article view as the page cache will serve it: without the per-visitor cookies
    (CSRF) and ``Vary: Cookie`` that make Django's cache skip today's page."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.cookies.clear()
        del response["Vary"]
        return response

    return wrapped


urlpatterns = [
    path("en-cache/<path:category_path>/<slug:slug>.html", cache_page(3600)(cacheable(article_detail))),
    path("erreur/<int:pk>/", not_found_with_header),
    path("ok/<int:pk>/", ok_with_header),
    path("cache/<int:pk>/", cache_page(300)(ok_with_header)),
    path("", include("newsroom.urls")),  # the pages' links still resolve
]


@pytest.mark.urls(__name__)
def test_error_responses_are_not_counted_even_with_the_header(client, article, mode):
    assert client.get(f"/erreur/{article.pk}/", headers={"user-agent": FIREFOX}).status_code == 404
    assert shown(article) == 0
    client.get(f"/ok/{article.pk}/", headers={"user-agent": FIREFOX})
    assert shown(article) == 1


@pytest.mark.urls(__name__)
def test_only_get_is_counted(client, article, mode):
    assert client.post(f"/ok/{article.pk}/", headers={"user-agent": FIREFOX}).status_code == 200
    assert shown(article) == 0


def test_a_missing_article_is_a_404_and_counts_nothing(client, article, mode):
    url = article.get_absolute_url().replace(article.slug, "nexiste-pas")
    assert client.get(url, headers={"user-agent": FIREFOX}).status_code == 404
    assert shown(article) == 0
    assert not ReadDay.objects.exists()


def test_counting_can_be_switched_off(client, article, mode, settings):
    settings.READS_ENABLED = False
    read(client, article)
    assert shown(article) == 0


# -- one read per reader per window -----------------------------------------


def test_the_same_reader_is_counted_once_per_window(client, article, mode):
    with time_machine.travel(NOON, tick=False) as clock:
        read(client, article)
        clock.shift(dt.timedelta(minutes=29, seconds=59))
        read(client, article)
        assert shown(article) == 1
        clock.shift(dt.timedelta(seconds=1))  # 30 minutes after the counted read
        read(client, article)
        assert shown(article) == 2
        clock.shift(dt.timedelta(minutes=10))  # the window restarts at the last counted read
        read(client, article)
        assert shown(article) == 2


def test_without_cookie_the_reader_is_its_ip_and_user_agent(client, article, mode):
    with time_machine.travel(NOON, tick=False) as clock:
        read(new_reader(client), article)
        read(new_reader(client), article)  # cookie refused: same IP and UA
        assert shown(article) == 1
        read(new_reader(client), article, ua=CHROME)  # another browser behind the same IP
        read(new_reader(client), article, REMOTE_ADDR="203.0.113.9")  # same browser, another IP
        assert shown(article) == 3
        clock.shift(dt.timedelta(minutes=31))
        read(new_reader(client), article)
        assert shown(article) == 4


def test_behind_a_proxy_the_configured_header_gives_the_client_address(client, article, mode, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for forwarded in ("203.0.113.1", "203.0.113.2", "198.51.100.1, 203.0.113.2"):
        read(new_reader(client), article, headers={"x-forwarded-for": forwarded})
    assert shown(article) == 2  # the last hop, appended by our proxy, is the reader


def test_a_cookie_identifies_the_reader_before_the_ip(client, article, mode):
    client.cookies[COOKIE] = "a" * 22
    read(client, article)
    client.cookies[COOKIE] = "b" * 22  # another reader behind the same IP and browser
    read(client, article)
    client.cookies[COOKIE] = "a" * 22
    response = read(client, article)
    assert shown(article) == 2
    assert COOKIE not in response.cookies  # a valid cookie is never replaced


def test_the_cookie_handed_out_on_a_first_visit_is_not_counted_again(client, article, mode):
    with time_machine.travel(NOON, tick=False) as clock:
        read(client, article)
        assert COOKIE in client.cookies
        read(client, article, REMOTE_ADDR="198.51.100.7")  # the phone changed network
        assert shown(article) == 1
        clock.shift(dt.timedelta(minutes=30))
        read(client, article)
        assert shown(article) == 2


@pytest.mark.parametrize("value", ["court", "x" * 200, "pas un jeton !"])
def test_a_malformed_cookie_is_replaced_and_the_hash_is_used(client, article, mode, value):
    client.cookies[COOKIE] = value
    response = read(client, article)
    assert response.cookies[COOKIE].value != value
    assert shown(article) == 1


def test_another_article_is_another_read(client, article, mode):
    other = ArticleFactory(publish_at=NOON - dt.timedelta(days=1))
    read(client, article)
    read(client, other)
    assert (shown(article), shown(other)) == (1, 1)


def test_raw_ips_and_cookies_are_never_stored(client, article, mode, settings):
    client.cookies[COOKIE] = "c" * 22
    read(client, article, REMOTE_ADDR="192.0.2.44")
    read(new_reader(client), article, REMOTE_ADDR="192.0.2.45")
    reads.QUEUE.send()
    stored = [mark.reader for mark in ReaderMark.objects.all()]
    if mode == "redis":
        import redis

        stored = [key.decode() for key in redis.Redis.from_url(settings.READS_REDIS_URL).keys("*")]
    assert stored
    for value in stored:
        assert "192.0.2." not in value and "c" * 22 not in value


# -- buckets and display -----------------------------------------------------


def flushed(mode):
    """Every pending read in the database: the worker's queue sent, the Redis buffer flushed."""
    reads.QUEUE.send()
    if mode == "redis":
        call_command("flush_reads", stdout=open("/dev/null", "w"))


def test_reads_fall_on_the_paris_day(client, article, mode):
    late = dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 11th in Paris
    with time_machine.travel(late, tick=False):
        read(client, article)
        read(new_reader(client), article, ua=CHROME)
    flushed(mode)
    assert list(ReadDay.objects.values_list("article_id", "day", "count")) == [(article.pk, dt.date(2026, 3, 11), 2)]
    assert Article.objects.get(pk=article.pk).reads == 2
    assert list(most_read(Article.objects.all(), since=dt.date(2026, 3, 11))) == [article]


def test_daily_buckets_add_up_across_days(client, article, mode):
    with time_machine.travel(NOON, tick=False) as clock:
        read(client, article)
        clock.shift(dt.timedelta(days=1))
        read(client, article)
        read(new_reader(client), article, ua=CHROME)
    flushed(mode)
    assert dict(ReadDay.objects.values_list("day", "count")) == {dt.date(2026, 3, 10): 1, dt.date(2026, 3, 11): 2}
    assert shown(article) == 3


def test_the_read_count_tag_shows_database_plus_buffer(client, article, mode):
    Article.count_reads(article.pk, 1306)
    read(client, article)
    reads.QUEUE.send()  # a queued read is shown once sent (in READS_QUEUE_SECONDS)
    rendered = Template("{% load reads %}article lu {% read_count article %} fois").render(
        Context({"article": Article.objects.get(pk=article.pk)})
    )
    assert rendered == "article lu 1\u202f307 fois"


def test_the_article_page_groups_the_thousands_of_its_counter(client, article, mode):
    Article.count_reads(article.pk, 2238)
    html = read(client, article).content.decode()
    assert "article lu 2\u202f238 fois" in html  # the page shows the figure before this read
    assert shown(article) == 2239


# -- cache-proof ---------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_a_page_served_from_a_view_cache_is_still_counted(client, article, mode):
    url = f"/cache/{article.pk}/"
    first = client.get(url, headers={"user-agent": FIREFOX})
    second = new_reader(client).get(url, headers={"user-agent": CHROME})
    assert first.status_code == second.status_code == 200
    assert "max-age=300" in second["Cache-Control"]
    assert shown(article) == 2


SITE_CACHE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "reads.middleware.ReadCountingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.cache.FetchFromCacheMiddleware",
]


def site_cache(settings, layout):
    """Both layouts: the cache inside this middleware, or Django's documented one
    (UpdateCacheMiddleware first, FetchFromCacheMiddleware last)."""
    middleware = list(SITE_CACHE)
    if layout == "inside":
        middleware.remove("django.middleware.cache.UpdateCacheMiddleware")
        counting = middleware.index("reads.middleware.ReadCountingMiddleware")
        middleware.insert(counting + 1, "django.middleware.cache.UpdateCacheMiddleware")
    settings.MIDDLEWARE = middleware
    settings.CACHE_MIDDLEWARE_SECONDS = 3600


@pytest.mark.urls(__name__)
def test_the_article_page_served_from_the_page_cache_is_counted(client, article, mode):
    first = client.get(f"/en-cache{article.get_absolute_url()}", headers={"user-agent": FIREFOX})
    assert first.status_code == 200 and article.title in first.content.decode()
    Article.objects.filter(pk=article.pk).update(title="Titre changé après la mise en cache")
    second = new_reader(client).get(f"/en-cache{article.get_absolute_url()}", headers={"user-agent": CHROME})
    assert second.status_code == 200
    assert "Titre changé" not in second.content.decode()  # the view did not run: served from the cache
    assert shown(article) == 2


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("layout", ["inside", "django-docs"])
def test_a_cached_response_never_hands_a_reader_cookie_to_someone_else(client, article, mode, settings, layout):
    site_cache(settings, layout)
    url = f"/ok/{article.pk}/"
    first = client.get(url, headers={"user-agent": FIREFOX})
    handed = first.cookies[COOKIE].value
    returning = new_reader(client)
    returning.cookies[COOKIE] = "d" * 22
    assert COOKIE not in returning.get(url, headers={"user-agent": CHROME}).cookies
    newcomer = new_reader(client).get(url, headers={"user-agent": SAFARI_MOBILE})
    assert newcomer.cookies[COOKIE].value != handed
    assert shown(article) == 3


# -- resilience and admin ------------------------------------------------------


def test_a_broken_buffer_never_breaks_the_page(client, article, settings):
    settings.READS_BUFFER = True
    settings.READS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = read(client, article)
    assert response.status_code == 200
    assert shown(article) == 1  # written to the database instead of lost


def test_the_chart_shows_thirty_french_days_with_escaped_labels(article, mode):
    Article.objects.filter(pk=article.pk).update(title="<script>alert(1)</script> & « Budget »")
    article.refresh_from_db()
    ReadDay.objects.create(article=article, day=dt.date(2026, 3, 1), count=1234)
    ReadDay.objects.create(article=article, day=dt.date(2026, 3, 10), count=7)
    ReadDay.objects.create(article=article, day=dt.date(2026, 1, 1), count=99)  # older than 30 days
    with time_machine.travel(NOON, tick=False):
        reads.read_register(article_id=article.pk, reader="x" * 32)
        svg = chart.reads_chart_svg(article)
    assert svg.count("<circle") == 30
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&amp;" in svg
    assert "1er mars 2026\u202f: 1\u202f234 lectures" in svg
    assert "10 mars 2026\u202f: 8 lectures" in svg
    assert "9 février" in svg and "10 mars" in svg  # first and last ticks
    assert "1\u202f242 lectures sur 30 jours" in svg


def test_flush_reads_without_buffer_only_purges_expired_marks(article, settings):
    settings.READS_BUFFER = False
    with time_machine.travel(NOON, tick=False) as clock:
        reads.read_register(article_id=article.pk, reader="a" * 32)
        clock.shift(dt.timedelta(minutes=20))
        reads.read_register(article_id=article.pk, reader="b" * 32)
        clock.shift(dt.timedelta(minutes=15))
        out = __import__("io").StringIO()
        call_command("flush_reads", stdout=out)
    assert "rien à écrire" in out.getvalue()
    assert list(ReaderMark.objects.values_list("reader", flat=True)) == ["b" * 32]
    assert Article.objects.get(pk=article.pk).reads == 2
