"""An article page rebuilt for its read counter reuses the article's rendered parts
(articles.fragments), and never shows them once an editor's change made them outdated."""

import datetime
import html as htmllib

import pytest
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleRendering, Box
from tests.factories import ArticleFactory, AuthorFactory, BoxFactory, SectionFactory, editor

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def page_cache_off_for_articles(settings):
    """Every request builds the page, as when its entry expired (the read counter)."""
    settings.ARTICLE_PAGE_CACHE_SECONDS = 0


@pytest.fixture(params=["recent", "archive"])
def world(request):
    """An article with a box, a byline and a neighbour in its "À lire également": published
    today (its parts in the cache) or ten days ago (its parts in the database)."""
    days = 10 if request.param == "archive" else 0
    section = SectionFactory(name="Montagne", slug="montagne")
    author = AuthorFactory(name="Inès Garnier", slug="ines-garnier")
    article = ArticleFactory(
        title="Le refuge du Goûter rouvre ses portes",
        category=section,
        authors=[author],
        tags=["alpinisme"],
        publish_at=timezone.now() - datetime.timedelta(days=days, hours=1),
    )
    BoxFactory(article=article, heading="Le refuge, c'est quoi ?", body="Une cabane perchée à 3 835 mètres.")
    neighbour = ArticleFactory(
        title="La saison d'alpinisme s'annonce chargée",
        category=section,
        tags=["alpinisme"],
        publish_at=timezone.now() - datetime.timedelta(days=days, hours=2),
    )
    return {"article": article, "author": author, "neighbour": neighbour, "section": section}


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
    ["box", "author", "related unpublished", "title", "tag removed", "section renamed", "related retitled"],
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
    elif change == "section renamed":
        world["section"].name = "Haute montagne"
        world["section"].save()
        expected, gone = "Haute montagne", None
    elif change == "related retitled":
        neighbour.title = "La saison d'alpinisme sera longue"
        neighbour.save()
        expected, gone = "sera longue", "s'annonce chargée"
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


