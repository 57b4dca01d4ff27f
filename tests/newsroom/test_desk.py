"""The desk: an editor's and a journalist's admin home."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleAuthor
from reads.models import ReadDay, ReaderMark
from tests.factories import ArticleFactory, AuthorFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db


def desk_html(client, user):
    client.force_login(user)
    html = client.get(reverse("admin:index")).content.decode()
    return html.split('<section class="desk module"')[1].split("</section>")[0] if "desk module" in html else ""


def test_the_editors_desk_shows_review_schedule_today_and_reads(client):
    writer = journalist(username="lea", first_name="Léa", last_name="Bernard")
    draft = ArticleFactory(
        title="Le budget des écoles", status=Article.Status.DRAFT, publish_at=None, created_by=writer
    )
    services.article_submit(article=draft, user=writer)
    ArticleFactory(title="Le marché de Noël ouvre", publish_at=timezone.now() + timedelta(hours=3))
    today = ArticleFactory(title="Neige sur le Vercors", publish_at=timezone.now() - timedelta(minutes=5))
    ArticleFactory(title="Un article d'hier", publish_at=timezone.now() - timedelta(days=2))
    now_ts = int(timezone.now().timestamp())
    for n in range(3):
        ReaderMark.objects.create(article=today, reader=f"r{n}", until=now_ts + 600)
    ReadDay.objects.create(article=today, day=timezone.localdate(), count=42)

    desk = desk_html(client, editor())
    review = desk.split("En relecture")[1].split("</div>")[0]
    assert "Le budget des écoles" in review and "Léa Bernard" in review and "depuis le " in review
    scheduled = desk.split("Programmés")[1].split("</div>")[0]
    assert "Le marché de Noël ouvre" in scheduled
    published = desk.split("Publiés aujourd'hui")[1].split("</div>")[0]
    assert "Neige sur le Vercors" in published and "Un article d" not in published
    reads = desk.split("Lu en ce moment")[1]
    assert "<strong>3</strong> lecteurs dans la dernière demi-heure" in reads
    assert "<strong>42</strong> lectures aujourd'hui" in reads
    assert "<svg" in reads and "<polyline" in reads and "Neige sur le Vercors" in reads


def test_a_journalist_sees_their_drafts_and_what_came_back(client):
    writer = journalist(username="paul")
    author = AuthorFactory(user=writer)
    back = ArticleFactory(title="Retour de relecture", status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    ArticleAuthor.objects.create(article=back, author=author)
    services.article_submit(article=back, user=writer)
    services.article_return_to_draft(article=back, user=editor())
    ArticleFactory(title="Mon brouillon", status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    ArticleFactory(title="Le brouillon d'un collègue", status=Article.Status.DRAFT, publish_at=None)
    desk = desk_html(client, writer)
    assert "Mon brouillon" in desk and "Retour de relecture" in desk
    assert "collègue" not in desk
    assert desk.index("Retour de relecture") < desk.index("revenu de relecture") < desk.index("Mon brouillon")


def test_a_moderator_has_no_desk(client):
    assert desk_html(client, moderator()) == ""


def test_editors_get_an_email_when_an_article_is_submitted(mailoutbox, django_capture_on_commit_callbacks):
    editor(username="chef", email="chef@example.org")
    editor(username="adjoint", email="adjoint@example.org")
    moderator(username="modo", email="modo@example.org")
    writer = journalist(username="lea", first_name="Léa", last_name="Bernard")
    draft = ArticleFactory(
        title="Le budget des écoles", status=Article.Status.DRAFT, publish_at=None, created_by=writer
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft, user=writer)
    assert sorted(message.to[0] for message in mailoutbox) == ["adjoint@example.org", "chef@example.org"]
    message = mailoutbox[0]
    assert message.subject == "À relire : Le budget des écoles"
    assert "Léa Bernard a soumis « Le budget des écoles »" in message.body
    assert f"/admin/articles/article/{draft.pk}/change/" in message.body
