"""Cached public pages never outlive an editor's action: act, then fetch, see the change.

Each test fetches the page once (stored), checks the second fetch is a cache hit, acts
through the same service or model path the admin uses, then fetches again.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleAuthor, UpdateNote
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    section = SectionFactory(name="Sports", slug="sports")
    author = AuthorFactory(name="Léa Bernard", slug="lea-bernard")
    shown = ArticleFactory(
        title="Le derby tourne à l'avantage de Grenoble", category=section, authors=[author], tags=["rugby"]
    )
    return {"section": section, "author": author, "shown": shown, "editor": editor()}


def cached(client, url):
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second.get("X-Page-Cache") == "hit", f"{url} is not cached"
    return second.content.decode()


def public_urls(world):
    section = world["section"]
    return [
        reverse("home"),
        section.get_absolute_url(),
        section.parent.get_absolute_url(),
        world["author"].get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "rugby"}),
        reverse("site:rss"),
        reverse("site:category-rss", kwargs={"category_path": section.path}),
    ]


def test_publishing_an_article_shows_it_on_every_list_at_once(client, world):
    draft = ArticleFactory(
        title="Le club annonce une nouvelle tribune",
        category=world["section"],
        status=Article.Status.DRAFT,
        publish_at=None,
        authors=[world["author"]],
        tags=["rugby"],
    )
    for url in public_urls(world):
        assert "nouvelle tribune" not in cached(client, url)
    services.article_publish(article=draft, user=world["editor"])
    for url in public_urls(world):
        assert "nouvelle tribune" in client.get(url).content.decode(), url


def test_unpublishing_removes_it_from_every_page_at_once(client, world):
    shown = world["shown"]
    urls = [*public_urls(world), shown.get_absolute_url()]
    for url in urls:
        assert "derby tourne" in cached(client, url)
    services.article_unpublish(article=shown, user=world["editor"])
    for url in urls[:-1]:
        assert "derby tourne" not in client.get(url).content.decode(), url
    assert client.get(shown.get_absolute_url()).status_code == 404


def test_editing_the_title_refreshes_its_page_and_the_lists(client, world):
    shown = world["shown"]
    urls = [*public_urls(world), shown.get_absolute_url()]
    for url in urls:
        cached(client, url)
    shown.title = "Le derby se termine sur un match nul"
    shown.save()
    for url in urls:
        assert "match nul" in client.get(url).content.decode(), url


def test_deleting_removes_it_from_the_lists(client, world):
    urls = public_urls(world)
    for url in urls:
        cached(client, url)
    world["shown"].delete()
    for url in urls:
        response = client.get(url)
        assert "derby tourne" not in response.content.decode(), url


def test_adding_a_correction_note_refreshes_the_article_page(client, world):
    shown = world["shown"]
    cached(client, shown.get_absolute_url())
    UpdateNote.objects.create(article=shown, kind=UpdateNote.Kind.CORRECTION, text="Le score était de 21 à 18.")
    assert "21 à 18" in client.get(shown.get_absolute_url()).content.decode()


def test_renaming_the_author_refreshes_the_article_byline(client, world):
    shown = world["shown"]
    cached(client, shown.get_absolute_url())
    world["author"].name = "Léa Bernard-Rossi"
    world["author"].save()
    assert "Bernard-Rossi" in client.get(shown.get_absolute_url()).content.decode()


def test_new_byline_refreshes_the_new_author_page(client, world):
    other = AuthorFactory(name="Hugo Perrin", slug="hugo-perrin")
    cached(client, other.get_absolute_url())
    ArticleAuthor.objects.create(article=world["shown"], author=other, position=1)
    assert "derby tourne" in client.get(other.get_absolute_url()).content.decode()


def test_editing_a_related_article_refreshes_the_page_that_shows_it(client, world):
    shown = world["shown"]
    reader_page = ArticleFactory(category=world["section"])
    reader_page.related.add(shown)
    cached(client, reader_page.get_absolute_url())
    shown.title = "Le derby reporté à cause de la neige"
    shown.save()
    assert "reporté à cause de la neige" in client.get(reader_page.get_absolute_url()).content.decode()


def test_scheduled_article_appears_at_its_time_without_any_action(client, world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(
        title="Ouverture de la billetterie", category=world["section"], publish_at=timezone.now() + timedelta(minutes=2)
    )
    home = reverse("home")
    assert "Ouverture de la billetterie" not in cached(client, home)
    time_machine.shift(timedelta(minutes=2, seconds=1))
    assert "Ouverture de la billetterie" in client.get(home).content.decode()


def test_staff_never_get_a_cached_page_and_never_fill_the_cache(client, world):
    url = world["shown"].get_absolute_url()
    client.force_login(world["editor"])
    assert client.get(url).get("X-Page-Cache") is None
    client.logout()
    assert client.get(url).get("X-Page-Cache") == "miss"


def test_public_pages_carry_cache_headers_for_a_cdn(client, world):
    response = client.get(reverse("home"))
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    hit = client.get(reverse("home"))
    assert hit["X-Page-Cache"] == "hit" and "public" in hit["Cache-Control"]
    assert hit["ETag"] == response["ETag"]
    assert client.get(reverse("home"), HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304


def test_article_pages_make_a_cdn_revalidate_so_every_view_is_counted(client, world):
    url = world["shown"].get_absolute_url()
    for response in (client.get(url), client.get(url)):
        assert "no-cache" in response["Cache-Control"] and "public" in response["Cache-Control"]


def shown_reads(html):
    import re

    figure = re.search(r"article lu ([\d\s\u202f\u00a0]+) fois", html).group(1)
    return int(re.sub(r"\D", "", figure))


def test_cached_article_page_shows_a_read_count_at_most_a_flush_interval_old(client, world, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.ARTICLE_PAGE_CACHE_SECONDS = 60
    shown = world["shown"]
    url = shown.get_absolute_url()
    before = shown_reads(cached(client, url))
    Article.count_reads(shown.pk, 1000)
    time_machine.shift(timedelta(seconds=30))
    assert shown_reads(client.get(url).content.decode()) == before  # still the cached page
    time_machine.shift(timedelta(seconds=31))
    assert shown_reads(client.get(url).content.decode()) >= before + 1000
