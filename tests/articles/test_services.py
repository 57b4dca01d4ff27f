"""The publishing workflow's services: states, dates, revisions, and what they never touch."""

from datetime import timedelta

import pytest
import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, editor, journalist

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
    with pytest.raises(ValidationError, match="doit être dans le futur"):
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
