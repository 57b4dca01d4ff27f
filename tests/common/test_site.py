"""Absolute links follow the request's host when SITE_URL is unset; SITE_URL overrides."""

import pytest

from common.site import absolute_url, site_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_site_url(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    settings.SECURE_SSL_REDIRECT = False


def test_feed_and_sitemap_follow_the_port_of_make_run(client, no_site_url):
    article = ArticleFactory()
    feed = client.get("/flux/rss/", HTTP_HOST="127.0.0.1:8001").content.decode()
    assert f"http://127.0.0.1:8001{article.get_absolute_url()}" in feed
    assert "127.0.0.1:8000" not in feed
    sitemap = client.get("/sitemap-articles.xml", HTTP_HOST="127.0.0.1:8001").content.decode()
    assert f"<loc>http://127.0.0.1:8001{article.get_absolute_url()}</loc>" in sitemap


def test_a_page_cached_for_one_host_is_not_served_to_another(client, no_site_url):
    article = ArticleFactory()
    client.get(article.get_absolute_url(), HTTP_HOST="localhost:8001")
    page = client.get(article.get_absolute_url(), HTTP_HOST="127.0.0.1:8002").content.decode()
    assert f'content="http://127.0.0.1:8002{article.get_absolute_url()}"' in page  # og:url
    assert "localhost:8001" not in page


def test_https_behind_the_proxy_gives_https_links(client, no_site_url):
    article = ArticleFactory()
    feed = client.get("/flux/rss/", HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert f"https://localhost{article.get_absolute_url()}" in feed


def test_site_url_wins_over_the_host(client, settings):
    settings.SITE_URL = "https://www.courrier-des-alpes.example"
    article = ArticleFactory()
    feed = client.get("/flux/rss/", HTTP_HOST="testserver").content.decode()
    assert f"https://www.courrier-des-alpes.example{article.get_absolute_url()}" in feed
    assert "testserver" not in feed


def test_outside_a_request_the_address_of_make_run(no_site_url):
    assert site_url() == "http://127.0.0.1:8000"
    assert absolute_url("/admin/") == "http://127.0.0.1:8000/admin/"
    assert absolute_url("https://cdn.example/x.webp") == "https://cdn.example/x.webp"
