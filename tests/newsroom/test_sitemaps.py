"""sitemap.xml (index, articles, sections), the Google News sitemap and robots.txt."""

from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from django.utils import timezone

from articles.models import Article
from newsroom.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory, RegionFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://www.courrier-des-alpes.example"
HERE = Path(__file__).parent
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(scope="module")
def sitemap_schema():
    return xmlschema.XMLSchema(HERE / "sitemap.xsd")


@pytest.fixture(scope="module")
def index_schema():
    return xmlschema.XMLSchema(HERE / "siteindex.xsd")


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = SITE_URL


def fetch(client, url, schema=None):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    if schema is not None:
        schema.validate(response.content.decode())
    return ElementTree.fromstring(response.content)


def locations(root, tag="url"):
    return [element.text for element in root.findall(f"sm:{tag}/sm:loc", NS)]


def test_index_lists_each_sitemap_and_validates(client, index_schema):
    ArticleFactory()
    root = fetch(client, "/sitemap.xml", index_schema)
    assert locations(root, "sitemap") == [
        f"{SITE_URL}/sitemap-articles.xml",
        f"{SITE_URL}/sitemap-rubriques.xml",
        f"{SITE_URL}/sitemap-news.xml",
    ]
    assert all(element.text for element in root.findall("sm:sitemap/sm:lastmod", NS))


def test_index_leaves_out_empty_sitemaps(client, index_schema):
    ArticleFactory(publish_at=timezone.now() - timedelta(days=5))
    root = fetch(client, "/sitemap.xml", index_schema)
    assert f"{SITE_URL}/sitemap-news.xml" not in locations(root, "sitemap")


def test_article_sitemap_validates_with_lastmod(client, sitemap_schema):
    article = ArticleFactory()
    root = fetch(client, "/sitemap-articles.xml", sitemap_schema)
    assert locations(root) == [SITE_URL + article.get_absolute_url()]
    lastmod = root.find("sm:url/sm:lastmod", NS).text
    assert lastmod.startswith(timezone.localtime(article.updated_at).strftime("%Y-%m-%dT%H:%M"))


def test_article_sitemap_is_paginated(client, monkeypatch, sitemap_schema, index_schema):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [ArticleFactory() for _ in range(5)]
    index = fetch(client, "/sitemap.xml", index_schema)
    assert [loc for loc in locations(index, "sitemap") if "articles" in loc] == [
        f"{SITE_URL}/sitemap-articles.xml",
        f"{SITE_URL}/sitemap-articles.xml?p=2",
        f"{SITE_URL}/sitemap-articles.xml?p=3",
    ]
    seen = []
    for page in (1, 2, 3):
        seen += locations(fetch(client, f"/sitemap-articles.xml?p={page}", sitemap_schema))
    assert seen == [SITE_URL + article.get_absolute_url() for article in articles]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404


def test_section_sitemap_lists_categories_with_articles(client, sitemap_schema):
    region = RegionFactory(name="Savoie", slug="savoie")
    sport = SectionFactory(name="Sport", slug="sport", parent=region)
    SectionFactory(name="Vide", slug="vide", parent=region)
    RegionFactory(name="Drôme", slug="drome")
    ArticleFactory(category=sport)
    root = fetch(client, "/sitemap-rubriques.xml", sitemap_schema)
    assert locations(root) == [SITE_URL + region.get_absolute_url(), SITE_URL + sport.get_absolute_url()]
    region_lastmod, sport_lastmod = (element.text for element in root.findall("sm:url/sm:lastmod", NS))
    assert region_lastmod == sport_lastmod


def test_news_sitemap_holds_the_last_48_hours(client):
    now = timezone.now()
    recent = ArticleFactory(title="Crue de l'Isère : l'alerte est levée", publish_at=now - timedelta(hours=47))
    ArticleFactory(title="Trop vieux", publish_at=now - timedelta(hours=49))
    root = fetch(client, "/sitemap-news.xml")
    assert locations(root) == [SITE_URL + recent.get_absolute_url()]
    news = root.find("sm:url/news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Le Courrier des Alpes"
    assert news.find("news:publication/news:language", NS).text == "fr"
    assert news.find("news:title", NS).text == "Crue de l'Isère : l'alerte est levée"
    published = news.find("news:publication_date", NS).text
    assert published == timezone.localtime(recent.publish_at).isoformat(timespec="seconds")


def test_news_sitemap_validates_apart_from_the_news_tags(client, sitemap_schema):
    """Google's news extension aside, it is a plain sitemap."""
    ArticleFactory()
    root = fetch(client, "/sitemap-news.xml")
    for url in root.findall("sm:url", NS):
        for news in url.findall("news:news", NS):
            url.remove(news)
    sitemap_schema.validate(ElementTree.tostring(root, encoding="unicode"))


HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT, "publish_at": None},
    "in-review": {"status": Article.Status.REVIEW, "publish_at": None},
    "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": timedelta(hours=1)},
    "unpublished": {"status": Article.Status.UNPUBLISHED},
}


def hidden_article(state):
    fields = dict(HIDDEN_STATES[state])
    if isinstance(fields.get("publish_at"), timedelta):
        fields["publish_at"] = timezone.now() + fields["publish_at"]
    return ArticleFactory(slug="cache", **fields)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_articles_are_absent_from_the_article_sitemap(client, state):
    hidden_article(state)
    visible = ArticleFactory()
    assert locations(fetch(client, "/sitemap-articles.xml")) == [SITE_URL + visible.get_absolute_url()]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_articles_are_absent_from_the_news_sitemap(client, state):
    hidden_article(state)
    visible = ArticleFactory()
    assert locations(fetch(client, "/sitemap-news.xml")) == [SITE_URL + visible.get_absolute_url()]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_sections_of_hidden_articles_only_are_absent(client, state):
    hidden = hidden_article(state)
    assert hidden.category.get_absolute_url() not in "".join(locations(fetch(client, "/sitemap-rubriques.xml")))


@pytest.mark.parametrize("count", [2, 30])
def test_sitemap_queries_do_not_grow(client, count, django_assert_max_num_queries):
    region = RegionFactory()
    for number in range(count):
        ArticleFactory(category=SectionFactory(parent=region) if number % 5 == 0 else region.children.first())
    with django_assert_max_num_queries(5):
        fetch(client, "/sitemap.xml")
    for url in ("/sitemap-articles.xml", "/sitemap-news.xml", "/sitemap-rubriques.xml"):
        with django_assert_max_num_queries(2):
            root = fetch(client, url)
        assert locations(root)


def test_robots_txt_points_to_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /recherche/" in lines
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines
    assert f"Sitemap: {SITE_URL}/sitemap-news.xml" in lines
