"""``manage.py demo_content``: a believable demo site, loaded idempotently, plus bulk articles.

The demo is loaded once for the module (painting 64 photos takes a few seconds) inside a
transaction that is rolled back at the end; each test runs in a savepoint of its own.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, ArticleAuthor, Author, Box, Category, Photo, UpdateNote
from articles.services import user_can_publish
from newsroom.demo import texts as demo_data

Status = Article.Status


@dataclass
class Snapshot:
    counts: dict
    articles: set
    files: list
    passwords: dict
    output: str


def model_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def snapshot(media_root, output=""):
    return Snapshot(
        counts=model_counts(),
        articles=set(Article.objects.values_list("slug", "status", "publish_at", "updated_at")),
        files=stored_files(media_root),
        passwords=dict(get_user_model().objects.values_list("username", "password")),
        output=output,
    )


def run_demo(*args):
    out = io.StringIO()
    call_command("demo_content", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo site as a first ``demo_content`` leaves it, and what it printed."""
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media, PASSWORD_HASHERS=fast_hasher):
        with transaction.atomic():
            output = run_demo()
            yield snapshot(demo_media, output)
            transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db, settings, demo_media):
    """A test's savepoint over the loaded demo, with the demo's media folder."""
    settings.MEDIA_ROOT = demo_media
    return demo


def test_second_run_changes_nothing(demo_db, demo_media):
    run_demo()
    after = snapshot(demo_media)
    assert after.counts == demo_db.counts
    assert after.articles == demo_db.articles
    assert after.files == demo_db.files
    assert after.passwords == demo_db.passwords


def test_a_run_days_later_changes_nothing(demo_db, demo_media, time_machine):
    # By then the scheduled stories are out: the reactions stay on the articles they name.
    time_machine.move_to(timezone.now() + timedelta(days=2, hours=20))
    run_demo()
    assert snapshot(demo_media).counts == demo_db.counts


def test_four_regions_of_four_sections(demo_db):
    regions = Category.objects.filter(parent=None)
    assert {region.name for region in regions} == {"Isère", "Savoie", "Haute-Savoie", "Drôme"}
    for region in regions:
        assert region.children.count() == 4
    assert Category.objects.filter(parent__isnull=False).count() >= 16
    assert Category.objects.get(path="isere/actualites").full_name == "Isère / Actualités"


def test_articles_in_every_state(demo_db):
    now = timezone.now()
    assert Article.objects.count() >= 60
    scheduled = Article.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
    assert scheduled.count() == 3
    assert all(article.first_published_at == article.publish_at for article in scheduled)
    assert Article.objects.filter(status=Status.DRAFT).count() == 3
    assert Article.objects.filter(status=Status.REVIEW).count() == 1
    public = Article.objects.published()
    assert public.count() == Article.objects.count() - 7
    assert all(section.articles.exists() for section in Category.objects.filter(parent__isnull=False))
    dates = sorted(public.values_list("publish_at", flat=True))
    assert dates[-1] - dates[0] > timedelta(days=120)  # spread over several months
    assert dates[-1] > now - timedelta(days=2)  # and fresh
    assert public.filter(first_published_at=None).count() == 0


def test_articles_read_like_a_newspaper(demo_db):
    for article in Article.objects.all():
        assert article.standfirst
        assert article.body.count("<p>") >= 3, article.slug
        assert "<h2>" in article.body and "«" in article.body and "<a href=" in article.body, article.slug
        assert article.authors.exists()
        assert article.tags.exists()
        photo = article.lead_photo
        assert photo.caption and photo.credit and photo.alt_text
        assert (photo.width, photo.height) == (1600, 1000)
        assert sorted(photo.renditions, key=int) == ["480", "800", "1200"]
    assert Photo.objects.count() == Article.objects.count()  # one photo each
    assert Box.objects.count() >= 5
    assert UpdateNote.objects.filter(kind="correction").exists() and UpdateNote.objects.filter(kind="update").exists()
    assert Article.related.through.objects.count() >= 6
    assert Article.objects.filter(reads__gt=0).count() == Article.objects.published().count()


def test_photos_are_in_storage_with_their_renditions(demo_db):
    photo = Photo.objects.first()
    assert default_storage.exists(photo.image.name)
    for entry in photo.renditions.values():
        assert default_storage.exists(entry["webp"]) and default_storage.exists(entry["jpeg"])
    # the original, then three widths in two formats, per photo
    assert len(demo_db.files) == Photo.objects.count() * 7


def test_authors_with_bios_one_signing_for_the_journalist(demo_db):
    assert Author.objects.count() >= 6
    assert not Author.objects.filter(bio="").exists()
    author = Author.objects.get(user__username="journaliste")
    assert author.articles.filter(status=Status.DRAFT).exists()  # the journalist has a draft of her own
    assert author.articles.filter(status=Status.REVIEW).exists()


