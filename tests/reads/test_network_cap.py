"""Read inflation: one network adds at most READS_NETWORK_CAP reads to an article per window."""

import datetime as dt

import pytest
import time_machine

from articles.models import Article
from reads import services as reads
from reads.models import NetworkQuota
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture(params=["database", "redis"])
def mode(request, settings):
    settings.READS_NETWORK_CAP = 3
    if request.param == "redis":
        settings.READS_BUFFER, settings.READS_REDIS_URL = True, request.getfixturevalue("redis_url")
    else:
        settings.READS_BUFFER = False
    return request.param


@pytest.fixture
def article():
    return ArticleFactory(publish_at=NOON - dt.timedelta(days=1))


def shown(article):
    return reads.displayed_reads(Article.objects.get(pk=article.pk))


def read(client, article, n, address="203.0.113.7", cookie=None):
    client.cookies.clear()
    if cookie:
        client.cookies["nr_lecteur"] = cookie
    ua = f"Mozilla/5.0 (X11; Linux x86_64; rv:{100 + n}.0) Gecko/20100101 Firefox/{100 + n}.0"
    return client.get(article.get_absolute_url(), headers={"user-agent": ua}, REMOTE_ADDR=address)


def test_one_address_rotating_user_agents_adds_at_most_the_cap(client, article, mode):
    with time_machine.travel(NOON, tick=False):
        for n in range(10):
            assert read(client, article, n).status_code == 200
        assert shown(article) == 3
        read(client, article, 99, address="198.51.100.20")  # another network is not held back
        assert shown(article) == 4


def test_minted_cookies_do_not_get_around_the_cap(client, article, mode):
    with time_machine.travel(NOON, tick=False):
        for n in range(10):
            read(client, article, 0, cookie=f"forged-cookie-number-{n:04d}")
        assert shown(article) == 3


def test_one_ipv6_subscriber_prefix_is_one_network(client, article, mode):
    with time_machine.travel(NOON, tick=False):
        for n in range(6):
            read(client, article, n, address=f"2001:db8:1234:5678::{n + 1:x}")
        assert shown(article) == 3
        read(client, article, 7, address="2001:db8:1234:9999::1")  # the next /64
        assert shown(article) == 4


def test_the_cap_is_per_article_and_per_window(client, article, mode):
    other = ArticleFactory(publish_at=NOON - dt.timedelta(days=1))
    with time_machine.travel(NOON, tick=False) as clock:
        for n in range(5):
            read(client, article, n)
            read(client, other, n)
        assert (shown(article), shown(other)) == (3, 3)
        clock.shift(dt.timedelta(minutes=31))
        for n in range(10, 15):
            read(client, article, n)
        assert shown(article) == 6


def test_repeat_views_of_one_reader_do_not_use_the_quota(client, article, mode):
    with time_machine.travel(NOON, tick=False):
        for _ in range(5):
            read(client, article, 0, cookie="a-returning-reader-cookie")
        for n in range(1, 10):
            read(client, article, n)
        assert shown(article) == 3


def test_no_cap_when_set_to_zero(client, article, mode, settings):
    settings.READS_NETWORK_CAP = 0
    with time_machine.travel(NOON, tick=False):
        for n in range(8):
            read(client, article, n)
        assert shown(article) == 8


def test_expired_quotas_are_purged_by_flush_reads(client, article, settings):
    settings.READS_NETWORK_CAP, settings.READS_BUFFER = 3, False
    with time_machine.travel(NOON, tick=False):
        read(client, article, 0)
    quota = NetworkQuota.objects.get()
    assert (quota.used, len(quota.network)) == (1, 32)  # a keyed hash, never the address
    reads.purge_marks(now=NOON + dt.timedelta(minutes=31))
    assert NetworkQuota.objects.count() == 0
