"""The publishing workflow's services: states, dates, revisions, and what they never touch."""

from datetime import timedelta

import pytest
import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, ArticleAuthor, ArticleRedirect
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    UserFactory,
    editor,
    journalist,
    moderator,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


def draft(**kwargs):
    return ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None, **kwargs)


def test_submit_moves_a_draft_to_review_and_keeps_a_revision():
    user = journalist()
    article = draft(created_by=user)
    services.article_submit(article=article, user=user)
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    version = Version.objects.get_for_object(article).first()
    assert version.revision.comment == "Soumis à la relecture"
    assert version.revision.user == user
    assert version.field_dict["status"] == Status.REVIEW


def test_submit_refuses_an_article_that_is_not_a_draft():
    article = ArticleFactory(status=Status.REVIEW, publish_at=None)
    with pytest.raises(ValidationError, match="Seul un brouillon peut être soumis"):
        services.article_submit(article=article, user=editor())


def test_return_to_draft_only_from_review():
    user = editor()
    article = ArticleFactory(status=Status.REVIEW, publish_at=None)
    services.article_return_to_draft(article=article, user=user)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    with pytest.raises(ValidationError, match="Seul un article en relecture"):
        services.article_return_to_draft(article=article, user=user)


def test_publish_now_sets_dates_and_makes_it_public():
    article = draft()
    before = timezone.now()
    services.article_publish(article=article, user=editor())
    article.refresh_from_db()
    assert article.is_public
    assert before <= article.publish_at <= timezone.now()
    assert article.first_published_at == article.publish_at


def test_republishing_keeps_the_first_publication_date():
    first = timezone.now() - timedelta(days=3)
    article = ArticleFactory(status=Status.UNPUBLISHED, publish_at=first, first_published_at=first)
    services.article_publish(article=article, user=editor())
    article.refresh_from_db()
    assert article.first_published_at == first
    assert article.publish_at > first


def test_schedule_in_the_future_is_published_but_not_yet_public():
    at = timezone.now() + timedelta(hours=5)
    article = draft()
    services.article_schedule(article=article, user=editor(), at=at)
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.PUBLISHED, at)
    assert not article.is_public
    assert not Article.objects.published().exists()
    assert Article.objects.published(now=at).get() == article
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert comment.startswith("Programmé pour le ")


@pytest.mark.parametrize("at", [None, "past"])
def test_schedule_needs_a_future_date(at):
    at = timezone.now() - timedelta(minutes=1) if at == "past" else at
    article = draft()
    with pytest.raises(ValidationError, match="date de publication"):
        services.article_schedule(article=article, user=editor(), at=at)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_schedule_checks_the_right_before_the_date():
    """A journalist is refused (403), whatever date they send."""
    with pytest.raises(PermissionDenied):
        services.article_schedule(article=draft(), user=journalist(), at=None)


def test_unpublish_only_a_published_article():
    user = editor()
    article = ArticleFactory()
    services.article_unpublish(article=article, user=user)
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED
    assert not Article.objects.published().exists()
    with pytest.raises(ValidationError, match="Seul un article publié ou programmé"):
        services.article_unpublish(article=article, user=user)


def test_unpublishing_a_scheduled_article_cancels_it():
    article = ArticleFactory(publish_at=timezone.now() + timedelta(days=1))
    services.article_unpublish(article=article, user=editor())
    assert not Article.objects.published(now=timezone.now() + timedelta(days=2)).exists()


def test_a_workflow_step_never_writes_back_a_stale_read_count():
    """Reads counted between loading the article and publishing it are kept."""
    article = ArticleFactory(status=Status.REVIEW, publish_at=None)
    loaded = Article.objects.get(pk=article.pk)
    Article.count_reads(article.pk, 25)
    services.article_publish(article=loaded, user=editor())
    article.refresh_from_db()
    assert article.reads == 25
    assert article.status == Status.PUBLISHED


def test_any_save_of_a_loaded_article_keeps_the_reads_counted_meanwhile():
    """Shell, imports and revision restores save too: the model itself never writes reads back."""
    article = ArticleFactory()
    loaded = Article.objects.get(pk=article.pk)
    Article.count_reads(article.pk, 7)
    loaded.title = "Un titre corrigé"
    loaded.save()
    article.refresh_from_db()
    assert (article.title, article.reads) == ("Un titre corrigé", 7)