@pytest.mark.parametrize(
    ("username", "group", "publishes"),
    [
        ("redaction", "Rédaction en chef", True),
        ("journaliste", "Journalistes", False),
        ("moderateur", "Modérateurs", False),
    ],
)
def test_demo_accounts_log_in_with_their_role(demo_db, username, group, publishes):
    user = authenticate(username=username, password=demo_data.PASSWORD)
    assert user is not None and user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert user_can_publish(user) is publishes


def test_admin_is_a_superuser(demo_db):
    user = authenticate(username="admin", password=demo_data.PASSWORD)
    assert user is not None and user.is_superuser and user.is_staff


def test_accounts_are_printed(demo_db):
    for username in ("redaction", "journaliste", "moderateur", "admin"):
        assert username in demo_db.output
    assert "demo-newsroom" in demo_db.output


def test_existing_account_keeps_its_password(demo_db):
    user = get_user_model().objects.get(username="admin")
    user.set_password("un-autre-mot-de-passe")
    user.save()
    run_demo()
    assert authenticate(username="admin", password="un-autre-mot-de-passe") is not None


def test_demo_article_page_shows(demo_db, client):
    article = Article.objects.published().first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.title in response.content.decode()
    draft = Article.objects.filter(status=Status.DRAFT).first()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_bulk_adds_exactly_the_articles_asked(demo_db, demo_media):
    before = Article.objects.count()
    bylines = ArticleAuthor.objects.count()
    output = run_demo("--articles", "50")
    assert Article.objects.count() == before + 50
    assert "50 articles ajoutés" in output
    assert ArticleAuthor.objects.count() >= bylines + 50
    assert stored_files(demo_media) == demo_db.files  # photos reused, no file made

    run_demo("--articles", "50", "--batch-size", "7")
    assert Article.objects.count() == before + 100
    added = Article.objects.exclude(slug__in={slug for slug, *_ in demo_db.articles})
    assert added.count() == 100  # unique slugs across runs
    assert not added.filter(article_authors=None).exists()
    published = added.filter(status=Status.PUBLISHED)
    assert published.count() >= 80
    assert not published.filter(publish_at=None).exists()
    assert not published.filter(first_published_at=None).exists()
    assert not added.filter(lead_photo=None).exists()
    span = max(a.publish_at for a in published) - min(a.publish_at for a in published)
    assert span > timedelta(days=365)


def test_bulk_articles_are_found_by_search_on_postgresql(demo_db, postgres):
    run_demo("--articles", "5")
    assert (
        not Article.objects.filter(search_vector=None)
        .exclude(slug__in={slug for slug, *_ in demo_db.articles})
        .exists()
    )


def test_negative_article_count_is_refused(demo_db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="négatif"):
        run_demo("--articles", "-1")


def test_readers_have_reacted_and_the_queue_has_work(demo_db):
    from comments.models import Reaction

    approved = Reaction.objects.approved()
    assert approved.count() >= 3
    assert Reaction.objects.in_moderation().exists()
    article = approved.first().article
    assert article.reactions_count == approved.filter(article=article).count()


def test_each_reaction_is_on_the_article_its_text_names(demo_db):
    from comments.models import Reaction

    slugs = {entry["key"]: slugify(entry["title"])[:200] for entry in demo_data.ARTICLES}
    for key, _name, email, message, _approve in demo_data.DEMO_REACTIONS:
        assert Reaction.objects.get(email=email, message=message).article.slug == slugs[key]


def test_no_app_imports_the_demo():
    """The demo depends on the apps, never the reverse: only its command loads it."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {root / "newsroom/management/commands/demo_content.py"}
    offenders = []
    for app in ("articles", "comments", "reads", "common", "newsroom"):
        for source in (root / app).rglob("*.py") if (root / app).is_dir() else ():
            if source in allowed or (root / "newsroom/demo") in source.parents:
                continue
            for node in ast.walk(ast.parse(source.read_text())):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if any(name == "newsroom.demo" or name.startswith("newsroom.demo.") for name in names):
                    offenders.append(str(source.relative_to(root)))
    assert offenders == []


def test_demo_has_the_legal_pages_an_alert_and_its_une(demo_db, client):
    from newsroom.frontpage import front_page_articles
    from newsroom.models import BreakingNews, SitePage

    assert set(SitePage.objects.values_list("title", flat=True)) == {
        "Mentions légales",
        "Contact",
        "Politique de confidentialité",
    }
    assert BreakingNews.objects.current() is not None
    assert front_page_articles()[0].slug.startswith("en-images-")
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "Mentions légales" in footer and "Contact" in footer and "Politique de confidentialité" in footer


def test_demo_shows_each_kind_of_rich_body(demo_db, client):
    article = Article.objects.get(slug__startswith="en-images-")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<figure class="body-photo">' in html and 'class="gallery"' in html
    assert "<table>" in html and "<blockquote>" in html and "<h2>" in html
    for provider in ("youtube", "dailymotion", "vimeo", "x", "instagram", "facebook", "openstreetmap"):
        assert f"embed--{provider}" in html, provider


def test_demo_photos_alt_text_describes_the_painting(demo_db):
    for photo in Photo.objects.all():
        assert photo.alt_text.startswith("Illustration : des montagnes"), photo.alt_text
