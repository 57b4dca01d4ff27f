"""An article page rebuilt for its read counter reuses the article's rendered parts
(articles.fragments), and never shows them once an editor's change made them outdated."""

import datetime
import html as htmllib

import pytest
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, Box
from tests.factories import ArticleFactory, AuthorFactory, BoxFactory, SectionFactory, editor

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def page_cache_off_for_articles(settings):
    """Every request builds the page, as when its entry expired (the read counter)."""
    settings.ARTICLE_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def world():
    section = SectionFactory(name="Montagne", slug="montagne")
    author = AuthorFactory(name="Inès Garnier", slug="ines-garnier")
    article = ArticleFactory(
        title="Le refuge du Goûter rouvre ses portes", category=section, authors=[author], tags=["alpinisme"]
    )
    BoxFactory(article=article, heading="Le refuge, c'est quoi ?", body="Une cabane perchée à 3 835 mètres.")
    neighbour = ArticleFactory(title="La saison d'alpinisme s'annonce chargée", category=section, tags=["alpinisme"])
    return {"article": article, "author": author, "neighbour": neighbour}


def page(article):
    return htmllib.unescape(Client(HTTP_USER_AGENT=FIREFOX).get(article.get_absolute_url()).content.decode())


def test_a_rebuilt_article_page_reuses_its_rendered_parts(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = world["article"].get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        first_html = Client(HTTP_USER_AGENT=FIREFOX).get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        second_html = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPhone) Safari/604.1").get(url).content.decode()
    assert len(second.captured_queries) <= len(first.captured_queries) - 5
    # The article's row is the only thing read: fragments, reactions, ad slot and chrome
    # are kept (the other statements count the read).
    assert len([query for query in second.captured_queries if query["sql"].startswith("SELECT")]) == 1
    second_html = htmllib.unescape(second_html)
    assert "La saison d'alpinisme" in second_html and "Une cabane perchée" in second_html
    assert second_html.count("À lire également") == first_html.count("À lire également") == 1


@pytest.mark.parametrize(
    "change",
    ["box", "author", "related unpublished", "title", "tag removed"],
)
def test_an_editors_change_shows_at_once_on_a_rebuilt_page(world, change):
    article, neighbour = world["article"], world["neighbour"]
    page(article)
    if change == "box":
        box = Box.objects.get(article=article)
        box.body = "Un abri de haute montagne tenu par un gardien."
        box.save()
        expected, gone = "tenu par un gardien", "Une cabane perchée"
    elif change == "author":
        world["author"].name = "Inès Garnier-Roux"
        world["author"].save()
        expected, gone = "Inès Garnier-Roux", None
    elif change == "related unpublished":
        services.article_unpublish(article=neighbour, user=editor())
        expected, gone = None, "La saison d'alpinisme"
    elif change == "title":
        article.title = "Le refuge du Goûter ouvre sa saison"
        article.save()
        expected, gone = "Le refuge du Goûter ouvre sa saison", None
    else:
        article.tags.remove("alpinisme")
        expected, gone = None, 'rel="tag"'
    html = page(Article.objects.get(pk=article.pk))
    if expected:
        assert expected in html
    if gone:
        assert gone not in html


def test_the_dateline_of_todays_article_loses_its_time_the_next_day(world, time_machine):
    paris = timezone.get_default_timezone()
    time_machine.move_to(datetime.datetime(2026, 6, 29, 23, 58, tzinfo=paris), tick=False)
    article = ArticleFactory(
        title="Orage sur le Vercors", publish_at=datetime.datetime(2026, 6, 29, 14, 5, tzinfo=paris)
    )
    assert "le 29 juin 2026 à 14" in page(article)
    time_machine.move_to(datetime.datetime(2026, 6, 30, 0, 1, tzinfo=paris), tick=False)
    html = page(article)
    assert "le 29 juin 2026</time>" in html and "le 29 juin 2026 à 14" not in html


def test_a_preview_never_fills_the_article_parts(world, client):
    draft = ArticleFactory(title="Brouillon du dimanche", status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor())
    assert "Aperçu" in client.get(draft.get_absolute_url()).content.decode()
    from django.core.cache import cache

    from articles import fragments

    assert cache.get(fragments._key(draft.pk)) is None


def test_the_parts_follow_the_host_when_site_url_is_unset(world, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["testserver", "staging.example.org"]
    url = world["article"].get_absolute_url()
    Client(HTTP_USER_AGENT=FIREFOX).get(url)
    html = Client(HTTP_USER_AGENT=FIREFOX).get(url, HTTP_HOST="staging.example.org").content.decode()
    assert '"@id": "http://staging.example.org/' in html and "http://testserver/" not in html
