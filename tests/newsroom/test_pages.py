"""Home, error pages and the tags every public page carries."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsroom.templatetags.french import date_fr
from reads.models import ReadDay
from tests.articles.test_views import photo_with_renditions, rich_article
from tests.factories import ArticleFactory, AuthorFactory, RegionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_home_shows_lead_story_and_latest_per_region_and_section(client):
    isere = RegionFactory(name="Isère", slug="isere")
    savoie = RegionFactory(name="Savoie", slug="savoie")
    sport = SectionFactory(name="Sport", slug="sport", parent=isere)
    culture = SectionFactory(name="Culture", slug="culture", parent=savoie)
    ArticleFactory(category=sport, title="Le GF38 l'emporte", publish_at=timezone.now() - timedelta(hours=3))
    ArticleFactory(category=culture, title="Festival à Chambéry", publish_at=timezone.now() - timedelta(hours=2))
    ArticleFactory(category=sport, title="La une du jour", lead_photo=photo_with_renditions())
    html = client.get("/").content.decode()
    lead = html.split('class="lead-story"')[1].split("</section>")[0]
    assert "La une du jour" in lead
    assert 'href="/isere/"' in html and 'href="/isere/sport/"' in html
    assert 'href="/savoie/culture/"' in html
    assert "Le GF38 l" in html and "Festival à Chambéry" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"status": Article.Status.UNPUBLISHED},
    ],
    ids=["draft", "scheduled", "unpublished"],
)
def test_non_public_articles_are_absent_from_home(client, state):
    ArticleFactory(title="Public visible")
    hidden = ArticleFactory(title="Caché aux lecteurs", reads=10_000, **state)
    ReadDay.objects.create(article=hidden, day=timezone.localdate(), count=500)
    html = client.get("/").content.decode()
    assert "Public visible" in html
    assert "Caché aux lecteurs" not in html  # not as lead, not in sections, not in "Les plus lus"


def test_most_read_uses_daily_buckets_today_and_week(client):
    today = timezone.localdate()
    hot_today = ArticleFactory(title="Lu aujourd'hui")
    hot_week = ArticleFactory(title="Lu cette semaine")
    old = ArticleFactory(title="Lu il y a longtemps", reads=99_999)
    ReadDay.objects.create(article=hot_today, day=today, count=30)
    ReadDay.objects.create(article=hot_week, day=today - timedelta(days=3), count=80)
    ReadDay.objects.create(article=old, day=today - timedelta(days=30), count=9_000)
    html = client.get("/").content.decode()
    block = html.split('id="les-plus-lus"')[1].split("</section>")[0]
    today_part, week_part = block.split("Sur sept jours")
    assert "Lu aujourd" in today_part and "Lu cette semaine" not in today_part
    assert week_part.index("Lu cette semaine") < week_part.index("Lu aujourd")
    assert "Lu il y a longtemps" not in block


def test_most_read_falls_back_to_the_stored_counter(client):
    ArticleFactory(title="Peu lu", reads=3)
    ArticleFactory(title="Très lu", reads=300)
    html = client.get("/").content.decode()
    block = html.split('id="les-plus-lus"')[1].split("</section>")[0]
    assert block.index("Très lu") < block.index("Peu lu")


def test_section_most_read_only_counts_its_own_articles(client):
    section = SectionFactory()
    mine = ArticleFactory(category=section, title="De la rubrique")
    other = ArticleFactory(title="D'ailleurs")
    ReadDay.objects.create(article=mine, day=timezone.localdate(), count=1)
    ReadDay.objects.create(article=other, day=timezone.localdate(), count=100)
    html = client.get(section.get_absolute_url()).content.decode()
    block = html.split('id="les-plus-lus"')[1].split("</section>")[0]
    assert "De la rubrique" in block and "ailleurs" not in block


def test_home_query_count_is_bounded(client, django_assert_max_num_queries):
    regions = [RegionFactory() for _ in range(3)]
    sections = [SectionFactory(parent=region) for region in regions for _ in range(3)]
    authors = [AuthorFactory() for _ in range(5)]
    for i in range(30):
        article = ArticleFactory(
            category=sections[i % len(sections)],
            authors=authors[: 1 + i % 5],
            tags=[f"t{i}", "commun"],
            lead_photo=photo_with_renditions() if i % 3 == 0 else None,
        )
        ReadDay.objects.create(article=article, day=timezone.localdate(), count=i + 1)
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def _head_tags(html):
    head = html.split("</head>")[0]
    return {
        "title": re.search(r"<title>(.+?)</title>", head, re.S),
        "description": re.search(r'<meta name="description" content="[^"]+">', head),
        "canonical": re.search(r'<link rel="canonical" href="https?://[^"]+">', head),
        "og:title": re.search(r'<meta property="og:title" content="[^"]+">', head),
        "og:url": re.search(r'<meta property="og:url" content="https?://[^"]+">', head),
        "og:image": re.search(r'<meta property="og:image" content="https?://[^"]+">', head),
        "twitter:card": re.search(r'<meta name="twitter:card" content="summary(_large_image)?">', head),
    }


def test_every_public_page_has_title_description_canonical_and_social_tags(client):
    article = rich_article()
    author = article.authors.first()
    for url in (
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        article.category.parent.get_absolute_url(),
        author.get_absolute_url(),
        "/mots-cles/mot-cle-0/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        missing = [name for name, found in _head_tags(response.content.decode()).items() if not found]
        assert not missing, (url, missing)


def test_french_dates():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    assert date_fr(datetime(2014, 6, 29, 18, 30, tzinfo=paris)) == "le 29 juin 2014"
    assert date_fr(datetime(2014, 8, 1, 9, 0, tzinfo=paris)) == "le 1er août 2014"
    now = timezone.now()
    today = date_fr(now)
    local = timezone.localtime(now)
    assert today.endswith(f"à {local.hour}\u00a0h\u00a0{local.minute:02d}")


def test_404_is_french_and_in_the_site_look(client):
    response = client.get("/cette/page/nexiste/pas.html")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html and "Cette page est introuvable" in html
    assert "css/site.css" in html


def test_500_page_needs_no_database(settings, django_assert_num_queries):
    from newsroom.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site rencontre un problème" in html and '<html lang="fr">' in html


def test_500_handler_is_used_for_a_crashing_view(settings):
    from django.urls import path

    from newsroom import urls

    def boom(request):
        raise RuntimeError("panne")

    class Conf:
        urlpatterns = [path("boom/", boom)]
        handler500 = urls.handler500

    settings.ROOT_URLCONF = Conf
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Le site rencontre un problème" in response.content.decode()


def test_home_lead_photo_loads_at_once_and_the_others_lazily(client):
    section = SectionFactory()
    ArticleFactory(
        category=section,
        title="Plus ancienne",
        lead_photo=photo_with_renditions(),
        publish_at=timezone.now() - timedelta(hours=5),
    )
    ArticleFactory(category=section, title="À la une", lead_photo=photo_with_renditions())
    html = client.get("/").content.decode()
    lead = html.split('class="lead-story"')[1].split("</section>")[0]
    rest = html.split('class="lead-story"')[1].split("</section>", 1)[1]
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead
    assert 'loading="lazy"' in rest and 'fetchpriority="high"' not in rest
    assert 'class="teaser teaser--lead"' in lead and "teaser--lead" not in rest
