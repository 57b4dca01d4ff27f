"""Every save keeps a revision; editors see the history and restore an earlier text."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles import services
from articles.models import Article
from tests.articles.test_admin import change_url, form_data
from tests.factories import ArticleFactory, editor, journalist

pytestmark = pytest.mark.django_db

Status = Article.Status


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def save_through_admin(client, article, **changes):
    data = form_data(client.get(change_url(article)))
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def oldest_version(article):
    return Version.objects.get_for_object(article).order_by("pk").first()


def test_each_admin_save_keeps_a_revision_listed_in_the_history(client):
    article = ArticleFactory(title="Premier titre")
    user = editor()
    client.force_login(user)
    save_through_admin(client, article, title="Deuxième titre")
    save_through_admin(client, article, title="Troisième titre")
    versions = Version.objects.get_for_object(article)
    assert [v.field_dict["title"] for v in versions] == ["Troisième titre", "Deuxième titre"]
    assert all(v.revision.user == user for v in versions)
    html = client.get(history_url(article)).content.decode()
    for version in versions:
        assert revision_url(article, version) in html


def test_restoring_an_older_revision_brings_back_title_body_and_encadres(client):
    article = ArticleFactory(title="Titre d'origine", body="<p>Texte d'origine.</p>")
    client.force_login(editor())
    save_through_admin(
        client,
        article,
        **{
            "boxes-TOTAL_FORMS": "1",
            "boxes-0-heading": "Repères",
            "boxes-0-body": "Le premier encadré.",
            "boxes-0-position": "0",
        },
    )
    original = oldest_version(article)
    save_through_admin(client, article, title="Titre réécrit", body="<p>Texte réécrit.</p>")
    box = article.boxes.get()
    data = form_data(client.get(change_url(article)))
    data.update({"boxes-0-heading": ["Repères modifiés"], "boxes-0-body": ["Tout autre chose."]})
    data.update(
        {
            "boxes-TOTAL_FORMS": ["2"],
            "boxes-1-heading": ["Un encadré de trop"],
            "boxes-1-body": ["À supprimer par la restauration."],
            "boxes-1-position": ["1"],
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    assert article.boxes.count() == 2

    # The restore page shows the old text, without writing it yet.
    response = client.get(revision_url(article, original))
    assert response.status_code == 200
    assert "Titre d&#x27;origine" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Titre réécrit"

    # Saving that page restores it.
    restored = client.post(revision_url(article, original), form_data(response))
    assert restored.status_code == 302
    article.refresh_from_db()
    assert article.title == "Titre d'origine"
    assert article.body == "<p>Texte d'origine.</p>"
    assert [(b.pk, b.heading, b.body) for b in article.boxes.all()] == [(box.pk, "Repères", "Le premier encadré.")]
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment.startswith("Restauré depuis une version précédente")


def test_restore_keeps_the_current_status_dates_and_reads(client):
    """Restoring an old text of a published article neither unpublishes it nor loses reads."""
    user = editor()
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None, title="Brouillon")
    client.force_login(user)
    save_through_admin(client, article, title="Brouillon relu")
    draft_version = Version.objects.get_for_object(article).first()
    services.article_publish(article=article, user=user)
    Article.count_reads(article.pk, 512)
    article.refresh_from_db()
    published_at = article.publish_at

    response = client.get(revision_url(article, draft_version))
    assert client.post(revision_url(article, draft_version), form_data(response)).status_code == 302
    article.refresh_from_db()
    assert article.title == "Brouillon relu"
    assert (article.status, article.publish_at, article.first_published_at) == (
        Status.PUBLISHED,
        published_at,
        published_at,
    )
    assert article.reads == 512
    assert article.is_public


def test_restore_from_versions_made_by_the_services(client):
    user = editor()
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None, title="Avant")
    services.article_submit(article=article, user=user)
    before = Version.objects.get_for_object(article).first()
    article.title = "Après"
    services.article_return_to_draft(article=article, user=user)
    client.force_login(user)
    response = client.get(revision_url(article, before))
    assert client.post(revision_url(article, before), form_data(response)).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Avant", Status.DRAFT)


def test_journalist_cannot_restore_a_colleagues_article(client):
    article = ArticleFactory(title="Titre du collègue")
    client.force_login(editor())
    save_through_admin(client, article, title="Titre modifié")
    version = oldest_version(article)
    client.force_login(journalist())
    assert client.get(revision_url(article, version)).status_code == 403
    assert client.post(revision_url(article, version), {"title": "x"}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Titre modifié"


def test_journalist_restores_an_older_text_of_own_draft(client):
    user = journalist()
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None, created_by=user)
    client.force_login(user)
    save_through_admin(client, article, title="Ma première version")
    first = Version.objects.get_for_object(article).first()
    save_through_admin(client, article, title="Ma seconde version")
    response = client.get(revision_url(article, first))
    assert client.post(revision_url(article, first), form_data(response)).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status, article.created_by) == ("Ma première version", Status.DRAFT, user)


def test_unknown_revision_is_404(client):
    article = ArticleFactory()
    client.force_login(editor())
    save_through_admin(client, article, title="Une version")
    version = Version.objects.get_for_object(article).first()
    other = ArticleFactory()
    assert client.get(revision_url(other, version)).status_code == 404


def test_scheduled_article_keeps_its_time_when_an_older_text_is_restored(client):
    user = editor()
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None)
    client.force_login(user)
    save_through_admin(client, article, title="Texte du matin")
    morning = Version.objects.get_for_object(article).first()
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    services.article_schedule(article=article, user=user, at=at)
    response = client.get(revision_url(article, morning))
    assert client.post(revision_url(article, morning), form_data(response)).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.PUBLISHED, at)


def test_editor_recovers_a_deleted_article_as_a_draft(client):
    article = ArticleFactory(title="Article supprimé par erreur")
    user = editor()
    client.force_login(user)
    save_through_admin(client, article, title="Article supprimé par erreur")
    assert "Articles supprimés" in client.get(reverse("admin:articles_article_changelist")).content.decode()
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 302
    version = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    assert recover_url in client.get(reverse("admin:articles_article_recoverlist")).content.decode()
    form = client.get(recover_url)
    assert client.post(recover_url, form_data(form)).status_code == 302
    recovered = Article.objects.get(pk=article.pk)
    assert (recovered.title, recovered.status) == ("Article supprimé par erreur", Status.DRAFT)
    assert not Article.objects.published().exists()


def test_journalists_cannot_see_or_recover_deleted_articles(client):
    article = ArticleFactory()
    user = editor()
    client.force_login(user)
    save_through_admin(client, article, title="Sera supprimé")
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    version = Version.objects.get_deleted(Article).get()
    client.force_login(journalist())
    assert "Articles supprimés" not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
    assert client.post(reverse("admin:articles_article_recover", args=[version.pk]), {}).status_code == 403
    assert not Article.objects.exists()


def test_restoring_an_older_revision_brings_back_its_tags(client):
    article = ArticleFactory(title="Titre d'origine", tags=["Chamrousse", "ski"])
    client.force_login(editor())
    save_through_admin(client, article, title="Titre d'origine, relu")
    original = oldest_version(article)
    save_through_admin(client, article, title="Titre réécrit", tags=["politique"], new_tags="budget")
    assert sorted(article.tags.names()) == ["budget", "politique"]

    response = client.get(revision_url(article, original))
    assert response.status_code == 200
    assert sorted(article.tags.names()) == ["budget", "politique"]  # shown, not written yet
    assert client.post(revision_url(article, original), form_data(response)).status_code == 302
    article.refresh_from_db()
    assert article.title == "Titre d'origine, relu"
    assert sorted(article.tags.names()) == ["Chamrousse", "ski"]


def test_a_tag_deleted_since_does_not_stop_a_restore(client):
    article = ArticleFactory(title="Titre d'origine", tags=["Chamrousse", "ski"])
    client.force_login(editor())
    save_through_admin(client, article, title="Titre d'origine, relu")
    original = oldest_version(article)
    Tag.objects.get(name="ski").delete()
    save_through_admin(client, article, title="Titre réécrit", tags=["politique"])
    response = client.get(revision_url(article, original))
    assert client.post(revision_url(article, original), form_data(response)).status_code == 302
    article.refresh_from_db()
    assert article.title == "Titre d'origine, relu"
    assert sorted(article.tags.names()) == ["Chamrousse"]