def test_each_step_is_one_revision_with_the_byline_encadres_and_notes():
    article = draft()
    article.boxes.create(heading="Repères", body="Trois dates.")
    user = editor()
    services.article_submit(article=article, user=user)
    services.article_publish(article=article, user=user)
    versions = Version.objects.get_for_object(article)
    assert [v.revision.comment for v in versions] == ["Publié", "Soumis à la relecture"]
    followed = versions.first().revision.version_set.values_list("content_type__model", flat=True)
    assert sorted(followed) == ["article", "box"]


def test_services_join_an_outer_revision_block():
    """Inside the admin's own revision block, a service adds to it rather than opening a second."""
    article = draft()
    user = editor()
    with reversion.create_revision():
        article.title = "Titre relu"
        article.save()
        services.article_publish(article=article, user=user)
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert versions.first().field_dict["title"] == "Titre relu"
    assert versions.first().field_dict["status"] == Status.PUBLISHED


# --- every transition × every role ----------------------------------------------------------

NOW_PLUS = timedelta(days=2)

# What the workflow promises, written out: (state, action) → state after, when allowed.
EXPECTED_MOVES = {
    ("draft", "submit"): "review",
    ("review", "return_to_draft"): "draft",
    ("draft", "publish"): "published",
    ("review", "publish"): "published",
    ("unpublished", "publish"): "published",
    ("scheduled", "publish"): "published",
    ("draft", "schedule"): "scheduled",
    ("review", "schedule"): "scheduled",
    ("unpublished", "schedule"): "scheduled",
    ("scheduled", "schedule"): "scheduled",
    ("published", "unpublish"): "unpublished",
    ("scheduled", "unpublish"): "unpublished",
    **{(state, "restore"): state for state in ("draft", "review", "scheduled", "published", "unpublished")},
}
STATES = ("draft", "review", "scheduled", "published", "unpublished")
ACTIONS = ("submit", "publish", "schedule", "return_to_draft", "unpublish", "restore")
ROLES = ("editor", "author", "colleague", "moderator", "superuser")


def role_may(role, action, state):
    """Editors and superusers run every action; a journalist only writes their own drafts."""
    if role in {"editor", "superuser"}:
        return True
    return role == "author" and state == "draft" and action in {"submit", "restore"}


def make_user(role):
    if role in {"author", "colleague"}:
        return journalist()
    if role == "moderator":
        return moderator()
    if role == "superuser":
        return UserFactory(is_superuser=True)
    return editor()


def article_in(state, *, author):
    now = timezone.now()
    fields = {
        "draft": {"status": Status.DRAFT, "publish_at": None, "first_published_at": None},
        "review": {"status": Status.REVIEW, "publish_at": None, "first_published_at": None},
        "scheduled": {"status": Status.PUBLISHED, "publish_at": now + timedelta(hours=3), "first_published_at": None},
        "published": {"status": Status.PUBLISHED, "publish_at": now - timedelta(days=1)},
        "unpublished": {"status": Status.UNPUBLISHED, "publish_at": now - timedelta(days=3)},
    }[state]
    article = ArticleFactory(title="Titre de la version gardée", created_by=author, **fields)
    with reversion.create_revision():
        article.save()
    Article.objects.filter(pk=article.pk).update(title="Titre d'aujourd'hui")
    article.refresh_from_db()
    return article


def run(action, *, article, user):
    if action == "schedule":
        return services.article_schedule(article=article, user=user, at=timezone.now() + NOW_PLUS)
    if action == "restore":
        version = Version.objects.get_for_object(article).first()
        return services.article_restore(article=article, version=version, user=user)
    service = getattr(services, f"article_{action}")
    return service(article=article, user=user)


