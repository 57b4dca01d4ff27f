"""RSS and Atom feeds: valid, complete, and only what readers may see."""

import html
from datetime import timedelta

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.renditions import photo_make_renditions
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RegionFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://www.courrier-des-alpes.example"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def isere():
    region = RegionFactory(name="Isère", slug="isere")
    return {
        "region": region,
        "news": SectionFactory(name="Actualités", slug="actualites", parent=region),
        "sport": SectionFactory(name="Sport", slug="sport", parent=region),
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


def entry_titles(feed):
    return [entry.title for entry in feed.entries]


def test_feed_urls():
    assert reverse("site:rss") == "/flux/rss/"
    assert reverse("site:atom") == "/flux/atom/"
    assert reverse("site:category-rss", kwargs={"category_path": "isere/sport"}) == "/flux/isere/sport/rss/"
    assert reverse("site:category-atom", kwargs={"category_path": "isere"}) == "/flux/isere/atom/"


@pytest.mark.parametrize(
    "url, content_type", [("/flux/rss/", "application/rss+xml"), ("/flux/atom/", "application/atom+xml")]
)
def test_site_feed_lists_the_twenty_latest_newest_first(client, url, content_type):
    now = timezone.now()
    for number in range(22):
        ArticleFactory(title=f"Article {number}", publish_at=now - timedelta(hours=number + 1))
    response, feed = parse(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert entry_titles(feed) == [f"Article {number}" for number in range(20)]
    assert feed.feed.title == "Le Courrier des Alpes"
    assert feed.feed.link.startswith(SITE_URL)
    assert feed.feed.language.startswith("fr")


@pytest.mark.parametrize("url", ["/flux/rss/", "/flux/atom/"])
def test_entry_has_authors_categories_dates_and_link(client, isere, url):
    article = ArticleFactory(
        title="Les JO d'hiver à Grenoble ?",
        standfirst="Le comité d'organisation s'est réuni <mardi> & mercredi.",
        category=isere["sport"],
        authors=[AuthorFactory(name="Zoé Arnaud"), AuthorFactory(name="Bruno Abel")],
        tags=["jeux olympiques"],
    )
    _, feed = parse(client, url)
    (entry,) = feed.entries
    assert entry.title == "Les JO d'hiver à Grenoble ?"
    assert entry.link == SITE_URL + article.get_absolute_url()
    assert entry.author == "Zoé Arnaud, Bruno Abel"  # byline order, not alphabetical
    assert {tag.term for tag in entry.tags} == {"Isère", "Sport", "jeux olympiques"}
    # The summary is HTML: the plain-text standfirst arrives escaped, shown as typed.
    assert "<mardi>" not in entry.summary
    assert html.unescape(entry.summary) == "Le comité d'organisation s'est réuni <mardi> & mercredi."
    assert entry.published_parsed[:5] == article.publish_at.utctimetuple()[:5]
    if "atom" in url:  # RSS 2.0 has no update date
        assert entry.updated_parsed[:5] == max(article.updated_at, article.publish_at).utctimetuple()[:5]
    assert entry.id == f"tag:www.courrier-des-alpes.example,2026:article-{article.pk}"


def test_entry_id_survives_a_new_address(client):
    article = ArticleFactory()
    _, before = parse(client, "/flux/atom/")
    article.slug = "un-nouveau-titre"
    article.save()
    _, after = parse(client, "/flux/atom/")
    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].link != after.entries[0].link


def test_photo_without_renditions_is_no_enclosure_never_the_original(client):
    photo = PhotoFactory()
    ArticleFactory(lead_photo=photo)
    response, feed = parse(client, "/flux/rss/")
    assert feed.entries[0].enclosures == []
    assert photo.image.name not in response.content.decode()


def test_enclosure_prefers_the_widest_jpeg_rendition(client):
    photo = photo_make_renditions(photo=PhotoFactory())
    ArticleFactory(lead_photo=photo)
    _, feed = parse(client, "/flux/atom/")
    (enclosure,) = feed.entries[0].enclosures
    widest = photo.renditions[str(max(int(width) for width in photo.renditions))]["jpeg"]
    assert enclosure.href == SITE_URL + default_storage.url(widest)
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == default_storage.size(widest)


def test_article_without_photo_has_no_enclosure(client):
    ArticleFactory(lead_photo=None)
    _, feed = parse(client, "/flux/rss/")
    assert feed.entries[0].enclosures == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feed_holds_only_its_section(client, isere, kind):
    ArticleFactory(title="Un but à la dernière minute", category=isere["sport"])
    ArticleFactory(title="Le conseil municipal se réunit", category=isere["news"])
    ArticleFactory(title="Ailleurs", category=SectionFactory())
    _, feed = parse(client, f"/flux/isere/sport/{kind}/")
    assert entry_titles(feed) == ["Un but à la dernière minute"]
    assert feed.feed.title == "Le Courrier des Alpes — Isère / Sport"


def test_region_feed_holds_its_sections(client, isere):
    now = timezone.now()
    ArticleFactory(title="Sport", category=isere["sport"], publish_at=now - timedelta(hours=2))
    ArticleFactory(title="Actualités", category=isere["news"], publish_at=now - timedelta(hours=1))
    ArticleFactory(title="Ailleurs", category=SectionFactory())
    _, feed = parse(client, "/flux/isere/rss/")
    assert entry_titles(feed) == ["Actualités", "Sport"]


def test_unknown_section_feed_is_404(client):
    assert client.get("/flux/nulle-part/rss/").status_code == 404


def test_renamed_section_feed_redirects(client, isere):
    sport = isere["sport"]
    sport.slug = "sports"
    sport.save()
    response = client.get("/flux/isere/sport/atom/")
    assert response.status_code == 301
    assert response["Location"] == "/flux/isere/sports/atom/"


HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT, "publish_at": None},
    "in-review": {"status": Article.Status.REVIEW, "publish_at": None},
    "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": timedelta(hours=1)},
    "unpublished": {"status": Article.Status.UNPUBLISHED},
}


