"""The cheaper query paths the scale benchmark called for (bench/README.md, "Scale")."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.admin import YearProbingQuerySet
from articles.models import Article
from articles.views import PAGE_SIZE
from newsroom import views as home_views
from newsroom.ads import TOP_SLOT, ad_slot_html
from newsroom.chrome import site_chrome
from tests.factories import ArticleFactory, SectionFactory, editor

pytestmark = pytest.mark.django_db


def _at(year, month=6):
    return datetime(year, month, 15, 12, tzinfo=timezone.get_current_timezone())


def test_year_probing_gives_the_years_django_would_list():
    for year in (2019, 2021, 2021, 2024):  # 2020, 2022 and 2023 have nothing
        ArticleFactory(publish_at=_at(year))
    ArticleFactory(publish_at=_at(2022, 1).replace(month=1, day=1, hour=0, minute=30))  # Paris new year
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None, first_published_at=None)
    probing = YearProbingQuerySet(Article)

    expected = [moment.year for moment in Article.objects.datetimes("publish_at", "year")]
    assert [moment.year for moment in probing.datetimes("publish_at", "year")] == expected == [2019, 2021, 2022, 2024]
    assert [moment.year for moment in probing.datetimes("publish_at", "year", order="DESC")] == expected[::-1]
    assert [m.month for m in probing.filter(publish_at__year=2021).datetimes("publish_at", "month")] == [6]
    assert list(YearProbingQuerySet(Article).none().datetimes("publish_at", "year")) == []


def test_changelist_date_hierarchy_links_each_year_with_articles(client):
    ArticleFactory(publish_at=_at(2018))
    ArticleFactory(publish_at=_at(2025))
    client.force_login(editor())

    html = client.get("/admin/articles/article/").content.decode()

    assert "publish_at__year=2018" in html and "publish_at__year=2025" in html
    assert "publish_at__year=2020" not in html


def test_changelist_counts_the_table_once(client):
    ArticleFactory.create_batch(3)
    client.force_login(editor())
    client.get("/admin/articles/article/")
    response = client.get("/admin/articles/article/", {"status__exact": "published"})
    assert response.context["cl"].result_count == 3
    assert response.context["cl"].full_result_count is None  # no second COUNT(*)


def test_deep_section_page_lists_the_right_articles_with_as_many_queries_as_the_first(client):
    section = SectionFactory()
    now = timezone.now()
    articles = [
        ArticleFactory(category=section, publish_at=now - timezone.timedelta(hours=index))
        for index in range(2 * PAGE_SIZE + 3)
    ]
    url = section.get_absolute_url()
    client.get(url)  # content types, sessions: the per-process warm-up

    with CaptureQueriesContext(connection) as first:  # a new address: not from the page cache
        client.get(url, {"page": 1})
    with CaptureQueriesContext(connection) as last:
        response = client.get(url, {"page": 3})

    assert [article.pk for article in response.context["page"].object_list] == [a.pk for a in articles[-3:]]
    assert len(last) == len(first)


def test_region_page_lists_its_sections_articles_newest_first(client):
    section = SectionFactory()
    other = SectionFactory(parent=section.parent)
    older = ArticleFactory(category=section, publish_at=timezone.now() - timezone.timedelta(days=2))
    newer = ArticleFactory(category=other, publish_at=timezone.now() - timezone.timedelta(days=1))
    ArticleFactory(category=SectionFactory())  # another region

    page = client.get(section.parent.get_absolute_url()).context["page"]

    assert [article.pk for article in page.object_list] == [newer.pk, older.pk]
    assert page.paginator.count == 2


def test_search_ranks_only_the_newest_matches(client, postgres, monkeypatch, django_capture_on_commit_callbacks):
    from newsroom import search

    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        matching = [
            ArticleFactory(title=f"Le téléphérique numéro {index}", publish_at=now - timezone.timedelta(days=index))
            for index in range(5)
        ]
        ArticleFactory(title="Rien à voir")

    results = search.search_articles("téléphérique")

    assert sorted(results.items) == sorted(article.pk for article in matching[:3])
    assert results.capped


def test_search_completes_the_recent_matches_with_the_newest_older_ones(
    postgres, monkeypatch, django_capture_on_commit_callbacks
):
    from newsroom import search

    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)
    last_year = timezone.now() - search.RECENT_WINDOW
    with django_capture_on_commit_callbacks(execute=True):
        recent = ArticleFactory(title="Le téléphérique rouvre", publish_at=timezone.now() - timedelta(days=2))
        older = [
            ArticleFactory(title=f"Le téléphérique, épisode {n}", publish_at=last_year - timedelta(days=n))
            for n in range(1, 4)
        ]

    results = search.search_articles("téléphérique")

    assert set(results.items) == {recent.pk, older[0].pk, older[1].pk}
    assert results.capped
    assert search.search_articles("rouvre") == search.SearchResults([recent.pk], capped=False)


def test_search_says_more_than_the_cap_instead_of_a_count(
    client, postgres, monkeypatch, django_capture_on_commit_callbacks
):
    from newsroom import search

    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(4):
            ArticleFactory(title=f"Le téléphérique, épisode {n}")

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/recherche/", {"q": "téléphérique"}).content.decode()

    assert "Plus de 3 articles trouvés" in html
    assert "4 articles" not in html
    assert not [query for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]
    html = client.get("/recherche/", {"q": "épisode 2"}).content.decode()
    assert "1 article trouvé." in html


def _tagged(count, tag="lac"):
    now = timezone.now()
    return [
        ArticleFactory(title=f"Au bord du lac, numéro {n:02d}", tags=[tag], publish_at=now - timedelta(hours=n + 1))
        for n in range(count)
    ]


def test_tagged_is_the_articles_carrying_the_tag():
    from taggit.models import Tag

    carrying = _tagged(2)
    ArticleFactory(tags=["montagne"])
    tag = Tag.objects.get(slug="lac")

    assert set(Article.objects.tagged(tag)) == set(carrying) == set(Article.objects.filter(tags=tag))


def test_tag_page_pages_newest_first_without_counting(client):
    articles = _tagged(PAGE_SIZE + 3)
    ArticleFactory(title="Brouillon du lac", tags=["lac"], status=Article.Status.DRAFT)
    client.get("/mots-cles/lac/")  # content types, sessions: the per-process warm-up

    with CaptureQueriesContext(connection) as queries:  # a new address: not from the page cache
        first = client.get("/mots-cles/lac/", {"page": 1})
    second = client.get("/mots-cles/lac/", {"page": 2})

    assert [a.pk for a in first.context["page"]] == [a.pk for a in articles[:PAGE_SIZE]]
    assert [a.pk for a in second.context["page"]] == [a.pk for a in articles[PAGE_SIZE:]]
    assert not [query for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]
    html, html2 = first.content.decode(), second.content.decode()
    assert '<link rel="next" href="/mots-cles/lac/?page=2">' in html and 'rel="prev"' not in html
    assert "Page 1</span>" in html and " sur " not in html.split('class="pagination"')[1]
    assert '<link rel="prev" href="/mots-cles/lac/">' in html2 and 'rel="next"' not in html2
    assert "Brouillon du lac" not in html + html2


@pytest.mark.parametrize(("page", "status"), [("3", 404), ("99999999999999999999", 404), ("abc", 200), ("-2", 200)])
def test_tag_page_past_the_end_or_absurd_is_never_an_error(client, page, status):
    _tagged(PAGE_SIZE + 3)
    assert client.get("/mots-cles/lac/", {"page": page}).status_code == status


def test_tag_page_query_count_does_not_grow_with_the_tag(client, django_assert_max_num_queries):
    _tagged(3)
    client.get("/mots-cles/lac/")
    with CaptureQueriesContext(connection) as few:
        client.get("/mots-cles/lac/", {"page": 1})
    _tagged(PAGE_SIZE + 5)
    site_chrome()  # the new sections enter the site's menu, built once for every page
    ad_slot_html(TOP_SLOT)  # new regions touch the site's chrome: the ad slot is read again once
    with django_assert_max_num_queries(len(few)):
        client.get("/mots-cles/lac/", {"page": 2})


def test_home_ranks_only_the_newest_articles(client, monkeypatch):
    """The home's cost does not grow with the archive: only a window of the newest counts."""
    monkeypatch.setattr(home_views, "HOME_RECENT_WINDOW", 3)
    now = timezone.now()
    recent = [ArticleFactory(publish_at=now - timedelta(hours=n)) for n in range(1, 4)]
    old = ArticleFactory(title="Une brève de l'an dernier", publish_at=now - timedelta(days=400))
    shown = [article for _region, _sections, items in home_views.home_regions() for article in items]
    assert set(shown) == set(recent)
    assert old not in shown