def row(article):
    return Article.objects.filter(pk=article.pk).values("status", "publish_at", "first_published_at", "title").get()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_every_transition_for_every_role(state, action, role):
    author = journalist()
    user = author if role == "author" else make_user(role)
    article = article_in(state, author=author)
    before, revisions = row(article), Version.objects.get_for_object(article).count()

    if not role_may(role, action, state):
        with pytest.raises(PermissionDenied):
            run(action, article=Article.objects.get(pk=article.pk), user=user)
    elif (state, action) not in EXPECTED_MOVES:
        with pytest.raises(ValidationError):
            run(action, article=Article.objects.get(pk=article.pk), user=user)
    else:
        run(action, article=Article.objects.get(pk=article.pk), user=user)
        after = Article.objects.get(pk=article.pk)
        assert services.article_state(after) == EXPECTED_MOVES[(state, action)]
        latest = Version.objects.get_for_object(after).first()
        assert (Version.objects.get_for_object(after).count(), latest.revision.user) == (revisions + 1, user)
        if action == "restore":
            assert after.title == "Titre de la version gardée"
            assert (after.status, after.publish_at) == (before["status"], before["publish_at"])
        return
    assert row(article) == before  # refused: nothing stored
    assert Version.objects.get_for_object(article).count() == revisions


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_available_actions_are_exactly_the_moves_that_succeed(state, role):
    author = journalist()
    user = author if role == "author" else make_user(role)
    article = article_in(state, author=author)
    offered = {action.name for action in services.available_actions(user, article)}
    expected = {action for action in ACTIONS if role_may(role, action, state) and (state, action) in EXPECTED_MOVES}
    assert offered == expected


@pytest.mark.parametrize("role", ROLES)
def test_recover_a_deleted_article_by_role(role):
    user = make_user(role)
    article = article_in("published", author=journalist())
    pk = article.pk
    with reversion.create_revision():
        article.save()
    article.delete()
    version = Version.objects.get_deleted(Article).get()
    offered = {action.name for action in services.available_actions(user, None)}
    if role in {"editor", "superuser"}:
        assert offered == {"recover"}
        services.article_recover(version=version, user=user)
        recovered = Article.objects.get(pk=pk)
        assert (recovered.status, recovered.title) == (Status.DRAFT, "Titre d'aujourd'hui")
    else:
        assert offered == set()
        with pytest.raises(PermissionDenied):
            services.article_recover(version=version, user=user)
        assert not Article.objects.filter(pk=pk).exists()


# --- what each move keeps ----------------------------------------------------------------


def test_publishing_a_public_article_again_is_refused_and_keeps_its_date():
    article = ArticleFactory()
    published_at = article.publish_at
    with pytest.raises(ValidationError, match="déjà en ligne"):
        services.article_publish(article=Article.objects.get(pk=article.pk), user=editor())
    article.refresh_from_db()
    assert article.publish_at == published_at
    assert not Version.objects.get_for_object(article).exists()


def test_publishing_a_scheduled_article_now_moves_its_first_publication_to_now():
    article = draft()
    user = editor()
    services.article_schedule(article=article, user=user, at=timezone.now() + timedelta(days=1))
    services.article_publish(article=article, user=user)
    article.refresh_from_db()
    assert article.is_public
    assert article.first_published_at == article.publish_at <= timezone.now()


def test_a_cancelled_schedule_leaves_no_first_publication_date():
    article = draft()
    user = editor()
    services.article_schedule(article=article, user=user, at=timezone.now() + timedelta(days=1))
    services.article_unpublish(article=article, user=user)
    article.refresh_from_db()
    assert (article.status, article.first_published_at) == (Status.UNPUBLISHED, None)


def test_schedule_comment_reads_the_french_date():
    article = draft()
    at = timezone.make_aware(timezone.datetime(2099, 12, 1, 14, 5))
    services.article_schedule(article=article, user=editor(), at=at)
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert comment == "Programmé pour le 1er décembre 2099 à 14\u00a0h\u00a005"


def test_restore_keeps_the_reads_counted_meanwhile_and_the_state():
    user = editor()
    article = ArticleFactory(title="Avant")
    services.article_unpublish(article=article, user=user)
    version = Version.objects.get_for_object(article).first()
    article.title = "Après"
    article.save()
    Article.count_reads(article.pk, 41)
    services.article_restore(article=Article.objects.get(pk=article.pk), version=version, user=user)
    article.refresh_from_db()
    assert (article.title, article.status, article.reads) == ("Avant", Status.UNPUBLISHED, 41)