def hidden_article(state, **kwargs):
    fields = dict(HIDDEN_STATES[state])
    if isinstance(fields.get("publish_at"), timedelta):
        fields["publish_at"] = timezone.now() + fields["publish_at"]
    return ArticleFactory(title="Caché", **fields, **kwargs)


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("url", ["/flux/rss/", "/flux/atom/"])
def test_hidden_articles_are_absent_from_the_site_feed(client, state, url):
    hidden_article(state)
    ArticleFactory(title="Visible")
    _, feed = parse(client, url)
    assert entry_titles(feed) == ["Visible"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("path", ["isere/sport", "isere"])
def test_hidden_articles_are_absent_from_section_feeds(client, isere, state, path):
    hidden_article(state, category=isere["sport"])
    ArticleFactory(title="Visible", category=isere["sport"])
    _, feed = parse(client, f"/flux/{path}/atom/")
    assert entry_titles(feed) == ["Visible"]


def _fill(section, count):
    photo = PhotoFactory()
    for number in range(count):
        ArticleFactory(
            category=section,
            lead_photo=photo,
            authors=[AuthorFactory(), AuthorFactory()],
            tags=[f"mot {number}", "commun"],
        )


@pytest.mark.parametrize("count", [2, 20])
def test_site_feed_queries_do_not_grow_with_the_articles(client, isere, count, django_assert_max_num_queries):
    _fill(isere["sport"], count)
    with django_assert_max_num_queries(3):
        _, feed = parse(client, "/flux/rss/")
    assert len(feed.entries) == count


@pytest.mark.parametrize("count", [2, 20])
def test_section_feed_queries_do_not_grow_with_the_articles(client, isere, count, django_assert_max_num_queries):
    _fill(isere["sport"], count)
    with django_assert_max_num_queries(5):
        _, feed = parse(client, "/flux/isere/atom/")
    assert len(feed.entries) == count