def select_count(url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = Client(HTTP_USER_AGENT=FIREFOX).get(url).content.decode()
    return len([query for query in queries.captured_queries if query["sql"].startswith("SELECT")]), html


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_an_archive_articles_parts_are_kept_in_the_database(world):
    from django.core.cache import cache

    from articles import fragments

    article = world["article"]
    page(article)
    rendering = ArticleRendering.objects.get(article=article)
    assert "Une cabane perchée" in rendering.parts["tail"]
    assert cache.get(fragments._key(article.pk)) is None  # not in the cache as well
    queries, html = select_count(article.get_absolute_url())
    assert queries == 1  # the article's row, with its parts
    assert ArticleRendering.objects.get(article=article).built_at == rendering.built_at
    assert "Une cabane perchée" in htmllib.unescape(html)


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_archive_parts_no_cache_vouches_for_are_rendered_again(world):
    """The cache flushed (or evicted), no version says nothing changed since: built anew."""
    from django.core.cache import cache

    article = world["article"]
    page(article)
    built_at = ArticleRendering.objects.get(article=article).built_at
    cache.clear()
    Article.objects.filter(pk=world["neighbour"].pk).update(title="Changé sans que le cache le sache")
    assert "Changé sans que le cache le sache" in page(article)
    assert ArticleRendering.objects.get(article=article).built_at > built_at


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_a_publication_in_the_section_or_the_tag_keeps_the_archive_parts(world):
    article = world["article"]
    page(article)
    built_at = ArticleRendering.objects.get(article=article).built_at
    ArticleFactory(title="Un nouveau refuge au Vercors", category=world["section"], tags=["alpinisme"])
    queries, html = select_count(article.get_absolute_url())
    assert queries == 1  # the article's row, with its parts
    assert ArticleRendering.objects.get(article=article).built_at == built_at
    assert "Un nouveau refuge" not in html  # its "À lire également" is that of its days


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_archive_parts_showing_todays_hour_are_rendered_again_after_midnight(world, time_machine):
    paris = timezone.get_default_timezone()
    time_machine.move_to(datetime.datetime(2026, 6, 29, 23, 58, tzinfo=paris), tick=False)
    article = world["article"]
    Article.objects.filter(pk=article.pk).update(
        publish_at=datetime.datetime(2026, 6, 10, 9, 0, tzinfo=paris), first_published_at=None
    )
    Article.objects.filter(pk=world["neighbour"].pk).update(
        publish_at=datetime.datetime(2026, 6, 29, 14, 5, tzinfo=paris)
    )
    article = Article.objects.get(pk=article.pk)
    assert "le 29 juin 2026 à 14" in page(article)
    assert ArticleRendering.objects.get(article=article).expires_at == datetime.datetime(
        2026, 6, 30, 0, 0, tzinfo=paris
    )
    time_machine.move_to(datetime.datetime(2026, 6, 30, 0, 1, tzinfo=paris), tick=False)
    html = page(article)
    assert "le 29 juin 2026</time>" in html and "le 29 juin 2026 à 14" not in html


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_archive_parts_are_rendered_again_within_a_week(world, time_machine):
    article = world["article"]
    page(article)
    built_at = ArticleRendering.objects.get(article=article).built_at
    time_machine.move_to(timezone.now() + datetime.timedelta(days=7, minutes=1), tick=False)
    page(article)
    assert ArticleRendering.objects.get(article=article).built_at > built_at


def test_an_archive_preview_keeps_nothing(client):
    draft = ArticleFactory(
        title="Brouillon d'archives",
        status=Article.Status.DRAFT,
        publish_at=timezone.now() - datetime.timedelta(days=30),
    )
    client.force_login(editor())
    assert "Aperçu" in client.get(draft.get_absolute_url()).content.decode()
    assert not ArticleRendering.objects.exists()


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_an_archive_articles_reactions_region_is_kept_with_its_parts(world):
    from comments.models import Reaction
    from comments.moderation import reaction_approve, reaction_submit
    from tests.factories import moderator

    article = world["article"]
    assert "Réagir à cet article" in page(article)
    assert "Réagir à cet article" in ArticleRendering.objects.get(article=article).extras["reactions"]["html"]
    queries, html = select_count(article.get_absolute_url())
    assert queries == 1  # the row brings the region too
    assert 'name="csrfmiddlewaretoken"' in html and "csrf-hole" not in html  # the reader's own token
    reaction = reaction_submit(article=article, name="Odile", email="odile@example.org", message="Quel refuge !")
    assert reaction.state == Reaction.State.PENDING
    reaction_approve(reaction=reaction, user=moderator())
    assert "Quel refuge !" in page(Article.objects.get(pk=article.pk))


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_an_archive_articles_kept_form_gives_way_to_the_closed_notice(world, time_machine):
    from comments.moderation import reactions_close_at

    # Open for 11 days: the form goes in a day, well before the row is rendered again.
    Article.objects.filter(pk=world["article"].pk).update(reactions_open_days=11)
    article = Article.objects.get(pk=world["article"].pk)
    assert 'name="message"' in page(article)
    close_at = reactions_close_at(article)
    assert close_at - timezone.now() < datetime.timedelta(days=1)
    assert ArticleRendering.objects.get(article=article).extras["reactions"]["until"] == close_at.timestamp()
    time_machine.move_to(close_at + datetime.timedelta(minutes=1), tick=False)
    assert 'name="message"' not in page(Article.objects.get(pk=article.pk))


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_purge_renderings_deletes_the_expired_parts_only(world):
    import io

    from django.core.management import call_command

    article, neighbour = world["article"], world["neighbour"]
    page(article)
    page(neighbour)
    ArticleRendering.objects.filter(article=neighbour).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    out = io.StringIO()
    call_command("purge_renderings", stdout=out)
    assert "1 rendu(s) d'article expiré(s) supprimé(s)." in out.getvalue()
    assert list(ArticleRendering.objects.values_list("article_id", flat=True)) == [article.pk]


@pytest.fixture
def renderings_refused(postgres):
    """PostgreSQL refuses every write to the kept parts (a trigger raises), as a full
    disk or a read-only standby would."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_rendering() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            " LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_rendering BEFORE INSERT OR UPDATE ON articles_articlerendering"
            " FOR EACH ROW EXECUTE FUNCTION refuse_rendering()"
        )


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_an_archive_page_is_served_when_its_parts_cannot_be_written(world, renderings_refused, caplog):
    for _ in range(2):
        response = Client(HTTP_USER_AGENT=FIREFOX).get(world["article"].get_absolute_url())
        assert response.status_code == 200
        assert "Une cabane perchée" in htmllib.unescape(response.content.decode())
    assert not ArticleRendering.objects.exists()
    assert "Rendered parts not kept" in caplog.text


@pytest.mark.parametrize("world", ["archive"], indirect=True)
def test_a_deploy_with_new_static_names_renders_the_archive_parts_again(world, monkeypatch):
    from django.contrib.staticfiles.storage import staticfiles_storage

    article = world["article"]
    page(article)
    built_at = ArticleRendering.objects.get(article=article).built_at
    # What a new collectstatic's manifest carries (a logo changed: its hashed name too).
    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "a-new-deploy", raising=False)
    page(article)
    assert ArticleRendering.objects.get(article=article).built_at > built_at