def test_restore_brings_back_byline_encadres_and_tags_and_drops_later_ones():
    user = editor()
    first, second = AuthorFactory(), AuthorFactory()
    article = draft(authors=[first], tags=["ski", "Chamrousse"])
    article.boxes.create(heading="Repères", body="Trois dates.")
    services.article_submit(article=article, user=user)
    version = Version.objects.get_for_object(article).first()
    article.article_authors.all().delete()
    ArticleAuthor.objects.create(article=article, author=second, position=0)
    article.boxes.all().delete()
    article.boxes.create(heading="Un autre encadré", body="…")
    article.tags.set(["politique"])
    services.article_restore(article=article, version=version, user=user)
    assert [link.author for link in article.article_authors.all()] == [first]
    assert list(article.boxes.values_list("heading", flat=True)) == ["Repères"]
    assert sorted(article.tags.names()) == ["Chamrousse", "ski"]
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_restore_of_an_old_slug_keeps_the_current_address_working():
    user = editor()
    article = ArticleFactory(slug="ancienne-adresse")
    services.article_unpublish(article=article, user=user)
    version = Version.objects.get_for_object(article).first()
    services.article_publish(article=article, user=user)
    article = Article.objects.get(pk=article.pk)
    article.slug = "nouvelle-adresse"
    article.save()
    services.article_restore(article=Article.objects.get(pk=article.pk), version=version, user=user)
    assert Article.objects.get(pk=article.pk).slug == "ancienne-adresse"
    assert ArticleRedirect.objects.filter(old_path__contains="nouvelle-adresse", article=article).exists()


def test_restore_refuses_a_version_of_another_article():
    user = editor()
    one, other = draft(), draft()
    services.article_submit(article=other, user=user)
    with pytest.raises(ValidationError):
        services.article_restore(article=one, version=Version.objects.get_for_object(other).first(), user=user)


def test_restore_keeps_today_photo_when_the_old_one_was_deleted():
    user = editor()
    old_photo = PhotoFactory()
    article = draft(lead_photo=old_photo)
    services.article_submit(article=article, user=user)
    version = Version.objects.get_for_object(article).first()
    old_photo.delete()
    services.article_restore(article=Article.objects.get(pk=article.pk), version=version, user=user)
    assert Article.objects.get(pk=article.pk).lead_photo is None


def test_recover_brings_the_byline_and_encadres_back_as_a_draft():
    user = editor()
    author = AuthorFactory()
    article = ArticleFactory(title="Supprimé par erreur", authors=[author], tags=["ski"])
    article.boxes.create(heading="Repères", body="Trois dates.")
    services.article_unpublish(article=article, user=user)
    pk = article.pk
    article.delete()
    version = Version.objects.get_deleted(Article).get()
    services.article_recover(version=version, user=user)
    recovered = Article.objects.get(pk=pk)
    assert (recovered.title, recovered.status) == ("Supprimé par erreur", Status.DRAFT)
    assert [link.author for link in recovered.article_authors.all()] == [author]
    assert list(recovered.boxes.values_list("heading", flat=True)) == ["Repères"]
    assert list(recovered.tags.names()) == ["ski"]
    comment = Version.objects.get_for_object(recovered).first().revision.comment
    assert comment == "Récupéré après suppression, en brouillon"


def test_recover_refuses_when_its_address_was_taken_since():
    user = editor()
    article = ArticleFactory(slug="adresse-reprise")
    services.article_unpublish(article=article, user=user)
    article.delete()
    version = Version.objects.get_deleted(Article).get()
    ArticleFactory(slug="adresse-reprise")
    with pytest.raises(ValidationError, match="reprise par un autre article"):
        services.article_recover(version=version, user=user)
    assert Article.objects.count() == 1


def test_restore_does_not_reopen_reactions_closed_since():
    user = editor()
    article = ArticleFactory(title="Avant")
    services.article_unpublish(article=article, user=user)
    version = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(title="Après", reactions_enabled=False)
    services.article_restore(article=Article.objects.get(pk=article.pk), version=version, user=user)
    article.refresh_from_db()
    assert (article.title, article.reactions_enabled) == ("Avant", False)
